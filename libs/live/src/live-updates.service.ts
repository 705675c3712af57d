import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { withTimeout } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import type { RedisClient } from '@hydrator/queues';
import { Deployment, Rollout } from '@hydrator/database';
import { Change, changesChannel, parseChange } from './change';
import { closeRedis, liveRedis } from './live-redis';
import { Follower, RowFollower, VersionedRow } from './row-follower';

/** How long startup waits for the Redis subscription before going on without it (ioredis subscribes when Redis answers). */
const SUBSCRIBE_TIMEOUT_MS = 5000;

/**
 * The subscriber side of the change feed, for a gateway replica: one Redis subscription per process,
 * opened at startup, fanned out in memory to the GraphQL subscribers of this process.
 *
 * Each change is loaded once from PostgreSQL, whoever wants it, so subscribers get the full row as
 * committed. Loads of one row run one after the other, in the order its changes arrived; a load that
 * reads an older version than the change announced is dropped (that change is not visible yet), and
 * each subscriber gets a row only at a version newer than the last it got. A client that read a row
 * at version N therefore knows it missed nothing while the versions it receives go N+1, N+2… — and
 * that changes happened meanwhile when it sees a jump (it gets the newest row, never an older one).
 * A subscriber that registers while a load is under way may get a version it just read: a client
 * ignores versions it already has.
 */
@Injectable()
export class LiveUpdates implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveUpdates.name);
  private readonly channel: string;
  private readonly redis: RedisClient;
  private readonly followers = new Set<Follower>();
  /** Per row id, the tail of its chain of loads; removed when the chain drains. */
  private readonly loads = new Map<string, Promise<void>>();

  constructor(
    private readonly em: EntityManager,
    @Inject(HYDRATOR_CONFIG) config: HydratorConfig,
  ) {
    this.channel = changesChannel(config.redisPrefix);
    this.redis = liveRedis(config, 'subscriber', this.logger);
    this.redis.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
  }

  /**
   * Subscribed before the process serves anything, so a GraphQL subscription is live as soon as it is
   * registered: every change committed after that reaches it.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await withTimeout(this.redis.subscribe(this.channel), SUBSCRIBE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`could not subscribe to ${this.channel} yet (${(error as Error).message}); live updates start when Redis answers`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const follower of [...this.followers]) await follower.return();
    await closeRedis(this.redis);
  }

  /** Every later change of the deployments of one rollout. Registered before it returns. */
  deploymentsOf(rolloutId: string): RowFollower<Deployment> {
    return this.follow<Deployment>((change) => change.kind === 'deployment' && change.rolloutId === rolloutId);
  }

  /** Every later change of any rollout. Registered before it returns. */
  rollouts(): RowFollower<Rollout> {
    return this.follow<Rollout>((change) => change.kind === 'rollout');
  }

  private follow<Row extends VersionedRow>(wants: (change: Change) => boolean): RowFollower<Row> {
    const follower: RowFollower<Row> = new RowFollower<Row>(wants, () => this.followers.delete(follower));
    this.followers.add(follower);
    return follower;
  }

  private receive(message: string): void {
    const change = parseChange(message);
    if (!change) {
      this.logger.warn(`ignored a message on ${this.channel} that is not a change: ${message.slice(0, 200)}`);
      return;
    }
    if (!this.wanted(change)) return;
    const next = (this.loads.get(change.id) ?? Promise.resolve()).then(() => this.deliver(change));
    this.loads.set(change.id, next);
    void next.then(() => {
      if (this.loads.get(change.id) === next) this.loads.delete(change.id);
    });
  }

  private async deliver(change: Change): Promise<void> {
    try {
      // A fresh identity map per load: a cached entity would be an old version.
      const em = this.em.fork();
      const row = change.kind === 'deployment' ? await em.findOne(Deployment, { id: change.id }) : await em.findOne(Rollout, { id: change.id });
      if (!row || row.version < change.version) return;
      for (const follower of this.followers) {
        if (follower.wants(change)) follower.offer(row);
      }
    } catch (error) {
      this.logger.warn(`could not load ${change.kind} ${change.id} for live subscribers: ${(error as Error).message}`);
    }
  }

  private wanted(change: Change): boolean {
    for (const follower of this.followers) if (follower.wants(change)) return true;
    return false;
  }
}
