import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Systems Hydrator calls out to; the `system` label of the external call metrics. */
export type ExternalSystem = 'jenkins' | 'alertmanager' | 'slack' | 'jira';

/** Outcomes of `POST /webhooks/jenkins` (gateway) and of recording a stored webhook (registry). */
export type WebhookOutcome = 'accepted' | 'duplicate' | 'unmatched' | 'refused';

/** Outcomes of one notification delivery attempt (notifier). */
export type DeliveryOutcomeLabel = 'sent' | 'failed' | 'retry' | 'delayed' | 'held' | 'skipped';

/** Seconds: a Jenkins deployment takes minutes to an hour. */
const DEPLOYMENT_BUCKETS = [10, 30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200];
/** Seconds: webhook → gateway → registry → runner → Jenkins should take well under a second or two. */
const HANDOFF_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
/** Seconds: one HTTP call, bounded by the clients' 10 s timeouts. */
const CALL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Every metric a Hydrator process exports, each defined once here with its help text and labels (the
 * README's "Metrics and alerts" lists them). One registry per Nest application, so two applications in
 * one process (tests) never clash; `npm start` runs every service in one application, so its
 * `/metrics` shows them all. Ours are prefixed `hydrator_`; Node's default process metrics are not.
 */
@Injectable()
export class HydratorMetrics {
  readonly registry = new Registry();

  // Collected on scrape from PostgreSQL (see DatabaseGauges).
  readonly deployments = new Gauge({
    name: 'hydrator_deployments',
    help: 'Deployments in PostgreSQL by status, every rollout (read on scrape)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly rollouts = new Gauge({
    name: 'hydrator_rollouts',
    help: 'Rollouts in PostgreSQL by status (read on scrape)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly rolloutIdle = new Gauge({
    name: 'hydrator_rollout_idle_seconds',
    help: 'Longest time a RUNNING rollout has gone without any change to it or its deployments; 0 when none runs (read on scrape)',
    registers: [this.registry],
  });
  readonly deploymentRunningMax = new Gauge({
    name: 'hydrator_deployment_running_max_seconds',
    help: 'Age of the longest-running RUNNING deployment since it started; 0 when none runs (read on scrape)',
    registers: [this.registry],
  });
  readonly outboxMessages = new Gauge({
    name: 'hydrator_outbox_messages',
    help: 'Outbox messages not sent yet by channel and status: PENDING, SENDING, FAILED, HELD (read on scrape)',
    labelNames: ['channel', 'status'] as const,
    registers: [this.registry],
  });
  readonly outboxOldestUnsent = new Gauge({
    name: 'hydrator_outbox_oldest_unsent_seconds',
    help: 'Age of the oldest PENDING or SENDING outbox message by channel; 0 when there is none (read on scrape)',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  // Collected on scrape from Redis (see QueueGauges).
  readonly queueJobs = new Gauge({
    name: 'hydrator_queue_jobs',
    help: 'BullMQ jobs per queue and state: waiting, prioritized, active, delayed, failed (read on scrape)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  readonly queueOldestWaiting = new Gauge({
    name: 'hydrator_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in the queue (since it was added, or since its delay ended); 0 when none waits (read on scrape)',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  readonly collectFailures = new Counter({
    name: 'hydrator_metrics_collect_failures_total',
    help: 'Scrapes whose collection from a source failed or took over 2 s; the gauges keep their last values',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  // Observed as things happen, in the process that does them.
  readonly deploymentDuration = new Histogram({
    name: 'hydrator_deployment_duration_seconds',
    help: 'Time from a deployment attempt starting (RUNNING) to its outcome, by application and outcome (runner)',
    labelNames: ['application', 'status'] as const,
    buckets: DEPLOYMENT_BUCKETS,
    registers: [this.registry],
  });
  readonly handoffLatency = new Histogram({
    name: 'hydrator_handoff_latency_seconds',
    help: 'Time from receiving the completion webhook that settled a deployment to triggering the next deployment of the same rollout in Jenkins (runner)',
    buckets: HANDOFF_BUCKETS,
    registers: [this.registry],
  });
  readonly webhooks = new Counter({
    name: 'hydrator_jenkins_webhooks_total',
    help: 'Jenkins webhooks by outcome: accepted, duplicate, refused (gateway, with the reason of a refusal) and unmatched (registry)',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'hydrator_notification_deliveries_total',
    help: 'Outbox delivery attempts by channel (slack, jira) and outcome: sent, failed, retry, delayed, held, skipped (notifier)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly callDuration = new Histogram({
    name: 'hydrator_external_call_duration_seconds',
    help: 'Calls to Jenkins, Alertmanager, Slack and Jira by system, operation and result (ok, error)',
    labelNames: ['system', 'operation', 'result'] as const,
    buckets: CALL_BUCKETS,
    registers: [this.registry],
  });
  readonly callErrors = new Counter({
    name: 'hydrator_external_call_errors_total',
    help: 'Failed calls to Jenkins, Alertmanager, Slack and Jira by system, operation and reason (error code or HTTP status)',
    labelNames: ['system', 'operation', 'reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
