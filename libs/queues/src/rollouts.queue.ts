import { JobsOptions } from 'bullmq';
import { QueueName } from './queue-names';

/** Contract of the `rollouts` queue: gateway, registry and runner (producers) → runner (consumer). */
export const ROLLOUTS_QUEUE = QueueName.Rollouts;

/** Job names of the queue. Persisted in Redis: do not rename. */
export enum RolloutsJob {
  /** Decide what starts next in a running rollout (cheap, serialized per rollout in PostgreSQL). */
  AdvanceRollout = 'advance-rollout',
  /** Silence, then trigger Jenkins for one deployment attempt. */
  ExecuteDeployment = 'execute-deployment',
  /** Learn a running deployment's outcome (webhook report or Jenkins poll), extend its silence, time it out. */
  CheckDeployment = 'check-deployment',
  /** RUN_CRON: run the current rollout. */
  RunCurrentRollout = 'run-current-rollout',
}

export interface AdvanceRolloutPayload {
  rolloutId: string;
}

export interface DeploymentAttemptPayload {
  deploymentId: string;
  attempt: number;
}

export interface RolloutsPayloads {
  [RolloutsJob.AdvanceRollout]: AdvanceRolloutPayload;
  [RolloutsJob.ExecuteDeployment]: DeploymentAttemptPayload;
  [RolloutsJob.CheckDeployment]: DeploymentAttemptPayload;
  [RolloutsJob.RunCurrentRollout]: Record<string, never>;
}

/** The job scheduler id of RUN_CRON: every replica upserts the same one. */
export const RUN_CRON_SCHEDULER = 'weekly-run';

const KEEP = { removeOnComplete: { age: 3600, count: 2000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/** Advances are never deduplicated: one arriving while another runs must not be lost (they serialize on a lock). */
export function advanceJobOptions(): JobsOptions {
  return { attempts: 20, backoff: { type: 'exponential', delay: 200 }, ...KEEP };
}

/** One execution per deployment attempt: a duplicate add (reconciler, replica) is ignored by its job id. */
export function executeJobOptions(deploymentId: string, attempt: number): JobsOptions {
  return { jobId: `execute-${deploymentId}-${attempt}`, attempts: 6, backoff: { type: 'exponential', delay: 1000 }, ...KEEP };
}

/** Checks are keyed by attempt and time slot, so replicas polling in the same slot add one job. */
export function checkJobOptions(deploymentId: string, attempt: number, slot: string | number, delayMs = 0): JobsOptions {
  return { jobId: `check-${deploymentId}-${attempt}-${slot}`, delay: delayMs, attempts: 3, backoff: { type: 'fixed', delay: 1000 }, ...KEEP };
}
