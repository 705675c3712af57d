import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/**
 * A BullMQ consumer whose worker errors are logged, not thrown: a worker emits `error` when Redis
 * drops a connection or loses a job it was holding (a FLUSHALL, a failover), and an `error` event
 * without a listener would crash the process. PostgreSQL-driven reconcilers redo the lost work.
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`queue worker error (the reconciler recovers lost work): ${error.message}`);
  }
}
