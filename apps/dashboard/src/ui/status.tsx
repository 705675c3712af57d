import type { DeploymentStatus, OutboxStatus, RolloutStatus } from '../gql/schema-types';

export type AnyStatus = DeploymentStatus | RolloutStatus | OutboxStatus;

/**
 * One colour scheme for every status on every page (badges, graph nodes, charts): grey is waiting,
 * blue is moving, green is done well, red needs someone, amber was stopped or held by a person.
 */
export const STATUS_TONE: Readonly<Record<AnyStatus, 'waiting' | 'moving' | 'good' | 'bad' | 'stopped'>> = {
  SCHEDULED: 'waiting',
  PLANNED: 'waiting',
  PENDING: 'waiting',
  QUEUED: 'moving',
  RUNNING: 'moving',
  SENDING: 'moving',
  SUCCEEDED: 'good',
  COMPLETED: 'good',
  SENT: 'good',
  FAILED: 'bad',
  BLOCKED: 'bad',
  HALTED: 'bad',
  CANCELED: 'stopped',
  HELD: 'stopped',
};

/** The status as a coloured badge with its name in words (colour is never the only signal). */
export function StatusBadge({ status }: { status: AnyStatus }) {
  return <span className={`badge tone-${STATUS_TONE[status]}`}>{status}</span>;
}
