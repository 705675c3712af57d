import { Deployment, DeploymentStatus, Rollout, RolloutStatus } from '@hydrator/database';

/**
 * A deployment changed: its row now has `version` (every change bumps it by one) and `status`.
 * `at` is when the change was published, as ISO 8601.
 */
export interface DeploymentChange {
  kind: 'deployment';
  id: string;
  rolloutId: string;
  status: DeploymentStatus;
  version: number;
  at: string;
}

/** A rollout changed: its row now has `version` and `status`. */
export interface RolloutChange {
  kind: 'rollout';
  id: string;
  status: RolloutStatus;
  version: number;
  at: string;
}

/**
 * What goes over the change feed. A change carries ids and the new version, never a copy of the row:
 * PostgreSQL holds the truth, and subscribers read the row from it.
 */
export type Change = DeploymentChange | RolloutChange;

/** The columns a raw `update deployment … returning ${CHANGED_DEPLOYMENT_COLUMNS}` gives {@link deploymentRowChange}. */
export const CHANGED_DEPLOYMENT_COLUMNS = 'id, rollout_id, status, version';

/** A deployment row as `returning ${CHANGED_DEPLOYMENT_COLUMNS}` gives it back. */
export interface ChangedDeploymentRow {
  id: string;
  rollout_id: string;
  status: DeploymentStatus;
  version: number;
}

/** The Redis pub/sub channel of every change; a persisted name for running services: renaming it splits old and new processes. */
export function changesChannel(redisPrefix: string): string {
  return `${redisPrefix}:changes`;
}

/** The change a raw SQL update made, from its `returning ${CHANGED_DEPLOYMENT_COLUMNS}` row. */
export function deploymentRowChange(row: ChangedDeploymentRow): DeploymentChange {
  return { kind: 'deployment', id: row.id, rolloutId: row.rollout_id, status: row.status, version: row.version, at: new Date().toISOString() };
}

/** The change a flushed Deployment entity carries (read it after the commit: the flush bumps `version`). */
export function deploymentChange(deployment: Pick<Deployment, 'id' | 'rollout' | 'status' | 'version'>): DeploymentChange {
  return deploymentRowChange({ id: deployment.id, rollout_id: deployment.rollout.id, status: deployment.status, version: deployment.version });
}

/** The change a flushed Rollout entity carries (read it after the commit: the flush bumps `version`). */
export function rolloutChange(rollout: Pick<Rollout, 'id' | 'status' | 'version'>): RolloutChange {
  return { kind: 'rollout', id: rollout.id, status: rollout.status, version: rollout.version, at: new Date().toISOString() };
}

/** A change read back from the channel, or undefined when the message is not one (another version of Hydrator, a stray publisher). */
export function parseChange(message: string): Change | undefined {
  let value: Partial<Record<keyof DeploymentChange, unknown>>;
  try {
    value = JSON.parse(message) as typeof value;
  } catch {
    return undefined;
  }
  if (typeof value?.id !== 'string' || !Number.isInteger(value.version) || typeof value.at !== 'string') return undefined;
  if (value.kind === 'deployment' && isMember(DeploymentStatus, value.status) && typeof value.rolloutId === 'string') return value as DeploymentChange;
  if (value.kind === 'rollout' && isMember(RolloutStatus, value.status)) return value as RolloutChange;
  return undefined;
}

function isMember(values: Record<string, string>, value: unknown): boolean {
  return Object.values(values).includes(value as string);
}
