import { Queue, Worker } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { redisConnectionOptions } from '@hydrator/queues';
import { BenchContext, Benchmark, BenchResult, round, timed } from './harness';
import { HANDOFF_STAGES, handoffStages, StageBreakdown } from './handoff-stages';
import { FleetApplication, HydratorUnderTest, loadSummary, RunLoad } from './hydrator-under-test';
import { deploymentRuns, distribution, Distribution, handoffs, orderingReport } from './rollout-timeline';

/** Every build runs this long and starts at once (no queue delay): what is left of a hand-off is Hydrator's. */
const BUILD_MS = 5;
/** The hand-offs of one application running alone, then those of ten running side by side (the headline: 500). */
const SCENARIOS = [
  { name: '1 application alone', applications: 1, targets: 101 },
  { name: '10 applications at once', applications: 10, targets: 51 },
];
/** Run first and not reported: JIT, connection pools and the queues' scripts warm up. */
const WARM_UP = { applications: 2, targets: 11 };
const ROLLOUT_TIMEOUT_MS = 60_000;
/** Sequential jobs through a bare BullMQ queue and worker on the same Redis, after this many unreported. */
const RAW_HOPS = 1000;
const RAW_WARM_UP = 50;
/** Queue hops between a COMPLETED webhook and the next trigger: jenkins-reports, check-, advance-, execute-deployment. */
const QUEUE_HOPS = 4;

interface ScenarioResult {
  name: string;
  handoffs: Distribution;
  afterAck: Distribution;
  stages: StageBreakdown;
  maxConcurrentApplications: number;
  rolloutMs: number;
  load: RunLoad;
  jenkinsRequestsPerDeployment: Record<string, number>;
}

/**
 * The run's hand-off latency: from the moment Jenkins sends the COMPLETED webhook of an
 * application's deployment to the moment it receives the trigger of the application's next target,
 * both read from the Jenkins sandbox's timeline, against one bare BullMQ hop on the same Redis.
 */
export const handoff: Benchmark = {
  name: 'handoff',
  async run(context: BenchContext): Promise<BenchResult> {
    const results: ScenarioResult[] = [];
    const hydrator = await HydratorUnderTest.start(context, { name: 'handoff', maxParallelApps: Math.max(...SCENARIOS.map((s) => s.applications)), defaultBuildMs: BUILD_MS });
    try {
      await hydrator.truncate();
      await hydrator.run(await hydrator.plan(fleet('warm-up', WARM_UP.applications, WARM_UP.targets)), ROLLOUT_TIMEOUT_MS);
      for (const scenario of SCENARIOS) results.push(await measure(hydrator, scenario));
    } finally {
      await hydrator.close();
    }
    return summarize(results, distribution(await rawQueueHops(context)));
  },
};

async function measure(hydrator: HydratorUnderTest, scenario: (typeof SCENARIOS)[number]): Promise<ScenarioResult> {
  const rollout = await hydrator.plan(fleet(`s${scenario.applications}`, scenario.applications, scenario.targets));
  const requestsBefore = hydrator.jenkins.requests.length;
  const { value: load, ms } = await timed(() => hydrator.run(rollout, ROLLOUT_TIMEOUT_MS));
  const runs = deploymentRuns(hydrator.jenkins, rollout);
  const ordering = orderingReport(rollout, runs, scenario.applications);
  if (ordering.violations.length) throw new Error(`ordering rules broken in "${scenario.name}": ${ordering.violations.join('; ')}`);
  const measured = handoffs(runs);
  return {
    name: scenario.name,
    handoffs: distribution(measured.map((h) => h.ms)),
    afterAck: distribution(measured.flatMap((h) => (h.afterAckMs === undefined ? [] : [h.afterAckMs]))),
    stages: await handoffStages(hydrator, measured),
    maxConcurrentApplications: ordering.maxConcurrentApplications,
    rolloutMs: ms,
    load,
    jenkinsRequestsPerDeployment: perDeployment(hydrator.jenkins.requests.slice(requestsBefore), rollout.deployments.length),
  };
}

function fleet(prefix: string, applications: number, targets: number): FleetApplication[] {
  return Array.from({ length: applications }, (_, i) => ({ name: `${prefix}-${String(i).padStart(2, '0')}`, targets }));
}

/** What Hydrator asked Jenkins, by kind of request, per deployment. */
function perDeployment(requests: Array<{ method: string; path: string }>, deployments: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { method, path } of requests) {
    const kind = `${method} ${path.replace(/^\/job\/.*\/(buildWithParameters|api\/json)$/, '/job/…/$1').replace(/\/item\/\d+\//, '/item/N/')}`;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([kind, n]) => [kind, round(n / deployments, 2)]));
}

/** `queue.add` → the worker's callback, one job at a time, with the options Hydrator gives its jobs. */
async function rawQueueHops(context: BenchContext): Promise<number[]> {
  const connection = redisConnectionOptions(context.redisUrl);
  const prefix = `${context.redisPrefix}:raw-hop`;
  const queue = new Queue('hop', { connection, prefix });
  let arrived: (at: number) => void = () => undefined;
  const worker = new Worker('hop', () => Promise.resolve(arrived(performance.now())), { connection, prefix, concurrency: 1 });
  worker.on('error', (error) => console.warn(`raw hop worker: ${error.message}`));
  await worker.waitUntilReady();
  try {
    const latencies: number[] = [];
    for (let i = 0; i < RAW_WARM_UP + RAW_HOPS; i++) {
      const processed = new Promise<number>((resolve) => (arrived = resolve));
      const start = performance.now();
      await queue.add('hop', { i }, { removeOnComplete: { age: 3600, count: 2000 } });
      const latency = (await processed) - start;
      if (i >= RAW_WARM_UP) latencies.push(latency);
    }
    return latencies;
  } finally {
    await worker.close();
    await queue.close();
  }
}

function summarize(results: ScenarioResult[], raw: Distribution): BenchResult {
  const headline = results[results.length - 1];
  const row = (name: string, d: Distribution, extra: Record<string, number | string>) => ({
    scenario: name,
    samples: d.n,
    'p50 ms': d.p50,
    'p90 ms': d.p90,
    'p99 ms': d.p99,
    'max ms': d.max,
    ...extra,
  });
  const stagesOf = (result: ScenarioResult) => Object.fromEntries(Object.entries(result.stages.stages).map(([stage, d]) => [`stage ${stage} p50 / p90 ms`, `${d.p50} / ${d.p90}`]));
  return {
    name: handoff.name,
    title: `Hand-off latency: Jenkins sends build k's COMPLETED webhook → receives the trigger of target k + 1 (${BUILD_MS} ms builds, no queue delay)`,
    rows: [
      ...results.map((r) =>
        row(r.name, r.handoffs, {
          'p50 after 202 ms': r.afterAck.p50,
          'rollout s': round(r.rolloutMs / 1000),
          'event loop busy': r.load.eventLoopUtilization,
          'CPU ms / deployment': r.load.cpuMsPerDeployment,
          'pg lock waiters': r.load.connections.waitingOnLock,
        }),
      ),
      row('raw BullMQ hop (add → worker)', raw, {}),
    ],
    summary: {
      'hand-offs measured (headline)': headline.handoffs.n,
      'hand-off p50 ms': headline.handoffs.p50,
      'hand-off p90 ms': headline.handoffs.p90,
      'hand-off p99 ms': headline.handoffs.p99,
      'hand-off max ms': headline.handoffs.max,
      'raw BullMQ hop p50 ms': raw.p50,
      'raw BullMQ hop p99 ms': raw.p99,
      'hand-off p50 / raw p50': round(headline.handoffs.p50 / raw.p50, 1),
      'hand-off p99 / raw p99': round(headline.handoffs.p99 / raw.p99, 1),
      [`${results[0].name}: hand-off p50 / raw p50, p99 / raw p99`]: `${round(results[0].handoffs.p50 / raw.p50, 1)}, ${round(results[0].handoffs.p99 / raw.p99, 1)}`,
      'queue hops per hand-off': QUEUE_HOPS,
      'hand-off p50 / (queue hops × raw p50)': round(headline.handoffs.p50 / (QUEUE_HOPS * raw.p50), 1),
      'Jenkins requests per deployment': Object.entries(headline.jenkinsRequestsPerDeployment)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${kind} × ${n}`)
        .join(', '),
      'stage breakdown over': `${headline.stages.measured} of ${headline.handoffs.n} hand-offs (${headline.stages.settledByWebhook} settled by the webhook's check)`,
      ...stagesOf(headline),
      ...loadSummary(headline.load),
      'max applications deploying at once': headline.maxConcurrentApplications,
      'ordering rules held': 'yes',
    },
    details: {
      scenarios: results.map(({ stages, ...rest }) => ({ ...rest, stages: stages.stages, stagesMeasured: stages.measured, settledByWebhook: stages.settledByWebhook })),
      raw,
      stageDefinitions: HANDOFF_STAGES,
    },
    notes: [
      `Hydrator runs whole in this process (gateway, registry, runner, notifier: startHydratorService with their modules) on the run's database and a Redis prefix of its own, with the Jenkins sandbox as Jenkins posting its Notification Plugin webhooks to /webhooks/jenkins. Each scenario is one EMERGENCY rollout written with SQL (applications with only production targets prod-0…prod-N, one SCHEDULED deployment per target), started with RolloutRunner.run and awaited until COMPLETED; an unreported ${WARM_UP.applications} × ${WARM_UP.targets} rollout runs first. MAX_PARALLEL_APPS ${Math.max(...SCENARIOS.map((s) => s.applications))}.`,
      `A hand-off starts when build k finishes: the sandbox posts the COMPLETED webhook on a 0 ms timer from that moment (the timeline's build finish, performance.now()). The timeline's webhook-sent event is recorded only once Hydrator's 202 has come back, after Hydrator has already stored and enqueued the report, so "p50 after 202" (webhook-sent → next trigger) leaves out the ingest leg; the headline counts from the send. It ends when the sandbox receives buildWithParameters for target k + 1 (the timeline's triggered event).`,
      `Every build succeeds after ${BUILD_MS} ms with no queue delay; each deployment was triggered exactly once, and the ordering rules (one target at a time in order, MAX_PARALLEL_APPS) were checked against the timeline. JENKINS_POLL_INTERVAL is 30s, so outcomes come from the webhooks (the runner's delayed check and its reconciler, every 15 s, do not fire within a scenario; "settled by the webhook's check" counts it).`,
      `Alertmanager, Slack and Jira are not configured: no silence is created or expired (two Alertmanager calls per deployment in production are not in these numbers) and the failure/completion messages stay HELD in the outbox.`,
      `Queue hops per hand-off (read from the code): POST /webhooks/jenkins stores the webhook and adds record-report to jenkins-reports (1) → the registry records the report and adds check-deployment to rollouts (2) → the runner reads the report, settles the deployment and adds advance-rollout (3) → advance locks the rollout row, decides, marks the next deployment QUEUED and adds execute-deployment (4) → execute locks the deployment row, asks Jenkins whether this attempt was already triggered (GET /queue/api/json, GET <job>/api/json) and POSTs buildWithParameters. The stage breakdown times each leg from BullMQ's own job timestamps (ms resolution) and the sandbox's; see details.stageDefinitions.`,
      `The raw baseline adds ${RAW_HOPS} jobs one at a time (after ${RAW_WARM_UP} unreported) to a bare BullMQ queue with one worker on the same Redis, with Hydrator's removeOnComplete options, and times queue.add → the worker's callback; it runs after Hydrator is closed, so it is the queue alone.`,
      "Everything (Hydrator's five roles, the Jenkins sandbox and the benchmark) shares one Node.js event loop and the machine's PostgreSQL and Redis: on a small machine the other work on it (machine.loadAverage) shows in the tail. Compare ratios rather than single numbers.",
    ],
  };
}
