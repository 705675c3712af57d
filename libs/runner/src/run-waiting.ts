import { DeploymentStatus, RolloutStatus } from '@hydrator/database';
import { decideNext, DONE, IN_FLIGHT, RunDeployment, RunRules, runRules, RunSnapshot } from './run-decision';

/**
 * Why each SCHEDULED or QUEUED deployment of a rollout is not running yet, by deployment id, in words an
 * SRE reads at a glance; null for the others (running, finished, and BLOCKED, whose `error` says why).
 * It reads the rollout with the runner's own rules ({@link runRules}, {@link decideNext}), so it says
 * what the runner will do:
 *
 * - QUEUED: "queued in Jenkins";
 * - a PLANNED rollout: "rollout is PLANNED: run it to start"; a HALTED one after a failure: "rollout
 *   HALTED: retry or cancel the failed deployment";
 * - "frozen: <reason>" (its application's freeze, else the fleet's, in force now);
 * - "waits for search, billing": applications it depends on that have not finished;
 * - "waits for prod-eu-1/production of web": an earlier target of its application has not finished;
 * - "no free slot (MAX_PARALLEL_APPS)": it may start, but as many applications as allowed are deploying.
 */
export function waitingReasons(rolloutStatus: RolloutStatus, snapshot: RunSnapshot): Map<string, string | null> {
  const rules = runRules(snapshot);
  const failed = snapshot.deployments.some((d) => d.status === DeploymentStatus.FAILED);
  const starting = rolloutStatus === RolloutStatus.RUNNING && !failed ? new Set(decideNext(snapshot).start) : new Set<string>();

  const reasonOf = (d: RunDeployment): string | null => {
    if (d.status === DeploymentStatus.QUEUED) return 'queued in Jenkins';
    if (d.status !== DeploymentStatus.SCHEDULED) return null;
    switch (rolloutStatus) {
      case RolloutStatus.COMPLETED:
        return null;
      case RolloutStatus.PLANNED:
        return 'rollout is PLANNED: run it to start';
      case RolloutStatus.HALTED:
        // Halted with no failure: only frozen applications (and what waits on them) were left.
        return failed ? 'rollout HALTED: retry or cancel the failed deployment' : (ruleReason(rules, snapshot, d) ?? 'rollout HALTED: run it again to resume');
      case RolloutStatus.RUNNING:
        if (failed) return 'a deployment failed: nothing new starts';
        return ruleReason(rules, snapshot, d) ?? (starting.has(d.id) ? 'about to start' : 'no free slot (MAX_PARALLEL_APPS)');
    }
  };
  return new Map(snapshot.deployments.map((d) => [d.id, reasonOf(d)]));
}

/** What in the ordering rules holds `d` back, most lasting first; undefined when it may start. */
function ruleReason(rules: RunRules, snapshot: RunSnapshot, d: RunDeployment): string | undefined {
  if (snapshot.frozen.has(d.applicationId)) return `frozen: ${snapshot.freezeReasons?.get(d.applicationId) ?? 'no reason recorded'}`;
  const dependencies = rules.waitingOn(d.applicationId).map(rules.nameOf).sort();
  if (dependencies.length) return `waits for ${dependencies.join(', ')}`;
  const before = earlierTarget(rules.byApplication.get(d.applicationId)!, d);
  if (before) return `waits for ${before.target} of ${d.applicationName}`;
  return undefined;
}

/** The deployment of the same application that `d` waits for: the one in flight, else the closest earlier one not finished. */
function earlierTarget(siblings: readonly RunDeployment[], d: RunDeployment): RunDeployment | undefined {
  const inFlight = siblings.find((s) => s.id !== d.id && IN_FLIGHT.has(s.status));
  if (inFlight) return inFlight;
  return siblings.filter((s) => s.targetOrder < d.targetOrder && !DONE.has(s.status)).sort((a, b) => b.targetOrder - a.targetOrder)[0];
}
