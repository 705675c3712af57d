import { DeploymentStatus } from '@hydrator/database';

/** One deployment of a running rollout, as the decision needs it. */
export interface RunDeployment {
  id: string;
  applicationId: string;
  applicationName: string;
  /** Position among the application's production targets: they deploy one at a time in this order. */
  targetOrder: number;
  target: string;
  status: DeploymentStatus;
  error?: string | null;
  /** When the current attempt started; only estimates read it. */
  startedAt?: Date | null;
}

export interface RunSnapshot {
  deployments: RunDeployment[];
  /** application id → ids of the applications it deploys after (edges outside the rollout are ignored). */
  dependsOn: ReadonlyMap<string, readonly string[]>;
  /** Applications frozen now: their deployments wait. */
  frozen: ReadonlySet<string>;
  /** Why each frozen application is frozen (its own freeze, else the fleet's); only explanations read it. */
  freezeReasons?: ReadonlyMap<string, string>;
  maxParallelApps: number;
}

export type RunOutcome = { status: 'RUNNING' } | { status: 'COMPLETED' } | { status: 'HALTED'; reason: string };

export interface RunDecision {
  /** Deployments to start now, at most one per application. */
  start: string[];
  /** Deployments that can no longer run in this run (after a failure). */
  block: string[];
  outcome: RunOutcome;
}

/**
 * The statuses the rules compare with, read once: the enum is re-exported through getters, and an
 * estimate reads these some hundreds of thousands of times.
 */
const { SCHEDULED, SUCCEEDED, FAILED, BLOCKED } = DeploymentStatus;

export const IN_FLIGHT: ReadonlySet<DeploymentStatus> = new Set([DeploymentStatus.QUEUED, DeploymentStatus.RUNNING]);
export const DONE: ReadonlySet<DeploymentStatus> = new Set([SUCCEEDED, DeploymentStatus.CANCELED]);

/** The ordering rules read on one snapshot, shared by {@link decideNext} and what explains or estimates a run. */
export interface RunRules {
  byApplication: ReadonlyMap<string, RunDeployment[]>;
  /** Applications with a deployment QUEUED or RUNNING. */
  inFlight: ReadonlySet<string>;
  /** The applications in the rollout that `applicationId` depends on and that have not finished all their deployments. */
  waitingOn: (applicationId: string) => string[];
  /** The application's next deployment to start: its first SCHEDULED one in target order. */
  nextOf: (applicationId: string) => RunDeployment | undefined;
  /** Applications that may start their next deployment now, best first (a slot permitting). */
  eligible: string[];
  nameOf: (applicationId: string) => string;
}

/** Orders names as `localeCompare` does, without looking up the locale's collation on every call. */
const byName = new Intl.Collator().compare;

/**
 * What of a snapshot does not change as its deployments' statuses do: its deployments grouped by
 * application, and which applications wait on each. An estimate keeps it across its simulated steps
 * (it changes statuses in place, never which application a deployment is of).
 */
export interface RunShape {
  byApplication: ReadonlyMap<string, RunDeployment[]>;
  /** application id → the applications of the rollout that depend on it. */
  dependents: ReadonlyMap<string, readonly string[]>;
}

export function runShape(snapshot: RunSnapshot): RunShape {
  const byApplication = groupByApplication(snapshot.deployments);
  const dependents = new Map<string, string[]>();
  for (const [application, deps] of snapshot.dependsOn) {
    if (!byApplication.has(application)) continue;
    for (const dep of deps) {
      if (!byApplication.has(dep)) continue;
      const group = dependents.get(dep);
      if (group) group.push(application);
      else dependents.set(dep, [application]);
    }
  }
  return { byApplication, dependents };
}

export function runRules(snapshot: RunSnapshot, { byApplication, dependents }: RunShape = runShape(snapshot)): RunRules {
  const inFlight = new Set([...byApplication].filter(([, ds]) => ds.some((d) => IN_FLIGHT.has(d.status))).map(([id]) => id));
  const done = (applicationId: string) => (byApplication.get(applicationId) ?? []).every((d) => DONE.has(d.status));
  const waitingOn = (applicationId: string) => (snapshot.dependsOn.get(applicationId) ?? []).filter((dep) => byApplication.has(dep) && !done(dep));
  const nextOf = (applicationId: string) => {
    let next: RunDeployment | undefined;
    for (const d of byApplication.get(applicationId) ?? []) if (d.status === SCHEDULED && (!next || d.targetOrder < next.targetOrder)) next = d;
    return next;
  };
  const nameOf = (applicationId: string) => byApplication.get(applicationId)![0].applicationName;
  const rank = remainingPathLengths(byApplication, dependents);
  const eligible = [...byApplication.keys()]
    .filter((id) => !inFlight.has(id) && !snapshot.frozen.has(id) && nextOf(id) && waitingOn(id).length === 0)
    .sort((a, b) => rank.get(b)! - rank.get(a)! || byName(nameOf(a), nameOf(b)));
  return { byApplication, inFlight, waitingOn, nextOf, eligible, nameOf };
}

/**
 * The run's ordering rules (docs/weekly-cycle.md), with no I/O. An application starts only when every application it
 * depends on has finished all its deployments successfully (a canceled deployment counts as finished:
 * an operator decided it); each application deploys one target at a time in target order; different
 * applications run together up to `maxParallelApps`. Work-conserving: every free slot is filled if any
 * application is eligible, the one with the longest remaining dependency path first. After a failure
 * nothing new starts, what can no longer run is BLOCKED, and the rollout halts once nothing is in flight.
 */
export function decideNext(snapshot: RunSnapshot, shape?: RunShape): RunDecision {
  const rules = runRules(snapshot, shape);
  const { inFlight, eligible, nextOf } = rules;
  const failed = snapshot.deployments.filter((d) => d.status === FAILED);

  if (failed.length > 0) {
    const block = snapshot.deployments.filter((d) => d.status === SCHEDULED).map((d) => d.id);
    if (inFlight.size > 0) return { start: [], block, outcome: { status: 'RUNNING' } };
    const reason = failed.map((d) => `${d.applicationName} on ${d.target} failed${d.error ? `: ${d.error}` : ''}`).join('; ');
    return { start: [], block, outcome: { status: 'HALTED', reason } };
  }

  // An application part-way through its targets keeps its slot between two of them: it runs mixed revs
  // until it finishes, so MAX_PARALLEL_APPS bounds those too, and its next target starts first.
  const partWay = eligible.filter((id) => rules.byApplication.get(id)!.some((d) => d.status === SUCCEEDED));
  const fresh = eligible.filter((id) => !partWay.includes(id));
  const slots = Math.max(0, snapshot.maxParallelApps - inFlight.size);
  const start = [...partWay, ...fresh].slice(0, slots).map((id) => nextOf(id)!.id);

  if (start.length > 0 || inFlight.size > 0) return { start, block: [], outcome: { status: 'RUNNING' } };
  if (snapshot.deployments.every((d) => DONE.has(d.status))) return { start: [], block: [], outcome: { status: 'COMPLETED' } };
  return { start: [], block: [], outcome: { status: 'HALTED', reason: whyStuck(rules, snapshot) } };
}

/**
 * For each application, the number of deployments left on the longest chain that starts with it and
 * follows the applications waiting on it: the critical path still ahead. Scheduling the longest
 * first keeps the makespan close to max(critical path, total work / slots).
 */
function remainingPathLengths(byApplication: ReadonlyMap<string, RunDeployment[]>, dependents: RunShape['dependents']): Map<string, number> {
  const memo = new Map<string, number>();
  const visit = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    let own = 0;
    for (const d of byApplication.get(id)!) if (!DONE.has(d.status)) own++;
    let after = 0;
    for (const dependent of dependents.get(id) ?? []) after = Math.max(after, visit(dependent));
    memo.set(id, own + after);
    return own + after;
  };
  for (const id of byApplication.keys()) visit(id);
  return memo;
}

function whyStuck({ byApplication, waitingOn, nameOf }: RunRules, snapshot: RunSnapshot): string {
  const reasons: string[] = [];
  for (const [id, deployments] of byApplication) {
    if (!deployments.some((d) => d.status === SCHEDULED || d.status === BLOCKED)) continue;
    const name = nameOf(id);
    if (snapshot.frozen.has(id)) reasons.push(`${name} is frozen`);
    else if (waitingOn(id).length) reasons.push(`${name} waits for ${waitingOn(id).map(nameOf).join(', ')}`);
    else reasons.push(`${name} cannot start`);
  }
  return reasons.join('; ') || 'nothing left can run';
}

function groupByApplication(deployments: readonly RunDeployment[]): Map<string, RunDeployment[]> {
  const groups = new Map<string, RunDeployment[]>();
  for (const d of deployments) {
    const group = groups.get(d.applicationId);
    if (group) group.push(d);
    else groups.set(d.applicationId, [d]);
  }
  return groups;
}
