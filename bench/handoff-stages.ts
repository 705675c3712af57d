import { Job } from 'bullmq';
import { JENKINS_REPORTS_QUEUE, ROLLOUTS_QUEUE } from '@hydrator/queues';
import { HydratorUnderTest } from './hydrator-under-test';
import { distribution, Distribution, Handoff } from './rollout-timeline';

/**
 * The legs of one hand-off, in order; they add up to it. Each ends at a moment something recorded:
 * the sandbox (build finished, trigger received) or BullMQ (a job's `timestamp` when added,
 * `processedOn` when a worker took it, `finishedOn` when it completed).
 */
export const HANDOFF_STAGES = {
  'webhook in': 'build finished → its jenkins-reports job added: the POST to /webhooks/jenkins, parsing, the jenkins_webhook insert, the enqueue',
  'reports queue': 'jenkins-reports job added → taken by the registry (queue hop 1)',
  'record report': 'the registry records the deployment_report (one transaction) and adds check-deployment',
  'check queue': 'check-deployment added → taken by the runner (queue hop 2)',
  'check + settle + decide':
    "the runner loads the attempt with its report, settles the deployment (transaction), then in the same job takes the rollout's next decision (rollout row lock, snapshot, decideNext, the QUEUED update; behind a decision of the same rollout already under way, coalesced) and adds execute-deployment",
  'execute queue': 'execute-deployment added → taken by the runner (queue hop 3)',
  'execute → trigger': 'the intent to trigger recorded (one update … returning the attempt), then POST buildWithParameters received by Jenkins',
} as const;

export type HandoffStage = keyof typeof HANDOFF_STAGES;

export interface StageBreakdown {
  /** Hand-offs whose three jobs BullMQ still kept (it trims completed jobs by count) and whose moments come in order. */
  measured: number;
  /**
   * Kept jobs whose moments are out of order: the next deployment's execute-deployment added before the
   * webhook's check was taken (another check's decision started it: a reconciler's or a stalled job's).
   * Left out rather than counted as a negative leg.
   */
  outOfOrder: number;
  /** Of those, how many deployments the webhook's check settled (the rest: a reconciler check got there first). */
  settledByWebhook: number;
  /** Mean of the measured hand-offs, end to end: the stages' means add up to it. */
  measuredMean: number;
  stages: Record<HandoffStage, Distribution>;
}

/**
 * Splits hand-offs into {@link HANDOFF_STAGES} by reading back, for each, the jenkins-reports job of
 * the COMPLETED webhook, the check-deployment job it added and the next deployment's
 * execute-deployment job (their ids are derived from the webhook, report and deployment ids).
 */
export async function handoffStages(hydrator: HydratorUnderTest, handoffs: Handoff[]): Promise<StageBreakdown> {
  const ids = handoffs.map((h) => h.from.deployment.id);
  const webhooks = new Map(
    (
      await hydrator.query<{ id: string; deployment_id: string }>(
        `select id, split_part(payload->'build'->'parameters'->>'HYDRATOR_DEPLOYMENT_ID', ':', 1) as deployment_id
           from jenkins_webhook where payload->'build'->>'phase' = 'COMPLETED' and split_part(payload->'build'->'parameters'->>'HYDRATOR_DEPLOYMENT_ID', ':', 1) = any($1)`,
        [ids],
      )
    ).map((row) => [row.deployment_id, row.id]),
  );
  const reports = new Map(
    (await hydrator.query<{ id: string; deployment_id: string }>(`select id, deployment_id from deployment_report where phase = 'COMPLETED' and deployment_id = any($1)`, [ids])).map((row) => [
      row.deployment_id,
      row.id,
    ]),
  );
  const [reportJobs, rolloutJobs] = [hydrator.queue(JENKINS_REPORTS_QUEUE), hydrator.queue(ROLLOUTS_QUEUE)];
  const legs = new Map<HandoffStage, number[]>(Object.keys(HANDOFF_STAGES).map((stage) => [stage as HandoffStage, []]));
  let settledByWebhook = 0;
  let measured = 0;
  let outOfOrder = 0;
  const totals: number[] = [];
  for (const h of handoffs) {
    const from = h.from.deployment.id;
    const [webhook, check, execute] = await Promise.all([
      reportJobs.getJob(`webhook-${webhooks.get(from)}`),
      rolloutJobs.getJob(`check-${from}-${h.from.attempt}-report-${reports.get(from)}`),
      rolloutJobs.getJob(`execute-${h.to.deployment.id}-${h.to.attempt}`),
    ]);
    if (!completed(webhook) || !completed(check) || !completed(execute)) continue;
    // The check job completes only after its decision added the execution (and the silence expiry): its end is no boundary.
    const moments = [h.from.finishedMs, webhook.timestamp, webhook.processedOn, check.timestamp, check.processedOn, execute.timestamp, execute.processedOn, h.to.triggeredMs];
    if (moments.some((at, i) => i > 0 && at < moments[i - 1])) {
      outOfOrder++;
      continue;
    }
    measured++;
    if (check.returnvalue === 'SUCCEEDED') settledByWebhook++;
    // Consecutive differences: a hand-off's legs add up to it exactly (to BullMQ's ms resolution).
    [...legs.values()].forEach((values, i) => values.push(moments[i + 1] - moments[i]));
    totals.push(moments[moments.length - 1] - moments[0]);
  }
  return {
    measured,
    outOfOrder,
    settledByWebhook,
    measuredMean: distribution(totals).mean,
    stages: Object.fromEntries([...legs].map(([stage, values]) => [stage, distribution(values)])) as Record<HandoffStage, Distribution>,
  };
}

function completed(job: Job | undefined): job is Job & { processedOn: number; finishedOn: number } {
  return !!job?.processedOn && !!job.finishedOn;
}
