import { JenkinsSandbox } from '@hydrator/sandbox';
import { deploymentIdOf, PlannedDeployment, PlannedRollout } from './hydrator-under-test';
import { round } from './harness';

/**
 * What Jenkins saw of one deployment, from the sandbox's timeline: Hydrator's trigger request and the
 * build it became. Times ending in `At` are `performance.now()`; those ending in `Ms` are epoch
 * milliseconds (Date), comparable with BullMQ's job timestamps.
 */
export interface DeploymentRun {
  deployment: PlannedDeployment;
  /** The attempt Hydrator sent in HYDRATOR_DEPLOYMENT_ID. */
  attempt: number;
  /** The sandbox received `buildWithParameters`. */
  triggeredAt: number;
  triggeredMs: number;
  startedAt: number;
  /** The build finished; the sandbox posts its COMPLETED webhook on a 0 ms timer from here. */
  finishedAt: number;
  finishedMs: number;
  /** Hydrator's 202 to that webhook came back (the timeline's `webhook-sent` COMPLETED event). */
  completedAckAt?: number;
}

/** Build k finished (its COMPLETED webhook leaves) → Hydrator triggers build k + 1 of the same application. */
export interface Handoff {
  from: DeploymentRun;
  to: DeploymentRun;
  /** From the sending of the COMPLETED webhook to the next trigger. */
  ms: number;
  /** From Hydrator's 202 to that webhook to the next trigger. */
  afterAckMs?: number;
}

export interface Distribution {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * The run of every deployment of `rollout`, checked on the way: each was triggered exactly once and
 * built once, successfully. Throws with every problem found, so a benchmark never reports on a broken run.
 */
export function deploymentRuns(jenkins: JenkinsSandbox, rollout: PlannedRollout): DeploymentRun[] {
  const events = jenkins.events();
  const triggers = groupBy(
    events.filter((e) => e.kind === 'triggered'),
    (e) => deploymentIdOf(e.params ?? {}),
  );
  const builds = groupBy(jenkins.builds(), (b) => deploymentIdOf(b.params));
  const acks = new Map(events.filter((e) => e.kind === 'webhook-sent' && e.phase === 'COMPLETED').map((e) => [`${e.jobPath}#${e.buildNumber}`, e.at]));
  const problems: string[] = [];
  const runs: DeploymentRun[] = [];
  for (const deployment of rollout.deployments) {
    const [trigger, ...extraTriggers] = triggers.get(deployment.id) ?? [];
    const [build, ...extraBuilds] = builds.get(deployment.id) ?? [];
    const name = `${deployment.application} prod-${deployment.position}`;
    if (!trigger || !build) problems.push(`${name} was never triggered`);
    else if (extraTriggers.length || extraBuilds.length) problems.push(`${name} was triggered ${1 + extraTriggers.length} times`);
    else if (build.state !== 'finished' || build.result !== 'SUCCESS') problems.push(`${name} ended ${build.result ?? build.state}`);
    else {
      runs.push({
        deployment,
        attempt: Number(trigger.params!.HYDRATOR_DEPLOYMENT_ID.split(':')[1]),
        triggeredAt: trigger.at,
        triggeredMs: trigger.date.getTime(),
        startedAt: build.startedAtHr!,
        finishedAt: build.finishedAtHr!,
        finishedMs: build.finishedAt!.getTime(),
        completedAckAt: acks.get(`${build.jobPath}#${build.number}`),
      });
    }
  }
  if (problems.length) throw new Error(`the rollout did not run as planned: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? ` (+${problems.length - 10} more)` : ''}`);
  return runs;
}

/** Every hand-off from one target of an application to its next one. */
export function handoffs(runs: DeploymentRun[]): Handoff[] {
  return [...byApplication(runs).values()].flatMap((ordered) =>
    ordered.slice(1).map((to, i) => {
      const from = ordered[i];
      return { from, to, ms: to.triggeredAt - from.finishedAt, afterAckMs: from.completedAckAt === undefined ? undefined : to.triggeredAt - from.completedAckAt };
    }),
  );
}

/**
 * The run's ordering rules (docs/weekly-cycle.md) checked against what Jenkins saw: one target at a time per application
 * in target order, an application's first trigger after every build of its dependencies finished, and
 * never more than `maxParallelApps` applications between a trigger and the end of its build.
 */
export function orderingReport(rollout: PlannedRollout, runs: DeploymentRun[], maxParallelApps: number): { violations: string[]; maxConcurrentApplications: number } {
  const violations: string[] = [];
  const apps = byApplication(runs);
  for (const [application, ordered] of apps) {
    const byStart = [...ordered].sort((a, b) => a.triggeredAt - b.triggeredAt);
    if (byStart.some((run, i) => run.deployment.position !== i)) violations.push(`${application} deployed its targets out of order`);
    byStart.slice(1).forEach((run, i) => {
      if (run.triggeredAt < byStart[i].finishedAt) violations.push(`${application} prod-${run.deployment.position} was triggered before prod-${byStart[i].deployment.position} finished`);
    });
  }
  for (const application of rollout.applications) {
    const first = Math.min(...(apps.get(application.name) ?? []).map((run) => run.triggeredAt));
    for (const dependency of application.dependsOn ?? []) {
      const last = Math.max(...(apps.get(dependency) ?? []).map((run) => run.finishedAt));
      if (first < last) violations.push(`${application.name} started before its dependency ${dependency} finished`);
    }
  }
  const maxConcurrentApplications = maxOverlap(runs.map((run) => ({ start: run.triggeredAt, end: run.finishedAt })));
  if (maxConcurrentApplications > maxParallelApps) violations.push(`${maxConcurrentApplications} applications deployed at once, over MAX_PARALLEL_APPS ${maxParallelApps}`);
  return { violations, maxConcurrentApplications };
}

/**
 * Build finished → the next trigger, pairing each trigger with the oldest finish before it not yet
 * paired: how long a freed slot stays empty, whichever application takes it. Triggers before any
 * finish (the first slots filled) have no pair.
 */
export function slotRefills(runs: DeploymentRun[]): number[] {
  const finishes = runs.map((run) => run.finishedAt).sort((a, b) => a - b);
  const triggers = runs.map((run) => run.triggeredAt).sort((a, b) => a - b);
  const gaps: number[] = [];
  let next = 0;
  for (const trigger of triggers) if (next < finishes.length && finishes[next] <= trigger) gaps.push(trigger - finishes[next++]);
  return gaps;
}

/** The most applications started (first trigger) and not yet finished (last build) at one moment. */
export function maxApplicationsInProgress(runs: DeploymentRun[]): number {
  const spans = [...byApplication(runs).values()].map((ordered) => ({ start: ordered[0].triggeredAt, end: ordered[ordered.length - 1].finishedAt }));
  return maxOverlap(spans);
}

/** Mean, p50, p90, p99 (nearest rank) and max of `values`, in ms to 0.1. */
export function distribution(values: number[], digits = 1): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN, digits);
  return { n: sorted.length, mean: round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length, digits), p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

/** The most intervals open at one moment; one ending as another starts is no overlap. */
function maxOverlap(intervals: Array<{ start: number; end: number }>): number {
  const edges = intervals
    .flatMap(({ start, end }) => [
      { at: start, delta: 1 },
      { at: end, delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const edge of edges) max = Math.max(max, (current += edge.delta));
  return max;
}

/** The runs of each application, in target order. */
function byApplication(runs: DeploymentRun[]): Map<string, DeploymentRun[]> {
  const groups = groupBy(runs, (run) => run.deployment.application);
  for (const ordered of groups.values()) ordered.sort((a, b) => a.deployment.position - b.deployment.position);
  return groups;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
