import { performance } from 'node:perf_hooks';
import { normalizeJobPath } from './job-path';
import { BuildParams, BuildPlan, BuildResult, BuildScript, BuildSnapshot, JobDefinition } from './types';

/** Small enough that tests run fast, long enough that a client really has to poll the queue. */
const DEFAULT_PLAN: BuildPlan = { queueDelayMs: 20, durationMs: 50, result: 'SUCCESS', hold: false };

/** A build as the queue keeps it: the public snapshot plus its plan and pending timer. */
export interface BuildRecord extends BuildSnapshot {
  plan: BuildPlan;
  timer?: NodeJS.Timeout;
}

/** A job and its builds, newest last. */
export interface JobRecord {
  path: string;
  definition: JobDefinition;
  nextBuildNumber: number;
  builds: BuildRecord[];
}

/** Called as builds move through their life, so the sandbox can log them and send webhooks. */
export interface BuildListener {
  queued(build: BuildRecord): void;
  started(build: BuildRecord): void;
  finished(build: BuildRecord): void;
}

/** Outcome of a trigger: the queue item, and whether Jenkins would have made a new one or merged. */
export interface TriggerOutcome {
  build: BuildRecord;
  created: boolean;
}

/**
 * The Jenkins queue and executors: a trigger becomes a queue item, which after its queue delay
 * becomes build number N of its job, which after its duration finishes with its scripted result.
 */
export class BuildQueue {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly scripts: BuildScript[] = [];
  private nextQueueId = 1;

  constructor(
    private readonly defaults: Partial<BuildPlan>,
    private readonly listener: BuildListener,
  ) {}

  addJob(path: string, definition: JobDefinition = {}): JobRecord {
    const jobPath = normalizeJobPath(path);
    const job: JobRecord = { path: jobPath, definition, nextBuildNumber: 1, builds: [] };
    this.jobs.set(jobPath, job);
    return job;
  }

  /** Makes the job's next build number at least `last + 1`, registering the job when unknown. */
  numberAfter(path: string, last: number): JobRecord {
    const job = this.job(path) ?? this.addJob(path);
    job.nextBuildNumber = Math.max(job.nextBuildNumber, last + 1);
    return job;
  }

  job(path: string): JobRecord | undefined {
    return this.jobs.get(normalizeJobPath(path));
  }

  allJobs(): JobRecord[] {
    return [...this.jobs.values()];
  }

  addScript(script: BuildScript): void {
    this.scripts.push(script);
  }

  /** Every queue item and build, in trigger order. */
  all(): BuildRecord[] {
    return this.allJobs()
      .flatMap((job) => job.builds)
      .sort((a, b) => a.queueId - b.queueId);
  }

  byQueueId(queueId: number): BuildRecord | undefined {
    return this.all().find((build) => build.queueId === queueId);
  }

  /**
   * Queues a build. Like Jenkins, an identical item (same job, same parameters) still waiting in the
   * queue absorbs the new request instead of adding a second build.
   */
  trigger(job: JobRecord, rawParams: BuildParams, triggeredBy?: string): TriggerOutcome {
    const params = applyDefinitions(job.definition, rawParams);
    const waiting = job.builds.find((build) => build.state === 'queued' && sameParams(build.params, params));
    if (waiting) return { build: waiting, created: false };

    const build: BuildRecord = {
      jobPath: job.path,
      queueId: this.nextQueueId++,
      params,
      state: 'queued',
      queuedAt: new Date(),
      triggeredBy,
      plan: this.planFor(job, params),
    };
    job.builds.push(build);
    this.listener.queued(build);
    build.timer = setTimeout(() => this.start(job, build), build.plan.queueDelayMs);
    return { build, created: true };
  }

  /** Ends a running (typically held) build now with `result`. Returns false when there is none to end. */
  finish(jobPath: string, number: number, result: BuildResult): boolean {
    const build = this.job(jobPath)?.builds.find((candidate) => candidate.number === number);
    if (!build || build.state !== 'running') return false;
    this.complete(build, result);
    return true;
  }

  /** Cancels every pending timer; builds stay where they are. */
  stopTimers(): void {
    for (const build of this.all()) clearTimeout(build.timer);
  }

  /** Forgets all builds and scripts; registered jobs stay, numbered from 1 again. */
  reset(): void {
    this.stopTimers();
    this.scripts.length = 0;
    this.nextQueueId = 1;
    for (const job of this.jobs.values()) {
      job.builds = [];
      job.nextBuildNumber = 1;
    }
  }

  private planFor(job: JobRecord, params: BuildParams): BuildPlan {
    const overrides = this.scripts.map((script) => script(params, job.path) ?? {});
    const jobPlan: BuildPlan = { ...DEFAULT_PLAN, ...this.defaults, ...job.definition.plan, ...failingFirst(job, params) };
    return overrides.reduce<BuildPlan>((plan, override) => ({ ...plan, ...override }), jobPlan);
  }

  private start(job: JobRecord, build: BuildRecord): void {
    build.number = job.nextBuildNumber++;
    build.state = 'running';
    build.startedAt = new Date();
    build.startedAtHr = performance.now();
    this.listener.started(build);
    if (build.plan.hold) return;
    build.timer = setTimeout(() => this.complete(build, build.plan.result), build.plan.durationMs);
  }

  private complete(build: BuildRecord, result: BuildResult): void {
    clearTimeout(build.timer);
    build.state = 'finished';
    build.finishedAt = new Date();
    build.finishedAtHr = performance.now();
    build.result = result;
    this.listener.finished(build);
  }
}

/** A copy that callers may keep or change without touching the queue's state. */
export function snapshot(build: BuildRecord): BuildSnapshot {
  const { plan: _plan, timer: _timer, ...rest } = build;
  return { ...rest, params: { ...rest.params } };
}

/** The result the job's fail-first rule gives a new build with `params` (called before it joins the job's builds). */
function failingFirst(job: JobRecord, params: BuildParams): Partial<BuildPlan> {
  const rule = job.definition.failFirst;
  if (!rule) return {};
  const counted = (candidate: BuildParams) => rule.parameter === undefined || candidate[rule.parameter] !== undefined;
  if (!counted(params)) return {};
  const earlier = job.builds.filter((build) => counted(build.params)).length;
  return earlier < rule.count ? { result: rule.result ?? 'FAILURE' } : {};
}

/** Jenkins drops parameters a job does not define and fills in defaults for the ones not sent. */
function applyDefinitions(definition: JobDefinition, params: BuildParams): BuildParams {
  if (!definition.parameters) return { ...params };
  const kept: BuildParams = {};
  for (const { name, defaultValue } of definition.parameters) {
    const value = params[name] ?? defaultValue;
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

function sameParams(a: BuildParams, b: BuildParams): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
