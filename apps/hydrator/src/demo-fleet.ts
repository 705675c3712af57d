import { INestApplication, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SYSTEM_ACTOR } from '@hydrator/audit';
import { HydratorConfig } from '@hydrator/config';
import { TargetRole } from '@hydrator/database';
import { ApplicationsService } from '@hydrator/registry';
import { GitHubSandbox, JenkinsSandbox, jobUrlPath, JobDefinition } from '@hydrator/sandbox';

interface DemoApplication {
  name: string;
  dependsOn: string[];
  /** How its deploy job behaves in the Jenkins sandbox, when not like every other. */
  jenkins?: JobDefinition;
}

/**
 * The demo application whose first deployment attempt fails in the Jenkins sandbox (its deploy job fails
 * the first build that carries HYDRATOR_DEPLOYMENT_ID) and whose retry succeeds. `billing-api` depends on
 * it, so its failure halts the run with work left after it: the place to rehearse halt, retry and resume.
 */
export const DEMO_FAILING_APPLICATION = 'ledger';

/** A small fleet with a dependency chain, like the article's: core services first, products after. */
const FLEET: DemoApplication[] = [
  { name: 'auth', dependsOn: [] },
  { name: 'search', dependsOn: [] },
  { name: DEMO_FAILING_APPLICATION, dependsOn: ['auth'], jenkins: { failFirst: { count: 1, parameter: 'HYDRATOR_DEPLOYMENT_ID' } } },
  { name: 'billing-api', dependsOn: ['auth', DEMO_FAILING_APPLICATION] },
  { name: 'chatiq', dependsOn: ['auth', 'search'] },
  { name: 'scribe', dependsOn: ['chatiq'] },
  { name: 'debug-dashboard', dependsOn: [] },
];

/**
 * The Jenkins builds each demo job ran before Hydrator was set up, seeded as its reports: builds 1 to 3
 * of the job, production on an old rev, staging on a newer one.
 */
const SEEDED_BUILDS = [
  { cluster: 'hydra-us', environment: 'production', daysAgo: 20 },
  { cluster: 'hydra-eu', environment: 'production', daysAgo: 20 },
  { cluster: 'stage-1', environment: 'staging', daysAgo: 10 },
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
 * Readies the Jenkins sandbox for the demo fleet, on every start (the sandbox keeps nothing across
 * restarts) and before the services start: declares each demo job with its behaviour, numbering its
 * builds after the history {@link registerDemoFleet} seeds, so a real build never takes the number of a
 * seeded report and is never dropped as its duplicate. The {@link DEMO_FAILING_APPLICATION}'s first
 * deployment attempt fails once per database, not once per start: `deploymentAttempts` (per job, the
 * builds with HYDRATOR_DEPLOYMENT_ID Hydrator has received) counts against the job's failFirst rule.
 */
export function prepareDemoJenkins(jenkins: JenkinsSandbox, deploymentAttempts: ReadonlyMap<string, number> = new Map()): void {
  for (const demo of FLEET) {
    const job = demoJob(demo);
    const failFirst = demo.jenkins?.failFirst;
    const definition = failFirst ? { ...demo.jenkins, failFirst: { ...failFirst, count: Math.max(0, failFirst.count - (deploymentAttempts.get(job) ?? 0)) } } : demo.jenkins;
    jenkins.addJob(job, definition).continueNumberingAfter(job, SEEDED_BUILDS.length);
  }
}

/**
 * Registers the demo fleet when the database has no application, with Jenkins reports posted to our own
 * webhook: production runs an older rev, staging a newer one that finished last week, so
 * `schedulePreview` has something to plan. Their build numbers are the ones {@link prepareDemoJenkins}
 * keeps the Jenkins sandbox from giving again (a real Jenkins, with HYDRATOR_DEMO_FLEET=true, may give
 * them again). Returns false when the database already had applications. Only call it when
 * {@link chooseDemoFleet} says so.
 */
export async function registerDemoFleet(app: INestApplication, config: HydratorConfig, webhook: string): Promise<boolean> {
  const applications = app.get(ApplicationsService);
  if ((await applications.list()).length > 0) return false;
  for (const demo of FLEET) {
    await applications.register(SYSTEM_ACTOR, {
      name: demo.name,
      githubRepo: `acme/${demo.name}`,
      slackChannel: `#team-${demo.name}`,
      jenkinsJob: demoJob(demo),
      description: 'Demo application registered by npm start',
      targets: [
        { cluster: 'stage-1', environment: 'staging', namespace: demo.name, role: TargetRole.PROTOTYPE },
        { cluster: 'hydra-us', environment: 'production', namespace: demo.name, role: TargetRole.PRODUCTION, order: 0 },
        { cluster: 'hydra-eu', environment: 'production', namespace: demo.name, role: TargetRole.PRODUCTION, order: 1 },
      ],
    });
    const revs = demoRevs(demo.name);
    for (const [index, post] of SEEDED_BUILDS.entries()) {
      const number = index + 1;
      const rev = post.environment === 'staging' ? revs[revs.length - 1] : revs[1];
      const started = Date.now() - post.daysAgo * DAY;
      const response = await fetch(webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: demo.name,
          url: jobUrlPath(demoJob(demo)),
          build: {
            number,
            phase: 'COMPLETED',
            status: 'SUCCESS',
            timestamp: started,
            duration: 120_000,
            full_url: `${config.jenkins?.url ?? 'http://jenkins'}/${jobUrlPath(demoJob(demo))}${number}/`,
            scm: { commit: rev, branch: 'main' },
            parameters: { GIT_REV: rev, CLUSTER: post.cluster, ENVIRONMENT: post.environment, NAMESPACE: demo.name },
          },
        }),
      });
      if (response.status !== 202) throw new Error(`the demo's Jenkins report for ${demo.name} was refused: ${response.status} ${await response.text()}`);
    }
  }
  for (const demo of FLEET) {
    for (const dependency of demo.dependsOn) await applications.addDependency(SYSTEM_ACTOR, demo.name, dependency);
  }
  new Logger('demo').log(`registered the demo fleet: ${FLEET.map((demo) => demo.name).join(', ')}`);
  return true;
}

function demoJob(demo: DemoApplication): string {
  return `deploy/${demo.name}`;
}

/** Six commit shas per demo application, the same on every start. */
function demoRevs(name: string): string[] {
  return Array.from({ length: 6 }, (_, i) => createHash('sha1').update(`${name}#${i}`).digest('hex'));
}
