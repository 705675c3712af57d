import { DeploymentStatus, RolloutStatus } from '@hydrator/database';
import { decideNext, IN_FLIGHT, RunDeployment, runShape, RunSnapshot } from './run-decision';

/** What a deployment is expected to take when neither it nor any deployment of its rollout has history. */
export const DEFAULT_EXPECTED_SECONDS = 5 * 60;

/**
 * When a PLANNED, RUNNING or HALTED rollout would finish if every deployment left took its expected
 * time, found by running the runner's own rules ({@link decideNext}) over simulated time: one target at
 * a time per application, an application after its dependencies, at most `maxParallelApps` at once,
 * the longest chain first. Null for a COMPLETED rollout.
 *
 * - `expectedSeconds`: by deployment id; an unknown one takes the median of the rollout's known ones,
 *   or {@link DEFAULT_EXPECTED_SECONDS} without any.
 * - A deployment in flight has max(0, expected − elapsed since its start) left.
 * - A HALTED rollout is assumed resumed now: its failed and blocked deployments run again.
 * - Freezes are assumed lifted: the estimate is the work left, not how long a freeze lasts.
 */
export function estimateFinish(rolloutStatus: RolloutStatus, snapshot: RunSnapshot, expectedSeconds: ReadonlyMap<string, number | null>, now: Date): Date | null {
  if (rolloutStatus === RolloutStatus.COMPLETED) return null;
  const known = snapshot.deployments.map((d) => expectedSeconds.get(d.id)).filter((s): s is number => typeof s === 'number');
  const fallback = known.length ? median(known) : DEFAULT_EXPECTED_SECONDS;
  const durationMs = (d: RunDeployment) => (expectedSeconds.get(d.id) ?? fallback) * 1000;

  let clock = now.getTime();
  /** Deployment id → when it finishes, for those running in the simulation. */
  const finishing = new Map<string, number>();
  const deployments = snapshot.deployments.map((d): RunDeployment => {
    if (IN_FLIGHT.has(d.status)) {
      const elapsed = d.startedAt ? Math.max(0, clock - d.startedAt.getTime()) : 0;
      finishing.set(d.id, clock + Math.max(0, durationMs(d) - elapsed));
      return { ...d, status: DeploymentStatus.RUNNING };
    }
    if (d.status === DeploymentStatus.FAILED || d.status === DeploymentStatus.BLOCKED) return { ...d, status: DeploymentStatus.SCHEDULED };
    return { ...d };
  });
  const byId = new Map(deployments.map((d) => [d.id, d]));
  const simulated: RunSnapshot = { ...snapshot, deployments, frozen: new Set() };
  // Read once: each step changes statuses in place, never which application a deployment is of.
  const shape = runShape(simulated);

  for (;;) {
    for (const id of decideNext(simulated, shape).start) {
      byId.get(id)!.status = DeploymentStatus.RUNNING;
      finishing.set(id, clock + durationMs(byId.get(id)!));
    }
    if (finishing.size === 0) break;
    clock = Math.min(...finishing.values());
    for (const [id, at] of finishing) {
      if (at > clock) continue;
      byId.get(id)!.status = DeploymentStatus.SUCCEEDED;
      finishing.delete(id);
    }
  }
  return new Date(clock);
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
