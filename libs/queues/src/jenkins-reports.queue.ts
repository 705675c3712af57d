import { JobsOptions } from 'bullmq';
import { QueueName } from './queue-names';

/** Contract of the `jenkins-reports` queue: gateway (producer) → registry (consumer). */
export const JENKINS_REPORTS_QUEUE = QueueName.JenkinsReports;

/** Job names of the queue. Persisted in Redis: do not rename. */
export enum JenkinsReportsJob {
  /** Turn one stored webhook into a DeploymentReport. */
  RecordReport = 'record-report',
}

/** The job carries the id of the stored webhook row, never a copy of it: PostgreSQL holds the truth. */
export interface RecordReportPayload {
  webhookId: string;
}

export interface JenkinsReportsPayloads {
  [JenkinsReportsJob.RecordReport]: RecordReportPayload;
}

/**
 * Options for recording one webhook: the job id is the webhook id, so the reconciler re-enqueueing
 * a webhook that is still waiting does not create a second job.
 */
export function recordReportJobOptions(webhookId: string): JobsOptions {
  return {
    jobId: `webhook-${webhookId}`,
    attempts: 8,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
