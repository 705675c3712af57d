import { Injectable } from '@nestjs/common';
import { DeploymentStatus } from '@hydrator/database';
import { HydratorMetrics } from '@hydrator/metrics';

/**
 * Returned by the update that marks a first attempt RUNNING right after its trigger (`deployment` is
 * that row): the newest deployment of the same rollout that SUCCEEDED before this attempt's execution
 * set out to trigger it and after the rollout last changed (a run, a resume), and the completion webhook
 * (COMPLETED or FINALIZED of its own attempt) that Hydrator received before it settled. Seconds from
 * that webhook's arrival to now, on PostgreSQL's clock (which stamped both); null when there is none.
 */
export const HANDOFF_SECONDS = `(
  select extract(epoch from clock_timestamp() - report.received_at)::float8
    from (select p.id, p.attempt, p.finished_at
            from deployment p join rollout ro on ro.id = p.rollout_id
           where p.rollout_id = deployment.rollout_id and p.id <> deployment.id and p.status = '${DeploymentStatus.SUCCEEDED}'
             and p.finished_at <= deployment.trigger_requested_at and p.finished_at >= ro.updated_at
           order by p.finished_at desc limit 1) previous
    join lateral (select r.received_at from deployment_report r
                   where r.deployment_id = previous.id and r.phase in ('COMPLETED', 'FINALIZED')
                     and r.parameters->>'HYDRATOR_DEPLOYMENT_ID' = previous.id || ':' || previous.attempt
                     and r.received_at <= previous.finished_at
                   order by r.received_at limit 1) report on true) as handoff_seconds`;

/**
 * `hydrator_handoff_latency_seconds`: how long Hydrator takes from a Jenkins completion webhook to the
 * next trigger it causes (gateway → jenkins-reports queue → registry → rollouts queue → runner, which
 * settles and decides in one job → rollouts queue → runner → Jenkins).
 *
 * Observed when the runner marks a first attempt RUNNING right after triggering it, from
 * {@link HANDOFF_SECONDS} read by that same statement (no query of its own), if its rollout already had
 * a deployment settled by its webhook since the rollout last changed: that settle is the one that let
 * this deployment start (one target at a time, dependencies, MAX_PARALLEL_APPS). Not observed: the first
 * deployments of a run or resume (nothing handed them over), retries (an operator's hand), builds
 * adopted instead of triggered, and hand-offs after a settle by polling (no webhook came in time).
 */
@Injectable()
export class HandoffLatency {
  constructor(private readonly metrics: HydratorMetrics) {}

  triggered(attempt: number, seconds: number | string | null | undefined): void {
    if (attempt === 1 && seconds !== null && seconds !== undefined) this.metrics.handoffLatency.observe(Math.max(0, Number(seconds)));
  }
}
