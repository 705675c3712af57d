import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { describeError } from '@hydrator/common';
import { HydratorMetrics } from '@hydrator/metrics';

/**
 * The hand-off that just ended with deployment `?2` being triggered: the newest deployment of rollout
 * `?1` that SUCCEEDED before `?2` was queued (`?3`) and after the rollout last changed (a run, a resume),
 * and the completion webhook (COMPLETED or FINALIZED of its own attempt) that Hydrator received before
 * it settled. Seconds from that webhook's arrival to now, on PostgreSQL's clock (which stamped both).
 */
const HANDOFF = `
  select extract(epoch from clock_timestamp() - report.received_at)::float8 as seconds
    from (select p.id, p.attempt, p.finished_at
            from deployment p join rollout ro on ro.id = p.rollout_id
           where p.rollout_id = ? and p.id <> ? and p.status = 'SUCCEEDED' and p.finished_at <= ? and p.finished_at >= ro.updated_at
           order by p.finished_at desc limit 1) previous
    join lateral (select r.received_at from deployment_report r
                   where r.deployment_id = previous.id and r.phase in ('COMPLETED', 'FINALIZED')
                     and r.parameters->>'HYDRATOR_DEPLOYMENT_ID' = previous.id || ':' || previous.attempt
                     and r.received_at <= previous.finished_at
                   order by r.received_at limit 1) report on true`;

/**
 * `hydrator_handoff_latency_seconds`: how long Hydrator takes from a Jenkins completion webhook to the
 * next trigger it causes (gateway → jenkins-reports queue → registry → rollouts queue → runner → Jenkins).
 *
 * Observed by the runner right after it triggers a first attempt of a deployment whose rollout already
 * had a deployment settled by its webhook since the rollout last changed; that settle is the one that
 * let this deployment start (one target at a time, dependencies, MAX_PARALLEL_APPS). Not observed: the
 * first deployments of a run or resume (nothing handed them over), retries (an operator's hand), builds
 * adopted instead of triggered, and hand-offs after a settle by polling (no webhook came in time).
 */
@Injectable()
export class HandoffLatency {
  private readonly logger = new Logger(HandoffLatency.name);

  constructor(
    private readonly em: EntityManager,
    private readonly metrics: HydratorMetrics,
  ) {}

  /** After deployment `deploymentId` (queued at `queuedAt`) was triggered; never throws: a metric never fails a deployment. */
  async triggered(d: { id: string; rollout_id: string; attempt: number; queued_at: Date }): Promise<void> {
    if (d.attempt !== 1) return;
    try {
      const [row] = await this.em.fork().getConnection().execute<Array<{ seconds: number | string }>>(HANDOFF, [d.rollout_id, d.id, d.queued_at]);
      if (row) this.metrics.handoffLatency.observe(Math.max(0, Number(row.seconds)));
    } catch (error) {
      this.logger.warn(`could not measure the hand-off to deployment ${d.id}: ${describeError(error)}`);
    }
  }
}
