import { Inject, Injectable } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { OutboxRecovery, unconfiguredWarnings } from '@hydrator/notifier';
import { PeriodicTask } from '@hydrator/platform';

/** How often the outbox is compared with the queue. */
const RECONCILE_EVERY_MS = 15_000;
/** A message due more recently than this probably has its job on the way. */
const DUE_GRACE_MS = 10_000;

/**
 * Restores the `notifications` queue from the outbox at startup and then periodically (see
 * {@link OutboxRecovery}), and says at startup which integrations are not configured.
 */
@Injectable()
export class OutboxReconciler extends PeriodicTask {
  constructor(
    private readonly recovery: OutboxRecovery,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
  ) {
    super(RECONCILE_EVERY_MS);
  }

  protected async run(firstRun: boolean): Promise<void> {
    if (firstRun) for (const warning of unconfiguredWarnings(this.config)) this.logger.warn(warning);
    const done = await this.recovery.reconcile(firstRun ? 0 : DUE_GRACE_MS);
    if (done.released > 0) this.logger.log(`released ${done.released} held outbox message(s): their integration is configured now`);
    if (done.requeued > 0) this.logger.log(`re-enqueued ${done.requeued} outbox message(s)`);
  }
}
