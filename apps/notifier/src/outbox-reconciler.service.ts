import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { OutboxRecovery, Reconciliation, unconfiguredWarnings } from '@hydrator/notifier';

/** How often the outbox is compared with the queue. */
const RECONCILE_EVERY_MS = 15_000;
/** A message due more recently than this probably has its job on the way. */
const DUE_GRACE_MS = 10_000;

/**
 * Restores the `notifications` queue from the outbox at startup and then periodically (see
 * {@link OutboxRecovery}), and says at startup which integrations are not configured.
 */
@Injectable()
export class OutboxReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxReconciler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly recovery: OutboxRecovery,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const warning of unconfiguredWarnings(this.config)) this.logger.warn(warning);
    void this.reconcile(0);
    this.timer = setInterval(() => void this.reconcile(DUE_GRACE_MS), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async reconcile(graceMs = DUE_GRACE_MS): Promise<Reconciliation> {
    try {
      const done = await this.recovery.reconcile(graceMs);
      if (done.released > 0) this.logger.log(`released ${done.released} held outbox message(s): their integration is configured now`);
      if (done.requeued > 0) this.logger.log(`re-enqueued ${done.requeued} outbox message(s)`);
      return done;
    } catch (error) {
      this.logger.warn(`could not reconcile the outbox: ${(error as Error).message}`);
      return { released: 0, requeued: 0 };
    }
  }
}
