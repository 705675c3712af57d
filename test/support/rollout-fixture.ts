import { createHash } from 'node:crypto';
import { SYSTEM_ACTOR } from '@hydrator/audit';
import { JenkinsSandbox, BuildSnapshot } from '@hydrator/sandbox';
import { ScheduleService } from '@hydrator/scheduling';
import { jenkinsNotification, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';

/** A fleet for runner tests: each application with one prototype and `production` production targets. */
export interface FleetSpec {
  applications: Array<{ name: string; dependsOn?: string[]; production?: number }>;
}

/** How many deployments a fleet plans: one per production target. */
export function deploymentsOf(fleet: FleetSpec): number {
  return fleet.applications.reduce((sum, app) => sum + (app.production ?? 2), 0);
}

const PLANNED_AT = new Date('2026-11-30T09:00:00Z');

/** The staging rev the fixture reports for `application`: a git sha, as Hydrator accepts only those. */
export function stagingRevOf(application: string): string {
  return createHash('sha1').update(application).digest('hex').slice(0, 10);
}
let buildNumber = 10_000;

/** Registers one application; its input is {@link registrationOf}. */
export const REGISTER_APPLICATION = `mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`;

/** How the fixture registers an application: a staging target and `production` production ones (`prod-0`…) in order. */
export function registrationOf(app: FleetSpec['applications'][number]) {
  const production = Array.from({ length: app.production ?? 2 }, (_, i) => ({ cluster: `prod-${i}`, environment: 'production', namespace: app.name, role: 'PRODUCTION', order: i }));
  return {
    name: app.name,
    githubRepo: `acme/${app.name}`,
    slackChannel: `#team-${app.name}`,
    jenkinsJob: `deploy/${app.name}`,
    targets: [{ cluster: 'stage-1', environment: 'staging', namespace: app.name, role: 'PROTOTYPE' }, ...production],
  };
}

/**
 * Registers the fleet through GraphQL, reports a staging rev for each application through the webhook,
 * and plans the week through the real scheduler: the rollout the runner then runs is an ordinary one.
 * Returns the rollout id.
 */
export async function planFleet(hydrator: TestHydrator, fleet: FleetSpec): Promise<string> {
  for (const app of fleet.applications) {
    await hydrator.graphqlOk(REGISTER_APPLICATION, { input: registrationOf(app) });
    const webhook = await hydrator.post(
      `/webhooks/jenkins?token=${WEBHOOK_SECRET}`,
      jenkinsNotification({
        job: `deploy/${app.name}`,
        number: ++buildNumber,
        rev: stagingRevOf(app.name),
        cluster: 'stage-1',
        namespace: app.name,
        timestamp: Date.parse('2026-11-20T10:00:00Z'),
        duration: 1000,
      }),
    );
    if (webhook.status !== 202) throw new Error(`webhook refused: ${webhook.status}`);
  }
  for (const app of fleet.applications) {
    for (const dependency of app.dependsOn ?? []) {
      await hydrator.graphqlOk(`mutation($a: String!, $b: String!) { addDependency(application: $a, dependsOn: $b) { name } }`, { a: app.name, b: dependency });
    }
  }
  const em = hydrator.orm.em.fork();
  await hydrator.waitFor(
    async () => Number((await em.getConnection().execute(`select count(*)::int as n from deployment_report where target_id is not null`))[0].n) >= fleet.applications.length,
    'staging reports to be recorded',
  );
  const { rollout } = await hydrator.app.get(ScheduleService).schedule(SYSTEM_ACTOR, PLANNED_AT);
  return rollout.id;
}

/** Creates each application's deploy job in the Jenkins sandbox, as the SRE team's Jenkins has them. */
export function createJobs(jenkins: JenkinsSandbox, fleet: FleetSpec): void {
  for (const app of fleet.applications) jenkins.addJob(`deploy/${app.name}`);
}

export async function rolloutStatus(hydrator: TestHydrator, rolloutId: string): Promise<{ status: string; reason: string | null }> {
  const [row] = await hydrator.orm.em.fork().getConnection().execute(`select status, reason from rollout where id = ?`, [rolloutId]);
  return row as { status: string; reason: string | null };
}

export function waitForRollout(hydrator: TestHydrator, rolloutId: string, status: string, timeoutMs = 30_000) {
  return hydrator.waitFor(async () => (await rolloutStatus(hydrator, rolloutId)).status === status, `rollout ${rolloutId} to be ${status}`, timeoutMs);
}

/** The Jenkins builds of one application, in start order. */
export function buildsOf(jenkins: JenkinsSandbox, application: string): BuildSnapshot[] {
  return jenkins.buildsFor(`deploy/${application}`).sort((a, b) => a.startedAtHr! - b.startedAtHr!);
}

/** The largest number of applications whose builds overlapped in time, from the Jenkins timeline. */
export function maxConcurrentApplications(jenkins: JenkinsSandbox): number {
  const edges = jenkins
    .builds()
    .filter((b) => b.startedAtHr !== undefined)
    .flatMap((b) => [
      { at: b.startedAtHr!, delta: 1 },
      { at: b.finishedAtHr ?? Number.POSITIVE_INFINITY, delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const edge of edges) max = Math.max(max, (current += edge.delta));
  return max;
}

/** HYDRATOR_DEPLOYMENT_ID values Jenkins was asked to build more than once: must stay empty. */
export function doubleTriggers(jenkins: JenkinsSandbox): string[] {
  const counts = new Map<string, number>();
  for (const event of jenkins.events().filter((e) => e.kind === 'triggered')) {
    const id = event.params?.HYDRATOR_DEPLOYMENT_ID ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1).map(([id]) => id);
}
