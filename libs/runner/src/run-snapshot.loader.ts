import { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentStatus, RolloutStatus } from '@hydrator/database';
import { RunSnapshot } from './run-decision';

/** A rollout's status and its run state, as the rules read it. */
export interface RolloutRun {
  status: RolloutStatus;
  snapshot: RunSnapshot;
}

/**
 * Locks a rollout's row and loads its run state, in two queries inside the caller's transaction (the
 * lock is taken by the first): the decision's read. Undefined when the rollout does not exist. Freezes
 * are ignored for an emergency that overrides them.
 */
export async function lockRolloutRun(em: EntityManager, rolloutId: string, maxParallelApps: number, now = new Date()): Promise<RolloutRun | undefined> {
  const runs = await loadRuns(em, [rolloutId], maxParallelApps, now, true);
  return runs.get(rolloutId);
}

/**
 * The run state of many rollouts in two queries, whatever their number (the API reads a page of them).
 * A rollout without deployments has no entry.
 */
export function loadRolloutRuns(em: EntityManager, rolloutIds: readonly string[], maxParallelApps: number, now = new Date()): Promise<Map<string, RolloutRun>> {
  return loadRuns(em, rolloutIds, maxParallelApps, now, false);
}

/** Rollouts with their deployments (a rollout without any has an empty snapshot), locked `forUpdate`. */
async function loadRuns(em: EntityManager, rolloutIds: readonly string[], maxParallelApps: number, now: Date, forUpdate: boolean): Promise<Map<string, RolloutRun>> {
  if (rolloutIds.length === 0) return new Map();
  const deployments = await em.execute<
    Array<{
      id: string | null;
      rollout_id: string;
      rollout_status: RolloutStatus;
      overrides_freeze: boolean;
      application_id: string;
      application_name: string;
      position: number;
      cluster: string;
      environment: string;
      status: DeploymentStatus;
      error: string | null;
      started_at: Date | string | null;
    }>
  >(
    `select d.id, r.id as rollout_id, r.status as rollout_status, r.overrides_freeze, d.application_id, a.name as application_name, t.position, t.cluster, t.environment,
            d.status, d.error, d.started_at
       from rollout r left join (deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id) on d.rollout_id = r.id
      where r.id in (?) ${forUpdate ? 'for update of r' : ''}`,
    [[...rolloutIds]],
  );
  const applicationIds = [...new Set(deployments.filter((d) => d.id !== null).map((d) => d.application_id))];
  if (applicationIds.length === 0) {
    const locked = deployments[0];
    return new Map(forUpdate && locked ? [[locked.rollout_id, { status: locked.rollout_status, snapshot: emptySnapshot(maxParallelApps) }]] : []);
  }
  // Dependencies and freezes in one round trip (each row is one or the other), of the rollouts' applications
  // named by a sub-select: hundreds of ids inlined in the statement would cost more than the lookup.
  const ofRollouts = `(select application_id from deployment where rollout_id in (?))`;
  const links = await em.execute<Array<{ application_id: string | null; depends_on_id: string | null; reason: string | null; created_at: Date | null }>>(
    `select application_id, depends_on_id, null as reason, null as created_at from dependency where application_id in ${ofRollouts}
     union all
     select application_id, null, reason, created_at from "freeze" where thawed_at is null and (until is null or until > ?) and (application_id is null or application_id in ${ofRollouts})`,
    [[...rolloutIds], now, [...rolloutIds]],
  );
  const edges = links.filter((l) => l.depends_on_id !== null) as Array<{ application_id: string; depends_on_id: string }>;
  const freezes = links
    .filter((l) => l.depends_on_id === null)
    .map((l) => ({ application_id: l.application_id, reason: l.reason!, at: new Date(l.created_at!).getTime() }))
    .sort((a, b) => b.at - a.at);
  const dependsOn = new Map<string, string[]>();
  for (const edge of edges) dependsOn.set(edge.application_id, [...(dependsOn.get(edge.application_id) ?? []), edge.depends_on_id]);
  // An application's own freeze explains it better than the fleet's; the newest of each wins.
  const fleetReason = freezes.find((f) => f.application_id === null)?.reason;
  const freezeReasons = new Map<string, string>();
  for (const id of applicationIds) {
    const reason = freezes.find((f) => f.application_id === id)?.reason ?? fleetReason;
    if (reason !== undefined) freezeReasons.set(id, reason);
  }

  const runs = new Map<string, RolloutRun>();
  for (const d of deployments) {
    let run = runs.get(d.rollout_id);
    if (!run) {
      const reasons = d.overrides_freeze ? new Map<string, string>() : freezeReasons;
      run = { status: d.rollout_status, snapshot: { deployments: [], dependsOn, frozen: new Set(reasons.keys()), freezeReasons: reasons, maxParallelApps } };
      runs.set(d.rollout_id, run);
    }
    if (d.id === null) continue;
    run.snapshot.deployments.push({
      id: d.id,
      applicationId: d.application_id,
      applicationName: d.application_name,
      targetOrder: d.position,
      target: `${d.cluster}/${d.environment}`,
      status: d.status,
      error: d.error,
      // Raw rows carry timestamps as text.
      startedAt: d.started_at === null ? null : new Date(d.started_at),
    });
  }
  return runs;
}

function emptySnapshot(maxParallelApps: number): RunSnapshot {
  return { deployments: [], dependsOn: new Map(), frozen: new Set(), maxParallelApps };
}
