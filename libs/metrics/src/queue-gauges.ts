import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@hydrator/queues';
import { HydratorMetrics } from './hydrator-metrics';
import { ScrapeRefresh } from './scrape-refresh';

/** The BullMQ states shown, as `getJobCounts` names them. */
const STATES = ['wait', 'prioritized', 'active', 'delayed', 'failed'] as const;
/** The label each state is shown under. */
const STATE_LABEL: Record<(typeof STATES)[number], string> = { wait: 'waiting', prioritized: 'prioritized', active: 'active', delayed: 'delayed', failed: 'failed' };

/**
 * Depth, oldest waiting job and failed jobs of every Hydrator queue, read from Redis on scrape: per
 * queue one `getJobCounts` (a single script) and the oldest waiting job, all queues in parallel.
 * Every process shows every queue, whichever of them it consumes: the numbers are Redis', not the process'.
 */
@Injectable()
export class QueueGauges extends ScrapeRefresh {
  private readonly queues: Queue[];

  constructor(
    metrics: HydratorMetrics,
    @InjectQueue(QueueName.JenkinsReports) jenkinsReports: Queue,
    @InjectQueue(QueueName.Notifications) notifications: Queue,
    @InjectQueue(QueueName.Scheduling) scheduling: Queue,
    @InjectQueue(QueueName.Rollouts) rollouts: Queue,
  ) {
    super(metrics, 'redis');
    this.queues = [jenkinsReports, notifications, scheduling, rollouts];
  }

  protected async collect(): Promise<void> {
    const now = Date.now();
    const read = await Promise.all(
      this.queues.map(async (queue) => {
        const [counts, [oldest]] = await Promise.all([queue.getJobCounts(...STATES), queue.getJobs(['wait'], 0, 0, true)]);
        const since = oldest ? oldest.timestamp + (oldest.delay ?? 0) : undefined;
        return { name: queue.name, counts, oldestSeconds: since === undefined ? 0 : Math.max(0, (now - since) / 1000) };
      }),
    );
    for (const { name, counts, oldestSeconds } of read) {
      for (const state of STATES) this.metrics.queueJobs.set({ queue: name, state: STATE_LABEL[state] }, counts[state] ?? 0);
      this.metrics.queueOldestWaiting.set({ queue: name }, oldestSeconds);
    }
  }
}
