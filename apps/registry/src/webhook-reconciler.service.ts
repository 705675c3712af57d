import { CreateRequestContext, MikroORM } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JenkinsWebhookInbox } from '@hydrator/registry';

/** How often stored-but-unrecorded webhooks are handed to the queue again. */
const RECONCILE_EVERY_MS = 15_000;
/** A webhook younger than this is probably still on its first trip through the queue. */
const PENDING_GRACE_MS = 10_000;

/**
 * Restores the `jenkins-reports` queue from PostgreSQL: at startup and then periodically, webhooks that
 * were stored but not yet recorded are enqueued again (after a Redis restart that lost everything, or
 * an enqueue that failed). Re-enqueueing is harmless: the job id and the recorder dedupe.
 */
@Injectable()
export class WebhookReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookReconciler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly inbox: JenkinsWebhookInbox,
    // Used by @CreateRequestContext to give each pass its own identity map.
    private readonly orm: MikroORM,
  ) {}

  onApplicationBootstrap(): void {
    void this.reconcile(0);
    this.timer = setInterval(() => void this.reconcile(PENDING_GRACE_MS), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  @CreateRequestContext()
  async reconcile(olderThanMs: number): Promise<number> {
    try {
      const count = await this.inbox.requeuePending(olderThanMs);
      if (count > 0) this.logger.log(`re-enqueued ${count} stored Jenkins webhook(s)`);
      return count;
    } catch (error) {
      this.logger.warn(`could not reconcile Jenkins webhooks: ${(error as Error).message}`);
      return 0;
    }
  }
}
