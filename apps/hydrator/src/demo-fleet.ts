import { INestApplication, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SYSTEM_ACTOR } from '@hydrator/audit';
import { HydratorConfig } from '@hydrator/config';
import { TargetRole } from '@hydrator/database';
import { ApplicationsService } from '@hydrator/registry';
import { GitHubSandbox } from '@hydrator/sandbox';

interface DemoApplication {
  name: string;
  dependsOn: string[];
}

/** A small fleet with a dependency chain, like the article's: core services first, products after. */
const FLEET: DemoApplication[] = [
  { name: 'auth', dependsOn: [] },
  { name: 'search', dependsOn: [] },
  { name: 'billing-api', dependsOn: ['auth'] },
  { name: 'chatiq', dependsOn: ['auth', 'search'] },
  { name: 'scribe', dependsOn: ['chatiq'] },
  { name: 'debug-dashboard', dependsOn: [] },
];

const AUTHORS = ['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds'];
const DAY = 86_400_000;

/**
 * Seeds the GitHub sandbox with the demo fleet's commit history. Every start, whatever was chosen: the
 * sandbox keeps no state across restarts, and a fleet registered by an earlier start needs the same shas.
 */
export function seedDemoHistory(github: GitHubSandbox | undefined): void {
  for (const demo of FLEET) {
    github?.addCommits(
      `acme/${demo.name}`,
      demoRevs(demo.name).map((sha, i) => ({ sha, author: AUTHORS[i % AUTHORS.length], message: `${demo.name}: change ${i + 1}` })),
    );
  }
}

/**
 * Registers the demo fleet when the database has no application, with Jenkins reports posted to our own
 * webhook: production runs an older rev, staging a newer one that finished last week, so
 * `schedulePreview` has something to plan. Returns false when the database already had applications.
 * Only call it when {@link chooseDemoFleet} says so.
 */
export async function registerDemoFleet(app: INestApplication, config: HydratorConfig, webhookSecret: string): Promise<boolean> {
  const applications = app.get(ApplicationsService);
  if ((await applications.list()).length > 0) return false;
  const webhook = `http://127.0.0.1:${config.port}/webhooks/jenkins?token=${encodeURIComponent(webhookSecret)}`;
  let build = 1;
  for (const demo of FLEET) {
    await applications.register(SYSTEM_ACTOR, {
      name: demo.name,
      githubRepo: `acme/${demo.name}`,
      slackChannel: `#team-${demo.name}`,
      jenkinsJob: `deploy/${demo.name}`,
      description: 'Demo application registered by npm start',
      targets: [
        { cluster: 'stage-1', environment: 'staging', namespace: demo.name, role: TargetRole.PROTOTYPE },
        { cluster: 'hydra-us', environment: 'production', namespace: demo.name, role: TargetRole.PRODUCTION, order: 0 },
        { cluster: 'hydra-eu', environment: 'production', namespace: demo.name, role: TargetRole.PRODUCTION, order: 1 },
      ],
    });
    const revs = demoRevs(demo.name);
    const production = revs[1];
    const staging = revs[revs.length - 1];
    const posts = [
      { cluster: 'hydra-us', environment: 'production', rev: production, daysAgo: 20 },
      { cluster: 'hydra-eu', environment: 'production', rev: production, daysAgo: 20 },
      { cluster: 'stage-1', environment: 'staging', rev: staging, daysAgo: 10 },
    ];
    for (const post of posts) {
      const number = build++;
      const started = Date.now() - post.daysAgo * DAY;
      await fetch(webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: demo.name,
          url: `job/deploy/job/${demo.name}/`,
          build: {
            number,
            phase: 'COMPLETED',
            status: 'SUCCESS',
            timestamp: started,
            duration: 120_000,
            full_url: `${config.jenkins?.url ?? 'http://jenkins'}/job/deploy/job/${demo.name}/${number}/`,
            scm: { commit: post.rev, branch: 'main' },
            parameters: { GIT_REV: post.rev, CLUSTER: post.cluster, ENVIRONMENT: post.environment, NAMESPACE: demo.name },
          },
        }),
      });
    }
  }
  for (const demo of FLEET) {
    for (const dependency of demo.dependsOn) await applications.addDependency(SYSTEM_ACTOR, demo.name, dependency);
  }
  new Logger('demo').log(`registered the demo fleet: ${FLEET.map((demo) => demo.name).join(', ')}`);
  return true;
}

/** Six commit shas per demo application, the same on every start. */
function demoRevs(name: string): string[] {
  return Array.from({ length: 6 }, (_, i) => createHash('sha1').update(`${name}#${i}`).digest('hex'));
}
