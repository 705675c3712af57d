import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { withTimeout } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import type { RedisClient } from '@hydrator/queues';
import { Change, changesChannel } from './change';
import { closeRedis, liveRedis } from './live-redis';

/** A publish Redis has not confirmed by then is logged as lost: live subscribers catch up at the row's next change. */
const PUBLISH_TIMEOUT_MS = 2000;

/**
 * The producer side of the live change feed: every service that changes a deployment or a rollout
 * publishes it here, and every gateway replica relays it to its GraphQL subscribers
 * (`deploymentChanged`, `rolloutChanged`).
 *
 * Rules for callers:
 * - publish **after** the commit (never from inside a transaction): a subscriber reads the row from
 *   PostgreSQL when the change arrives, and must find the committed version;
 * - publish every version bump of a `deployment` or `rollout` row, so that a client can tell from the
 *   versions whether it missed one;
 * - use the builders: `deploymentChange(entity)`, `rolloutChange(entity)`, `deploymentRowChange(row)`
 *   for raw SQL updates `returning ${CHANGED_DEPLOYMENT_COLUMNS}`, or collect a transaction's changes in a
 *   {@link PendingChanges}.
 *
 * ```ts
 * const deployment = await em.transactional(async (em) => { …; return found; });
 * this.feed.publish(deploymentChange(deployment), rolloutChange(deployment.rollout));
 * ```
 */
@Injectable()
export class ChangeFeed implements OnApplicationShutdown {
  private readonly logger = new Logger(ChangeFeed.name);
  private readonly channel: string;
  // Its own connection: BullMQ's may be blocked in a blocking command, and publishing must never wait behind one.
  private readonly redis: RedisClient;

  constructor(@Inject(HYDRATOR_CONFIG) config: HydratorConfig) {
    this.channel = changesChannel(config.redisPrefix);
    this.redis = liveRedis(config, 'publisher', this.logger, { maxRetriesPerRequest: 1 });
  }

  /**
   * Publishes committed changes, in order, on `<HYDRATOR_REDIS_PREFIX>:changes`. Returns at once and
   * never throws: the change is already in PostgreSQL, so a Redis outage is logged and the writer moves on.
   */
  publish(...changes: Change[]): void {
    for (const change of changes) void this.send(change);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }

  private async send(change: Change): Promise<void> {
    try {
      await withTimeout(this.redis.publish(this.channel, JSON.stringify(change)), PUBLISH_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`could not publish ${change.kind} ${change.id} v${change.version} ${change.status} (${(error as Error).message}); live subscribers see it at its next change`);
    }
  }
}
