import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DeploymentStatus, OutboxKind, OutboxStatus, RolloutStatus } from '@hydrator/database';
import { HydratorMetrics } from './hydrator-metrics';
import { ScrapeRefresh } from './scrape-refresh';

/** The outbox statuses the gauges show: SENT ones only ever grow, and are counted by the notifier's deliveries instead. */
const UNSENT: OutboxStatus[] = [OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.FAILED, OutboxStatus.HELD];
const CHANNELS = ['slack', 'jira'] as const;
const JIRA_KINDS = new Set<string>([OutboxKind.JIRA_ISSUE, OutboxKind.JIRA_COMMENT, OutboxKind.JIRA_TRANSITION]);

interface Row {
  metric: 'deployments' | 'rollouts' | 'rollout_idle' | 'deployment_running' | 'outbox' | 'outbox_oldest';
  a: string | null;
  b: string | null;
  value: number | string | null;
}

/**
 * Every PostgreSQL gauge in one statement per scrape (never one per label): counts by status, the
 * longest-idle running rollout, the longest-running deployment, the unsent outbox and its oldest
 * message. Statuses with no row are shown as 0, so an alert on one never sees it vanish.
 */
const QUERY = `
  select 'deployments' as metric, status as a, null as b, count(*)::float8 as value from deployment group by status
  union all
  select 'rollouts', status, null, count(*)::float8 from rollout group by status
  union all
  select 'rollout_idle', null, null, coalesce(max(extract(epoch from clock_timestamp() - last_change)), 0)::float8
    from (select greatest(r.updated_at, max(d.updated_at)) as last_change
            from rollout r left join deployment d on d.rollout_id = r.id
           where r.status = 'RUNNING' group by r.id, r.updated_at) running
  union all
  select 'deployment_running', null, null, coalesce(max(extract(epoch from clock_timestamp() - started_at)), 0)::float8
    from deployment where status = 'RUNNING'
  union all
  select 'outbox', kind, status, count(*)::float8 from outbox_message where status <> 'SENT' group by kind, status
  union all
  select 'outbox_oldest', kind, null, max(extract(epoch from clock_timestamp() - created_at))::float8
    from outbox_message where status in ('PENDING', 'SENDING') group by kind`;

@Injectable()
export class DatabaseGauges extends ScrapeRefresh {
  constructor(
    metrics: HydratorMetrics,
    private readonly em: EntityManager,
  ) {
    super(metrics, 'postgresql');
  }

  protected async collect(): Promise<void> {
    const rows = await this.em.fork().getConnection().execute<Row[]>(QUERY);
    const m = this.metrics;
    const deployments = zeroes(Object.values(DeploymentStatus));
    const rollouts = zeroes(Object.values(RolloutStatus));
    const outbox = new Map<string, number>(CHANNELS.flatMap((channel) => UNSENT.map((status) => [`${channel}\u0000${status}`, 0] as [string, number])));
    const oldest = zeroes(CHANNELS);
    let idle = 0;
    let running = 0;
    for (const row of rows) {
      const value = Number(row.value ?? 0);
      if (row.metric === 'deployments') deployments.set(row.a!, value);
      else if (row.metric === 'rollouts') rollouts.set(row.a!, value);
      else if (row.metric === 'rollout_idle') idle = value;
      else if (row.metric === 'deployment_running') running = value;
      else if (row.metric === 'outbox') add(outbox, `${channelOf(row.a!)}\u0000${row.b}`, value);
      else if (row.metric === 'outbox_oldest') oldest.set(channelOf(row.a!), Math.max(oldest.get(channelOf(row.a!)) ?? 0, value));
    }
    for (const [status, value] of deployments) m.deployments.set({ status }, value);
    for (const [status, value] of rollouts) m.rollouts.set({ status }, value);
    m.rolloutIdle.set(idle);
    m.deploymentRunningMax.set(running);
    for (const [key, value] of outbox) {
      const [channel, status] = key.split('\u0000');
      m.outboxMessages.set({ channel, status }, value);
    }
    for (const [channel, value] of oldest) m.outboxOldestUnsent.set({ channel }, value);
  }
}

/** `slack` or `jira`, the channel an outbox message of `kind` goes to. */
export function channelOf(kind: string): 'slack' | 'jira' {
  return JIRA_KINDS.has(kind) ? 'jira' : 'slack';
}

function zeroes(keys: readonly string[]): Map<string, number> {
  return new Map(keys.map((key) => [key, 0]));
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
