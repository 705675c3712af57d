import { QueueName } from './queue-names';

/** Contract of the `scheduling` queue: the cron job schedulers (producer) → scheduler/runner (consumers). */
export const SCHEDULING_QUEUE = QueueName.Scheduling;

/** Job names of the queue. Persisted in Redis (job schedulers repeat them): do not rename. */
export enum SchedulingJob {
  /** Plan the current week's rollout (SCHEDULE_CRON, Monday 09:00 by default). */
  ScheduleRollout = 'schedule-rollout',
}

/** The job schedulers' ids: upserting the same id from every replica keeps one schedule. */
export enum SchedulingCron {
  WeeklySchedule = 'weekly-schedule',
}

/** Cron jobs carry nothing: they act on "now" and PostgreSQL decides what that means. */
export type SchedulingPayloads = {
  [SchedulingJob.ScheduleRollout]: Record<string, never>;
};
