import { Controller, Get, Header } from '@nestjs/common';
import { DatabaseGauges } from './database-gauges';
import { HydratorMetrics } from './hydrator-metrics';
import { QueueGauges } from './queue-gauges';

/**
 * `GET /metrics`: Prometheus' text exposition format, on every service's own port, without
 * authentication (see the README's Security section: keep it off the public ingress). The PostgreSQL and
 * Redis gauges are read first, each within 2 s.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: HydratorMetrics,
    private readonly database: DatabaseGauges,
    private readonly queues: QueueGauges,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    await Promise.all([this.database.refresh(), this.queues.refresh()]);
    return this.metrics.registry.metrics();
  }
}
