import { MikroORM } from '@mikro-orm/postgresql';
import { Controller, Get, Inject, Logger, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { describeError, withTimeout } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { createRedisClient, RedisClient } from '@hydrator/queues';
import { ShutdownState } from './shutdown';

/**
 * `/health/live`: the process answers. `/health/ready`: PostgreSQL and Redis answer too, so Kubernetes
 * sends traffic only to a replica that can do its work. From SIGTERM on, `/health/ready` answers 503
 * (the replica is shutting down) while `/health/live` still answers.
 */
@Controller('health')
export class HealthController implements OnModuleDestroy {
  /** One Redis, or a Redis Cluster client whose PING goes to one of its nodes once the cluster is ready. */
  private readonly redis: RedisClient;
  private readonly logger = new Logger('Health');
  /** Dependencies currently down, so that a failing probe is logged once, not every few seconds. */
  private readonly down = new Set<string>();

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly orm: MikroORM,
    private readonly shutdown: ShutdownState,
    @Inject(HYDRATOR_CONFIG) config: HydratorConfig,
  ) {
    this.redis = createRedisClient(config, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on('error', () => undefined); // reported through /health/ready, not as unhandled errors
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    if (this.shutdown.draining) throw new ServiceUnavailableException({ status: 'error', info: {}, error: { process: { status: 'down', reason: 'shutting down' } } });
    return this.health.check([() => this.check('postgresql', () => this.orm.em.getConnection().execute('select 1')), () => this.check('redis', () => this.pingRedis())]);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  private async pingRedis(): Promise<unknown> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect().catch(() => undefined);
    return this.redis.ping();
  }

  /**
   * The answer says only up or down: `/health/ready` is anonymous, and a driver's error text names
   * hosts, users and versions. The reason goes to the log, once when a dependency goes down.
   */
  private async check(name: string, probe: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(name);
    try {
      await withTimeout(probe(), 2000);
      if (this.down.delete(name)) this.logger.log(`${name} answers again`);
      return session.up();
    } catch (error) {
      if (!this.down.has(name)) this.logger.warn(`${name} does not answer, so this replica is not ready: ${describeError(error)}`);
      this.down.add(name);
      return session.down();
    }
  }
}
