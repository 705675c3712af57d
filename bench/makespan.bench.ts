import { BenchContext, Benchmark, BenchResult, median, round, timed } from './harness';
import { handoffStages, StageBreakdown } from './handoff-stages';
import { FleetApplication, HydratorUnderTest, loadSummary, PlannedRollout, RunLoad } from './hydrator-under-test';
import { DeploymentRun, deploymentRuns, distribution, Distribution, handoffs, maxApplicationsInProgress, orderingReport, slotRefills } from './rollout-timeline';

const APPLICATIONS = 200;
const TARGETS = 3;
const MAX_PARALLEL_APPS = 8;
/** Each build runs a fixed, seeded duration in this range (ms), known to the benchmark before the run. */
const BUILD_MS = { min: 10, max: 100 };
const SEED = 20261129;
/** An application may depend on up to this many earlier ones (in a seeded random order), each with this probability. */
const DEPENDENCY_DRAWS = 2;
const DEPENDENCY_PROBABILITY = 0.4;
/** Run first and not reported: JIT, connection pools and the queues' scripts warm up. */
const WARM_UP = { applications: 8, targets: 3 };
const ROLLOUT_TIMEOUT_MS = 90_000;

/** The best any scheduler could do with MAX_PARALLEL_APPS slots, with and without a cost per deployment. */
interface Bound {
  criticalPathMs: number;
  /** Applications on the longest path. */
  criticalPathApplications: number;
  workPerSlotMs: number;
  boundMs: number;
}

/**
 * The run at fleet scale: 200 applications × 3 production targets with a seeded random dependency
 * graph and seeded build durations, MAX_PARALLEL_APPS 8. The makespan Jenkins saw (first trigger to
 * last finish) against max(critical path, total work / 8), and against the same bound charged with
 * the median hand-off measured in the run.
 */
export const makespan: Benchmark = {
  name: 'makespan',
  async run(context: BenchContext): Promise<BenchResult> {
    const hydrator = await HydratorUnderTest.start(context, { name: 'makespan', maxParallelApps: MAX_PARALLEL_APPS, defaultBuildMs: BUILD_MS.min });
    try {
      await hydrator.truncate();
      const warmUp = Array.from({ length: WARM_UP.applications }, (_, i) => ({ name: `warm-up-${i}`, targets: WARM_UP.targets }));
      await hydrator.run(await hydrator.plan(warmUp), ROLLOUT_TIMEOUT_MS);

      const random = mulberry32(SEED);
      const fleet = randomFleet(random);
      const durations = new Map(
        fleet.flatMap((a) => Array.from({ length: a.targets }, (_, position) => [`${a.name}#${position}`, BUILD_MS.min + Math.floor(random() * (BUILD_MS.max - BUILD_MS.min + 1))] as const)),
      );
      const rollout = await hydrator.plan(fleet, (a, position) => durations.get(`${a.name}#${position}`));
      const { value: load, ms } = await timed(() => hydrator.run(rollout, ROLLOUT_TIMEOUT_MS));
      const runs = deploymentRuns(hydrator.jenkins, rollout);
      const ordering = orderingReport(rollout, runs, MAX_PARALLEL_APPS);
      if (ordering.violations.length) throw new Error(`ordering rules broken: ${ordering.violations.join('; ')}`);
      const measured = handoffs(runs);
      return summarize(rollout, runs, {
        load,
        rolloutMs: ms,
        maxConcurrentApplications: ordering.maxConcurrentApplications,
        slotRefills: distribution(slotRefills(runs)),
        nextTargetWaits: distribution(measured.map((h) => h.ms)),
        stages: await handoffStages(hydrator, measured),
      });
    } finally {
      await hydrator.close();
    }
  },
};

interface Measurements {
  load: RunLoad;
  rolloutMs: number;
  maxConcurrentApplications: number;
  /** A build finished → the next trigger, of any application: the cost of a deployment to its slot. */
  slotRefills: Distribution;
  /** A build finished → the next target of the same application triggered. */
  nextTargetWaits: Distribution;
  /** Of those waits. */
  stages: StageBreakdown;
}

/** Applications `app-000`…; each may depend on applications placed before it in a random order, so the graph is acyclic. */
function randomFleet(random: () => number): FleetApplication[] {
  const names = Array.from({ length: APPLICATIONS }, (_, i) => `app-${String(i).padStart(3, '0')}`);
  const order = shuffle(names, random);
  return order.map((name, i) => {
    const dependsOn = new Set<string>();
    for (let draw = 0; draw < DEPENDENCY_DRAWS && i > 0; draw++) if (random() < DEPENDENCY_PROBABILITY) dependsOn.add(order[Math.floor(random() * i)]);
    return { name, targets: TARGETS, dependsOn: [...dependsOn] };
  });
}

/**
 * max(longest path, total work / slots), where an application weighs the sum of its deployments'
 * durations plus `perDeploymentMs` for each. `fleet` lists every application after its dependencies.
 */
function lowerBound(fleet: FleetApplication[], durationOf: (application: string) => number[], perDeploymentMs: number): Bound {
  const weight = (name: string) => durationOf(name).reduce((sum, ms) => sum + ms + perDeploymentMs, 0);
  const longest = new Map<string, { ms: number; applications: number }>();
  for (const a of fleet) {
    const before = (a.dependsOn ?? []).map((dep) => longest.get(dep)!).reduce((best, path) => (path.ms > best.ms ? path : best), { ms: 0, applications: 0 });
    longest.set(a.name, { ms: before.ms + weight(a.name), applications: before.applications + 1 });
  }
  const critical = [...longest.values()].reduce((best, path) => (path.ms > best.ms ? path : best));
  const workPerSlotMs = fleet.reduce((sum, a) => sum + weight(a.name), 0) / MAX_PARALLEL_APPS;
  return { criticalPathMs: round(critical.ms), criticalPathApplications: critical.applications, workPerSlotMs: round(workPerSlotMs), boundMs: round(Math.max(critical.ms, workPerSlotMs)) };
}

function summarize(rollout: PlannedRollout, runs: DeploymentRun[], m: Measurements): BenchResult {
  const byApplication = new Map<string, DeploymentRun[]>();
  for (const run of runs) byApplication.set(run.deployment.application, [...(byApplication.get(run.deployment.application) ?? []), run]);
  const durationOf = (application: string) => byApplication.get(application)!.map((run) => run.deployment.durationMs!);
  const makespanMs = round(Math.max(...runs.map((r) => r.finishedAt)) - Math.min(...runs.map((r) => r.triggeredAt)));
  const work = runs.reduce((sum, r) => sum + r.deployment.durationMs!, 0);
  const buildTime = runs.reduce((sum, r) => sum + (r.finishedAt - r.startedAt), 0);
  const bound = lowerBound(rollout.applications, durationOf, 0);
  const charged = lowerBound(rollout.applications, durationOf, m.slotRefills.p50);
  const spans = distribution([...byApplication.values()].map((own) => Math.max(...own.map((r) => r.finishedAt)) - Math.min(...own.map((r) => r.triggeredAt))));
  const edges = rollout.applications.reduce((sum, a) => sum + (a.dependsOn?.length ?? 0), 0);
  const inProgress = maxApplicationsInProgress(runs);
  const row = {
    deployments: runs.length,
    'makespan ms': makespanMs,
    'lower bound ms': bound.boundMs,
    'makespan / bound': round(makespanMs / bound.boundMs, 2),
    'slot refill p50 ms': m.slotRefills.p50,
    'bound + refills ms': charged.boundMs,
    'makespan / (bound + refills)': round(makespanMs / charged.boundMs, 2),
    'apps building at once': m.maxConcurrentApplications,
    'apps in progress at once': inProgress,
    'event loop busy': m.load.eventLoopUtilization,
    'CPU ms / deployment': m.load.cpuMsPerDeployment,
  };
  const p = (d: Distribution) => `${d.p50} / ${d.p90} / ${d.p99} (${d.n}; mean ${d.mean})`;
  return {
    name: makespan.name,
    title: `Rollout makespan: ${APPLICATIONS} applications × ${TARGETS} production targets, random dependencies, ${BUILD_MS.min}–${BUILD_MS.max} ms builds, MAX_PARALLEL_APPS ${MAX_PARALLEL_APPS}`,
    rows: [row],
    summary: {
      'makespan ms (first trigger → last finish)': makespanMs,
      'total work ms (sum of build durations)': work,
      'critical path ms': `${bound.criticalPathMs} (${bound.criticalPathApplications} applications, ${bound.criticalPathApplications * TARGETS} deployments)`,
      'total work / 8 ms': bound.workPerSlotMs,
      'lower bound ms': bound.boundMs,
      'makespan / lower bound': row['makespan / bound'],
      'slot refill p50 / p90 / p99 ms (a build finished → the next trigger)': p(m.slotRefills),
      'critical path with refills ms': `${charged.criticalPathMs} (${charged.criticalPathApplications} applications)`,
      '(total work + deployments × refill p50) / 8 ms': charged.workPerSlotMs,
      'bound with refills ms': charged.boundMs,
      'makespan / bound with refills': row['makespan / (bound + refills)'],
      'slots busy building (build time / (8 × makespan))': round(buildTime / (MAX_PARALLEL_APPS * makespanMs), 2),
      'next target of an application waits p50 / p90 / p99 ms': p(m.nextTargetWaits),
      'application span p50 / p90 / p99 ms (first trigger → last finish)': p(spans),
      'applications in progress at once (started, not finished)': inProgress,
      'legs of the next-target wait, p50 ms': Object.entries(m.stages.stages)
        .map(([stage, d]) => `${stage} ${d.p50}`)
        .join(', '),
      ...loadSummary(m.load),
      'applications building at once (max)': m.maxConcurrentApplications,
      'ordering rules held': 'yes: targets one at a time in order, dependencies first, at most 8 building at once, each deployment triggered once',
    },
    details: {
      seed: SEED,
      dependencyEdges: edges,
      applicationsWithoutDependencies: rollout.applications.filter((a) => !a.dependsOn?.length).length,
      bound,
      charged,
      slotRefills: m.slotRefills,
      nextTargetWaits: m.nextTargetWaits,
      applicationSpans: spans,
      stages: m.stages,
      load: m.load,
      rolloutWallMs: round(m.rolloutMs),
      medianBuildOverrunMs: round(median(runs.map((r) => r.finishedAt - r.startedAt - r.deployment.durationMs!)), 2),
    },
    notes: [
      `Hydrator runs whole in this process (gateway, registry, runner, notifier) as in the handoff benchmark, with the Jenkins sandbox as Jenkins (no queue delay) posting webhooks to it; JENKINS_POLL_INTERVAL 30s so outcomes come from webhooks. Alertmanager, Slack and Jira are not configured: no silences, messages HELD in the outbox. An unreported ${WARM_UP.applications} × ${WARM_UP.targets} rollout runs first.`,
      `Fleet (seed ${SEED}): ${APPLICATIONS} applications with ${TARGETS} production targets each, written with SQL as one PLANNED rollout of ${APPLICATIONS * TARGETS} SCHEDULED deployments and started with RolloutRunner.run. Dependencies: the applications are shuffled, and each makes ${DEPENDENCY_DRAWS} draws, each adding with probability ${DEPENDENCY_PROBABILITY} a dependency on an application earlier in that order (so the graph is acyclic): ${edges} edges. Each deployment's build lasts a seeded ${BUILD_MS.min}–${BUILD_MS.max} ms, fixed by the sandbox's script from a map keyed by deployment id.`,
      `makespan = the first trigger the sandbox received → the last build it finished (performance.now()). lower bound = max(critical path, total work / ${MAX_PARALLEL_APPS}), an application weighing the sum of its ${TARGETS} durations, the critical path being the heaviest chain through the dependency graph: no scheduler can beat it, and it counts nothing for Hydrator's own work between builds.`,
      `bound with refills charges every deployment the median slot refill of this run (a build finished → the next trigger the sandbox received, each trigger paired with the oldest unpaired finish before it): max(heaviest chain with each application weighing its durations + ${TARGETS} refills, (total work + deployments × refill) / ${MAX_PARALLEL_APPS}). makespan / bound with refills near 1 means the slots stayed busy and the time went into the work between builds, not into the order the runner picked.`,
      'next target waits is the handoff benchmark\'s measure (build k of an application finished → its build k + 1 triggered). Here it also holds the wait for a slot: decideNext ranks eligible applications by deployments left on their longest chain, so an application that has just finished a target ranks below a fresh one and gives its slot away; its legs show the wait inside "advance".',
      'The ordering rules were checked against the sandbox timeline and the benchmark fails if one is broken: per application, targets in order, each triggered after the previous build finished; an application\'s first trigger after the last build of each dependency; at most MAX_PARALLEL_APPS applications between a trigger and the end of its build; every deployment triggered once and succeeded. "apps in progress at once" counts applications between their first trigger and their last finish, which MAX_PARALLEL_APPS does not limit.',
      'Everything shares one Node.js event loop on the machine\'s PostgreSQL and Redis; "event loop busy" near 1 means the process was CPU-bound, so the refills queue behind each other. Times vary with the machine\'s other work (machine.loadAverage).',
    ],
  };
}

/** Mulberry32: a small seeded PRNG, so the fleet, its graph and its durations are the same every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}
