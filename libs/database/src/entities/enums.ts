/** Persisted as text: renaming a member needs a migration. */
export enum TargetRole {
  PROTOTYPE = 'PROTOTYPE',
  PRODUCTION = 'PRODUCTION',
}

/** Persisted as text: renaming a member needs a migration. */
export enum DeploymentStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELED = 'CANCELED',
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  BLOCKED = 'BLOCKED',
}

/** Persisted as text: renaming a member needs a migration. */
export enum RolloutStatus {
  PLANNED = 'PLANNED',
  RUNNING = 'RUNNING',
  HALTED = 'HALTED',
  COMPLETED = 'COMPLETED',
}

/** Persisted as text: renaming a member needs a migration. */
export enum RolloutKind {
  WEEKLY = 'WEEKLY',
  EMERGENCY = 'EMERGENCY',
}

/** The Jenkins Notification Plugin's build phases. */
export enum BuildPhase {
  /** Sent by the plugin just before STARTED; recorded like STARTED, it never sets a current rev. */
  QUEUED = 'QUEUED',
  STARTED = 'STARTED',
  COMPLETED = 'COMPLETED',
  FINALIZED = 'FINALIZED',
}
