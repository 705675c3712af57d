import { CreateRequestContext, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '@hydrator/platform';
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
export class WebhookReconciler extends PeriodicTask {
  constructor(
    private readonly inbox: JenkinsWebhookInbox,
    // Used by @CreateRequestContext to give each pass its own identity map.
    private readonly orm: MikroORM,
  ) {
    super(RECONCILE_EVERY_MS);
  }

  @CreateRequestContext()
  protected async run(firstRun: boolean): Promise<void> {
    const count = await this.inbox.requeuePending(firstRun ? 0 : PENDING_GRACE_MS);
    if (count > 0) this.logger.log(`re-enqueued ${count} stored Jenkins webhook(s)`);
  }
}
