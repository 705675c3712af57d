import { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentStatus } from '@hydrator/database';
import { RunSnapshot } from './run-decision';

/** Loads a rollout's run state in three queries, inside the caller's (locked) transaction. */
/** `ignoreFreezes` for an emergency that overrides them. */
export async function loadRunSnapshot(em: EntityManager, rolloutId: string, maxParallelApps: number, ignoreFreezes = false, now = new Date()): Promise<RunSnapshot> {
  const deployments = await em.execute<
    Array<{ id: string; application_id: string; application_name: string; position: number; cluster: string; environment: string; status: DeploymentStatus; error: string | null }>
  >(
    `select d.id, d.application_id, a.name as application_name, t.position, t.cluster, t.environment, d.status, d.error
       from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id
      where d.rollout_id = ?`,
    [rolloutId],
  );
  const applicationIds = [...new Set(deployments.map((d) => d.application_id))];
  if (applicationIds.length === 0) return { deployments: [], dependsOn: new Map(), frozen: new Set(), maxParallelApps };
  const [edges, frozen] = await Promise.all([
    em.execute<Array<{ application_id: string; depends_on_id: string }>>(`select application_id, depends_on_id from dependency where application_id in (?)`, [applicationIds]),
    em.execute<Array<{ application_id: string | null }>>(
      `select application_id from "freeze" where thawed_at is null and (until is null or until > ?) and (application_id is null or application_id in (?))`,
      [now, applicationIds],
    ),
  ]);
  const dependsOn = new Map<string, string[]>();
  for (const edge of edges) dependsOn.set(edge.application_id, [...(dependsOn.get(edge.application_id) ?? []), edge.depends_on_id]);
  const fleetFrozen = frozen.some((f) => f.application_id === null);
  return {
    deployments: deployments.map((d) => ({
      id: d.id,
      applicationId: d.application_id,
      applicationName: d.application_name,
      targetOrder: d.position,
      target: `${d.cluster}/${d.environment}`,
      status: d.status,
      error: d.error,
    })),
    dependsOn,
    frozen: ignoreFreezes ? new Set() : new Set(fleetFrozen ? applicationIds : frozen.map((f) => f.application_id!)),
    maxParallelApps,
  };
}
