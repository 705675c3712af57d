import { Logger } from '@nestjs/common';
import { describeError, withTimeout } from '@hydrator/common';
import { HydratorMetrics } from './hydrator-metrics';

/** A scrape waits at most this long for one source; the gauges keep their last values past it. */
export const SCRAPE_TIMEOUT_MS = 2000;

/**
 * Refreshes a set of gauges from one source (PostgreSQL, Redis) when `/metrics` is scraped: one
 * collection at a time (concurrent scrapes share it), waited for at most {@link SCRAPE_TIMEOUT_MS}, a
 * failure or timeout counted in `hydrator_metrics_collect_failures_total` and logged once until it
 * works again. The gauges are set only by a collection that completed, so a slow source never hangs a
 * scrape and never leaves half-updated values.
 */
export abstract class ScrapeRefresh {
  private readonly logger = new Logger(this.constructor.name);
  private inFlight?: Promise<void>;
  private failing = false;

  protected constructor(
    protected readonly metrics: HydratorMetrics,
    private readonly source: string,
    private readonly timeoutMs = SCRAPE_TIMEOUT_MS,
  ) {}

  /** Reads the source and sets the gauges; never throws. */
  async refresh(): Promise<void> {
    this.inFlight ??= this.collect().finally(() => (this.inFlight = undefined));
    try {
      await withTimeout(this.inFlight, this.timeoutMs);
      if (this.failing) this.logger.log(`metrics from ${this.source} are collected again`);
      this.failing = false;
    } catch (error) {
      this.metrics.collectFailures.inc({ source: this.source });
      if (!this.failing) this.logger.warn(`could not collect metrics from ${this.source}, keeping the last values: ${describeError(error)}`);
      this.failing = true;
    }
  }

  /** One read of the source, then every gauge it feeds set at once. */
  protected abstract collect(): Promise<void>;
}
