import { BuildSnapshot, JenkinsSandbox } from '@hydrator/sandbox';
import { buildsOf, doubleTriggers, FleetSpec, maxConcurrentApplications } from './rollout-fixture';

/**
 * The rollout rules checked against what Jenkins saw (the sandbox's timeline), never against
 * Hydrator's own bookkeeping. Each function returns the violations in words: `[]` when the rules held.
 */

/** When Jenkins was first asked for each HYDRATOR_DEPLOYMENT_ID (performance.now(), like the build times). */
function triggerTimes(jenkins: JenkinsSandbox): Map<string, number> {
  const times = new Map<string, number>();
  for (const event of jenkins.timeline.ofKind('triggered')) {
    const id = event.params?.HYDRATOR_DEPLOYMENT_ID;
    if (id && !times.has(id)) times.set(id, event.at);
  }
  return times;
}

const label = (build: BuildSnapshot) => `${build.jobPath}#${build.number} (${build.params.CLUSTER}, ${build.params.HYDRATOR_DEPLOYMENT_ID})`;

/**
 * - an application is triggered only after every build of each application it depends on finished,
 *   and after each of those succeeded on all its targets;
 * - one build at a time per application, each triggered after the previous one finished;
 * - its targets succeed in `order`, each once, and a target is tried only after the one before succeeded;
 * - at most `maxParallelApps` applications build at once.
 * `complete`: every target of every application must have succeeded (false mid-rollout).
 */
export function orderingViolations(jenkins: JenkinsSandbox, fleet: FleetSpec, maxParallelApps: number, complete = true): string[] {
  const violations: string[] = [];
  const triggered = triggerTimes(jenkins);
  const triggerOf = (build: BuildSnapshot) => triggered.get(build.params.HYDRATOR_DEPLOYMENT_ID ?? '') ?? build.startedAtHr!;
  for (const app of fleet.applications) {
    const builds = buildsOf(jenkins, app.name);
    const targets = Array.from({ length: app.production ?? 2 }, (_, i) => `prod-${i}`);
    const succeeded = builds.filter((b) => b.result === 'SUCCESS').map((b) => b.params.CLUSTER);
    const expected = complete ? targets : targets.slice(0, succeeded.length);
    if (JSON.stringify(succeeded) !== JSON.stringify(expected)) violations.push(`${app.name}: targets succeeded in the order ${succeeded.join(', ')}, expected ${expected.join(', ')}`);
    for (let i = 1; i < builds.length; i++) {
      const previous = builds[i - 1];
      if (previous.finishedAtHr === undefined || triggerOf(builds[i]) < previous.finishedAtHr) violations.push(`${label(builds[i])} was triggered before ${label(previous)} finished`);
    }
    for (const build of builds) {
      const index = targets.indexOf(build.params.CLUSTER);
      if (index <= 0) continue;
      const before = builds.find((b) => b.params.CLUSTER === targets[index - 1] && b.result === 'SUCCESS');
      if (!before || before.finishedAtHr! > triggerOf(build)) violations.push(`${label(build)} was triggered before ${targets[index - 1]} succeeded`);
    }
    if (builds.length === 0) continue;
    const firstTrigger = Math.min(...builds.map(triggerOf));
    for (const dependency of app.dependsOn ?? []) {
      const dependencyBuilds = buildsOf(jenkins, dependency);
      const dependencyTargets = fleet.applications.find((a) => a.name === dependency)?.production ?? 2;
      const done = dependencyBuilds.filter((b) => b.result === 'SUCCESS').length;
      const lastFinish = Math.max(...dependencyBuilds.map((b) => b.finishedAtHr ?? Number.POSITIVE_INFINITY));
      if (done < dependencyTargets || firstTrigger < lastFinish) violations.push(`${app.name} was triggered before its dependency ${dependency} finished all its deployments`);
    }
  }
  const parallel = maxConcurrentApplications(jenkins);
  if (parallel > maxParallelApps) violations.push(`${parallel} applications built at once, more than MAX_PARALLEL_APPS=${maxParallelApps}`);
  return violations;
}

/** Deployment attempts (`<id>:<attempt>`) Jenkins was asked to build more than once: a duplicated trigger. */
export function duplicatedTriggers(jenkins: JenkinsSandbox): string[] {
  return doubleTriggers(jenkins);
}

/** Attempts Jenkins was asked for that never became a build (or were merged into another): a lost or merged trigger. */
export function triggersWithoutBuild(jenkins: JenkinsSandbox): string[] {
  const built = new Set(jenkins.builds().map((b) => b.params.HYDRATOR_DEPLOYMENT_ID));
  const queued = new Set(jenkins.queued().map((b) => b.params.HYDRATOR_DEPLOYMENT_ID));
  return [...triggerTimes(jenkins).keys()].filter((id) => !built.has(id) && !queued.has(id));
}

/** What one `deploymentChanged` subscriber received. */
export interface DeploymentChange {
  deploymentChanged: { id: string; status: string; version: number };
}

/**
 * For one subscriber: every deployment in `ids` reached SUCCEEDED as its last event, and each row's
 * versions only went up (jumps allowed, per docs: never a regression nor a repeat).
 */
export function subscriberViolations(events: DeploymentChange[], ids: string[]): string[] {
  const violations: string[] = [];
  const byRow = new Map<string, Array<{ status: string; version: number }>>();
  for (const { deploymentChanged: row } of events) byRow.set(row.id, [...(byRow.get(row.id) ?? []), row]);
  for (const id of ids) {
    const rows = byRow.get(id) ?? [];
    if (rows.at(-1)?.status !== 'SUCCEEDED') violations.push(`deployment ${id}: last status seen ${rows.at(-1)?.status ?? 'none'}, not SUCCEEDED`);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i].version <= rows[i - 1].version) violations.push(`deployment ${id}: version ${rows[i].version} after ${rows[i - 1].version}`);
    }
  }
  return violations;
}

/** True once every deployment in `ids` was last seen SUCCEEDED by the subscriber. */
export function sawAllSucceed(events: DeploymentChange[], ids: string[]): boolean {
  const last = new Map<string, string>();
  for (const { deploymentChanged: row } of events) last.set(row.id, row.status);
  return ids.every((id) => last.get(id) === 'SUCCEEDED');
}
