import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

/**
 * Work a service repeats for as long as it runs — reconcilers that rebuild queues from PostgreSQL,
 * schedules re-asserted in Redis: once at startup (`firstRun`), then every `everyMs`. A failing run is
 * logged and the next one tries again; the timer never keeps the process alive on shutdown.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;

  protected constructor(private readonly everyMs: number) {}

  /** One run; `firstRun` is true at startup (e.g. to skip a grace period). */
  protected abstract run(firstRun: boolean): Promise<void>;

  onApplicationBootstrap(): void {
    void this.safely(true);
    this.timer = setInterval(() => void this.safely(false), this.everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async safely(firstRun: boolean): Promise<void> {
    try {
      await this.run(firstRun);
    } catch (error) {
      this.logger.warn(`${this.constructor.name} failed, will try again: ${(error as Error).message}`);
    }
  }
}
