import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { LogContextFields, withLogContext } from '@hydrator/common';

interface ActiveJob {
  job: Job;
  token?: string;
}

/** What a job's log lines carry: its queue, name and id, and the rollout, deployment and attempt it is about. */
export function jobLogFields(job: Job): LogContextFields {
  const data = (job.data ?? {}) as Record<string, unknown>;
  return {
    queue: job.queueName,
    job: job.name,
    jobId: job.id,
    rolloutId: typeof data.rolloutId === 'string' ? data.rolloutId : undefined,
    deploymentId: typeof data.deploymentId === 'string' ? data.deploymentId : undefined,
    attempt: typeof data.attempt === 'number' ? data.attempt : undefined,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());

/**
 * A BullMQ consumer whose worker errors are logged, not thrown: a worker emits `error` when Redis
 * drops a connection or loses a job it was holding (a FLUSHALL, a failover), and an `error` event
 * without a listener would crash the process. PostgreSQL-driven reconcilers redo the lost work.
 *
 * Every job runs in a log context (see {@link jobLogFields}), and the jobs in progress are known, so a
 * shutdown can let them finish or hand them back ({@link stopTakingJobs}).
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly active = new Map<string, ActiveJob>();
  private readonly running = new Set<Promise<unknown>>();

  protected constructor() {
    super();
    // The explorer binds `process` of the instance: this own property wraps the subclass's method.
    const self = this as unknown as { process: (job: Job, token?: string) => Promise<unknown> };
    const process = self.process.bind(this);
    self.process = (job: Job, token?: string) => {
      const key = `${job.id ?? ''}:${token ?? ''}`;
      this.active.set(key, { job, token });
      const run = withLogContext(jobLogFields(job), async () => {
        const result = await process(job, token);
        this.logger.debug(`job ${job.name} ${job.id} done${typeof result === 'string' ? `: ${result}` : ''}`);
        return result;
      });
      this.running.add(run);
      const done = () => {
        this.active.delete(key);
        this.running.delete(run);
      };
      run.then(done, done);
      return run;
    };
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`queue worker error (the reconciler recovers lost work): ${error.message}`);
  }

  /**
   * Shutdown: takes no new job, lets the jobs in progress finish until `until` (epoch ms), then hands
   * back those still running (moved to waiting, their lock released) so another replica takes them at
   * once instead of after the lock expires, and closes the worker without waiting for them.
   * Returns how many jobs were handed back.
   */
  async stopTakingJobs(until: number): Promise<number> {
    let worker;
    try {
      worker = this.worker;
    } catch {
      return 0; // never started (no worker in this process)
    }
    if (!worker) return 0;
    await worker.pause(true).catch(() => undefined);
    const finished = await Promise.race([Promise.allSettled([...this.running]).then(() => true), sleep(until - Date.now()).then(() => false)]);
    if (finished) {
      await worker.close();
      return 0;
    }
    const unfinished = [...this.active.values()];
    let handedBack = 0;
    for (const { job, token } of unfinished) {
      try {
        await job.moveToWait(token);
        handedBack++;
        this.logger.warn(`handed job ${job.name} ${job.id} back to the queue: it did not finish before the shutdown deadline`);
      } catch (error) {
        this.logger.warn(`could not hand job ${job.name} ${job.id} back (${(error as Error).message}); its lock will expire`);
      }
    }
    await worker.close(true).catch(() => undefined);
    return handedBack;
  }
}
