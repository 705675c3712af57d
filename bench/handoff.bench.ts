import { BenchContext, Benchmark, BenchResult, round, timed } from './harness';
import { Floor, FLOOR_SAMPLES, FLOOR_WARM_UP, floorOf, HTTP_ROUND_TRIPS, measureFloorParts, PG_COMMITS_PER_HANDOFF, PG_ROUND_TRIPS, PG_ROUND_TRIPS_PER_HANDOFF, QUEUE_HOPS } from './handoff-floor';
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
    const floorBefore = await measureFloorParts(context);
    const hydrator = await HydratorUnderTest.start(context, { name: 'handoff', maxParallelApps: Math.max(...SCENARIOS.map((s) => s.applications)), defaultBuildMs: BUILD_MS });
    try {
      await hydrator.truncate();
      await hydrator.run(await hydrator.plan(fleet('warm-up', WARM_UP.applications, WARM_UP.targets)), ROLLOUT_TIMEOUT_MS);
      for (const scenario of SCENARIOS) results.push(await measure(hydrator, scenario));
    } finally {
      await hydrator.close();
    }
    return summarize(results, floorOf([floorBefore, await measureFloorParts(context)]));
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

function summarize(results: ScenarioResult[], floor: Floor): BenchResult {
  const headline = results[results.length - 1];
  const row = (name: string, d: Pick<Distribution, 'n' | 'p50' | 'p90' | 'p99' | 'max'>, extra: Record<string, number | string>) => ({
    scenario: name,
    samples: d.n,
    'p50 ms': d.p50,
    'p90 ms': d.p90,
    'p99 ms': d.p99,
    'max ms': d.max,
    ...extra,
  });
  const overFloor = (result: ScenarioResult) => round(result.handoffs.p50 / floor.p50, 1);
  const stagesOf = (result: ScenarioResult) => Object.fromEntries(Object.entries(result.stages.stages).map(([stage, d]) => [`stage ${stage} p50 / p90 ms`, `${d.p50} / ${d.p90}`]));
  const stageMeans = (result: ScenarioResult) => round(Object.values(result.stages.stages).reduce((sum, d) => sum + d.mean, 0));
  const jenkinsRequests = (result: ScenarioResult) =>
    Object.entries(result.jenkinsRequestsPerDeployment)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${kind} × ${n}`)
      .join(', ');
  const floorPart = (name: string, d: Distribution) => row(name, d, {});
  return {
    name: handoff.name,
    title: `Hand-off latency: Jenkins sends build k's COMPLETED webhook → receives the trigger of target k + 1 (${BUILD_MS} ms builds, no queue delay), against its floor on this machine`,
    rows: [
      ...results.map((r) =>
        row(r.name, r.handoffs, {
          'floor p50 ms': floor.p50,
          'p50 / floor p50': overFloor(r),
          'p50 after 202 ms': r.afterAck.p50,
          'rollout s': round(r.rolloutMs / 1000),
          'event loop busy': r.load.eventLoopUtilization,
          'CPU ms / deployment': r.load.cpuMsPerDeployment,
          'pg lock waiters': r.load.connections.waitingOnLock,
        }),
      ),
      floorPart('floor: HTTP JSON POST round trip (node:http, keep-alive)', floor.http),
      floorPart('  same, fetch client (not in the floor)', floor.httpFetch),
      floorPart('floor: raw BullMQ hop (add → worker)', floor.queueHop),
      floorPart('floor: PostgreSQL committing statement (pg, 1-row update returning, autocommit)', floor.pgCommit),
      floorPart('floor: PostgreSQL statement in a transaction (the same, no commit)', floor.pgStatement),
      { scenario: `floor = ${Object.keys(floor.parts).join(' + ')}`, samples: '', 'p50 ms': floor.p50, 'p90 ms': '', 'p99 ms': '', 'max ms': '' },
    ],
    summary: {
      'hand-offs measured (headline)': headline.handoffs.n,
      'hand-off p50 ms': headline.handoffs.p50,
      'hand-off p90 ms': headline.handoffs.p90,
      'hand-off p99 ms': headline.handoffs.p99,
      'hand-off max ms': headline.handoffs.max,
      'floor p50 ms': floor.p50,
      'floor parts p50 ms': Object.entries(floor.parts)
        .map(([part, ms]) => `${part} ${ms}`)
        .join(', '),
      ...Object.fromEntries(results.map((r) => [`${r.name}: hand-off p50 / floor p50`, overFloor(r)])),
      [`${results[0].name}: hand-off p50 / p99 ms`]: `${results[0].handoffs.p50} / ${results[0].handoffs.p99}`,
      'raw BullMQ hop p50 / p99 ms': `${floor.queueHop.p50} / ${floor.queueHop.p99}`,
      'HTTP round trip p50 ms (node:http; fetch)': `${floor.http.p50}; ${floor.httpFetch.p50}`,
      'PostgreSQL round trip p50 ms (committing; in a transaction)': `${floor.pgCommit.p50}; ${floor.pgStatement.p50}`,
      'queue hops per hand-off': QUEUE_HOPS,
      'PostgreSQL round trips per hand-off (critical path, from the code)': `${PG_ROUND_TRIPS_PER_HANDOFF}, of which ${PG_COMMITS_PER_HANDOFF} commit`,
      'hand-off p50 / raw BullMQ hop p50': round(headline.handoffs.p50 / floor.queueHop.p50, 1),
      'hand-off p99 / raw BullMQ hop p99': round(headline.handoffs.p99 / floor.queueHop.p99, 1),
      'Jenkins requests per deployment': jenkinsRequests(headline),
      'stage breakdown over': `${headline.stages.measured} of ${headline.handoffs.n} hand-offs (${headline.stages.settledByWebhook} settled by the webhook's check, ${headline.stages.outOfOrder} left out: moments out of order)`,
      ...stagesOf(headline),
      'stage means sum / measured hand-off mean ms': `${stageMeans(headline)} / ${headline.stages.measuredMean}`,
      ...loadSummary(headline.load),
      'max applications deploying at once': headline.maxConcurrentApplications,
      'ordering rules held': 'yes',
    },
    details: {
      scenarios: results.map(({ stages, ...rest }) => ({
        ...rest,
        stages: stages.stages,
        stagesMeasured: stages.measured,
        stagesOutOfOrder: stages.outOfOrder,
        settledByWebhook: stages.settledByWebhook,
        stagesMeasuredMean: stages.measuredMean,
      })),
      floor,
      pgRoundTripsOnThePath: PG_ROUND_TRIPS,
      stageDefinitions: HANDOFF_STAGES,
    },
    notes: [
      `Hydrator runs whole in this process (gateway, registry, runner, notifier: startHydratorService with their modules) on the run's database and a Redis prefix of its own, with the Jenkins sandbox as Jenkins posting its Notification Plugin webhooks to /webhooks/jenkins. Each scenario is one EMERGENCY rollout written with SQL (applications with only production targets prod-0…prod-N, one SCHEDULED deployment per target), started with RolloutRunner.run and awaited until COMPLETED; an unreported ${WARM_UP.applications} × ${WARM_UP.targets} rollout runs first. MAX_PARALLEL_APPS ${Math.max(...SCENARIOS.map((s) => s.applications))}.`,
      `A hand-off starts when build k finishes: the sandbox posts the COMPLETED webhook on a 0 ms timer from that moment (the timeline's build finish, performance.now()). The timeline's webhook-sent event is recorded only once Hydrator's 202 has come back, after Hydrator has already stored and enqueued the report, so "p50 after 202" (webhook-sent → next trigger) leaves out the ingest leg; the headline counts from the send. It ends when the sandbox receives buildWithParameters for target k + 1 (the timeline's triggered event).`,
      `Every build succeeds after ${BUILD_MS} ms with no queue delay; each deployment was triggered exactly once, and the ordering rules (one target at a time in order, MAX_PARALLEL_APPS) were checked against the timeline. JENKINS_POLL_INTERVAL is 30s, so outcomes come from the webhooks: the runner's delayed check does not fire within a scenario, but its reconciler's pass (every 15 s) can, in a scenario longer than that, and then checks the deployments RUNNING at that moment by polling Jenkins (the occasional GET /queue/item/N/api/json and GET <build>/api/json below) and may settle one before its webhook's check ("settled by the webhook's check" counts the others).`,
      `Alertmanager, Slack and Jira are not configured: no silence is created or expired (two Alertmanager calls per deployment in production are not in these numbers) and the failure/completion messages stay HELD in the outbox.`,
      `Queue hops per hand-off (read from the code): ${QUEUE_HOPS}. POST /webhooks/jenkins stores the webhook and adds record-report to jenkins-reports (1) → the registry records the report and adds check-deployment to rollouts (2) → the runner loads the attempt with its report, settles the deployment and, in the same job, takes the rollout's next decision (RolloutRunner.advance: one decision per rollout at a time in the process, requests during one served by one more after it) which marks the next deployment QUEUED and adds execute-deployment (3) → execute records the intent to trigger (one update) and POSTs buildWithParameters, then marks the deployment RUNNING. There is no advance-rollout hop and no Jenkins look-up before the trigger: what the sandbox received per deployment was ${results.map((r) => `${jenkinsRequests(r) || 'nothing'} (${r.name})`).join('; ')}; a GET there is the reconciler's poll of a RUNNING build, not part of a hand-off.`,
      `The stage breakdown times each leg from BullMQ's own job timestamps (ms resolution) and the sandbox's: consecutive moments, so a hand-off's stages add up to it (the sum of the stage means is printed next to the measured hand-offs' mean). The check job's end is not a boundary any more (it completes after its decision added the execution, and after the silence expiry); a hand-off whose next execution was added before the webhook's check was taken (another check's decision started it) is left out and counted rather than giving a negative leg. See details.stageDefinitions.`,
      `The floor is what a hand-off cannot go below on this machine, each part measured alone (no Hydrator in the process), ${FLOOR_SAMPLES} times one after another after ${FLOOR_WARM_UP} unreported, in two passes (before Hydrator starts and after it is closed) of which each part takes the one with its lower p50 (details.floor.passes has both): ${HTTP_ROUND_TRIPS} × a JSON POST round trip between a node:http client (keep-alive agent) and a node:http server in this process (the webhook in, the trigger out; fetch, which the sandbox and Hydrator's Jenkins client use, is shown beside it but not counted) + ${QUEUE_HOPS} × the raw BullMQ hop (queue.add → the worker's callback on a bare queue with one worker on the same Redis, with Hydrator's removeOnComplete options) + ${PG_COMMITS_PER_HANDOFF} × a committing PostgreSQL statement (a one-row update … returning on a scratch table of the bench database, on one bare pg client, autocommit: it waits for the WAL flush, synchronous_commit being on) + ${PG_ROUND_TRIPS_PER_HANDOFF - PG_COMMITS_PER_HANDOFF} × the same statement inside an open transaction (no flush: what begin, the selects and the updates before a commit cost). Floor p50 is the sum of the parts' p50s. Other work on the machine while a part runs inflates it, the committing statement most (the flush waits on the disk: on this loaded 2-core machine its p50 moved between 0.3 and 2 ms from run to run): read the floor with machine.loadAverage, and a ratio below 1 as a floor measured under load.`,
      `PostgreSQL round trips one hand-off waits for, counted from the code (begin and commit are round trips too), ${PG_ROUND_TRIPS_PER_HANDOFF} of which ${PG_COMMITS_PER_HANDOFF} commit: ${Object.entries(
        PG_ROUND_TRIPS,
      )
        .map(([what, n]) => `${what}: ${n.roundTrips}`)
        .join(
          '; ',
        )}. Off the path: the STARTED webhook's insert and record (while the build runs), the hand-off metric's select and the delayed check (after the trigger), the silence expiry (after the decision). In Hydrator they go through MikroORM/knex and a pool; the floor's go straight through pg.`,
      "Everything (Hydrator's five roles, the Jenkins sandbox and the benchmark) shares one Node.js event loop and the machine's PostgreSQL and Redis: on a small machine the other work on it (machine.loadAverage) shows in the tail. Compare ratios rather than single numbers.",
    ],
  };
}
