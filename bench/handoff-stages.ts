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
  'record report': 'the registry records the deployment_report (locked transaction) and adds check-deployment',
  'check queue': 'check-deployment added → taken by the runner (queue hop 2)',
  'check + settle': 'the runner reads the report, settles the deployment (transaction), adds advance-rollout, completes the job',
  advance: 'check completed → execute-deployment added: queue hop 3, the wait for the rollout row lock behind other advances, loadRunSnapshot + decideNext, the QUEUED update',
  'execute queue': 'execute-deployment added → taken by the runner (queue hop 4)',
  'execute → trigger': 'load, lock the deployment row, GET /queue/api/json and GET <job>/api/json (findByParameter), then POST buildWithParameters',
} as const;

export type HandoffStage = keyof typeof HANDOFF_STAGES;

export interface StageBreakdown {
  /** Hand-offs whose three jobs BullMQ still kept (it trims completed jobs by count). */
  measured: number;
  /** Of those, how many deployments the webhook's check settled (the rest: a reconciler check got there first). */
  settledByWebhook: number;
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
  for (const h of handoffs) {
    const from = h.from.deployment.id;
    const [webhook, check, execute] = await Promise.all([
      reportJobs.getJob(`webhook-${webhooks.get(from)}`),
      rolloutJobs.getJob(`check-${from}-${h.from.attempt}-report-${reports.get(from)}`),
      rolloutJobs.getJob(`execute-${h.to.deployment.id}-${h.to.attempt}`),
    ]);
    if (!completed(webhook) || !completed(check) || !completed(execute)) continue;
    measured++;
    if (check.returnvalue === 'SUCCEEDED') settledByWebhook++;
    const moments = [h.from.finishedMs, webhook.timestamp, webhook.processedOn, check.timestamp, check.processedOn, check.finishedOn, execute.timestamp, execute.processedOn, h.to.triggeredMs];
    [...legs.values()].forEach((values, i) => values.push(moments[i + 1] - moments[i]));
  }
  return { measured, settledByWebhook, stages: Object.fromEntries([...legs].map(([stage, values]) => [stage, distribution(values)])) as Record<HandoffStage, Distribution> };
}

function completed(job: Job | undefined): job is Job & { processedOn: number; finishedOn: number } {
  return !!job?.processedOn && !!job.finishedOn;
}
