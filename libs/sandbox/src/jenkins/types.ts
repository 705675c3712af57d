/** Results a finished Jenkins build can have, spelled as Jenkins' `hudson.model.Result` prints them. */
export type BuildResult = 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED' | 'NOT_BUILT';

/** Build parameters as Jenkins stores string parameters: name → value. */
export type BuildParams = Record<string, string>;

/** How one build behaves: how long it waits in the queue, how long it runs, how it ends. */
export interface BuildPlan {
  queueDelayMs: number;
  durationMs: number;
  result: BuildResult;
  /** When true the build keeps running until the test calls `finish()`; for crash and timeout tests. */
  hold: boolean;
}

/**
 * Decides, per triggered build, how it behaves. Return only the fields to change (or nothing);
 * later scripts override earlier ones, and all override the job's and the sandbox's defaults.
 */
export type BuildScript = (params: BuildParams, jobPath: string) => Partial<BuildPlan> | undefined | void;

/** Where a build is in its life; Jenkins calls the first one a queue item and the others a run. */
export type BuildState = 'queued' | 'running' | 'finished';

/** What the sandbox knows about one trigger: a queue item that becomes a numbered build once it starts. */
export interface BuildSnapshot {
  /** The job path as registered: `deploy/api` for `/job/deploy/job/api/`. */
  jobPath: string;
  queueId: number;
  /** Assigned when the build leaves the queue, as Jenkins does. */
  number?: number;
  params: BuildParams;
  state: BuildState;
  queuedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  /** `performance.now()` at start and finish: for ordering checks finer than a Date's millisecond. */
  startedAtHr?: number;
  finishedAtHr?: number;
  result?: BuildResult;
  /** Who triggered it (the Basic-auth user), for the build's cause. */
  triggeredBy?: string;
}

/** Notification Plugin phases the sandbox sends (the plugin also has QUEUED, which it sends on start too). */
export type WebhookPhase = 'STARTED' | 'COMPLETED' | 'FINALIZED';

/** A per-webhook decision (drop it? send it twice?) or a probability from 0 to 1. */
export type WebhookFault = number | ((build: BuildSnapshot, phase: WebhookPhase) => boolean);

/** Options of {@link JenkinsSandbox}; every one may be left out. */
export interface JenkinsSandboxOptions {
  /** HTTP Basic credentials (user + API token) every request must carry; none means anonymous access. */
  auth?: { user: string; token: string };
  /** When true, `/crumbIssuer/api/json` hands out a crumb and every POST must send it back. */
  requireCrumb?: boolean;
  /** Trigger of an unknown job creates it (default true); when false it answers 404 as Jenkins does. */
  autoCreateJobs?: boolean;
  /** The behaviour of every build unless a job or a script says otherwise. */
  defaults?: Partial<BuildPlan>;
  /** Notification Plugin endpoint; may also be set later through `webhookUrl`. */
  webhookUrl?: string;
  /** Also send the FINALIZED phase after COMPLETED, as the plugin does for endpoints listening to "all". */
  sendFinalized?: boolean;
  /** Drop webhooks: a probability or a predicate per build and phase. */
  webhookLoss?: WebhookFault;
  /** Send webhooks twice: a probability or a predicate per build and phase. */
  webhookDuplicates?: WebhookFault;
  /** Hold each webhook back this long (or as long as the function says) so they arrive late or out of order. */
  webhookDelayMs?: number | ((build: BuildSnapshot, phase: WebhookPhase) => number);
  /** Source of randomness for the probability faults; inject one to make a test repeatable. */
  random?: () => number;
}

/** Declares a job up front: its parameter definitions and how its builds behave. */
export interface JobDefinition {
  /**
   * Parameter definitions. When given, Jenkins' rule applies: parameters the job does not define are
   * dropped from a trigger, and missing ones take their default. When absent, every parameter is kept.
   */
  parameters?: Array<{ name: string; defaultValue?: string }>;
  /** How this job's builds behave, over the sandbox defaults. */
  plan?: Partial<BuildPlan>;
  /** A job broken for its first builds that passes when they are run again: see {@link FailFirstRule}. */
  failFirst?: FailFirstRule;
}

/**
 * The first `count` builds of a job that carry the parameter `parameter` (every build when it is left
 * out) end with `result` instead of their plan's; the later ones follow their plan. Builds without the
 * parameter neither fail by it nor count, and a trigger merged into a waiting queue item is no build.
 * With `HYDRATOR_DEPLOYMENT_ID`: the first attempt to deploy fails, a retry passes. Scripts still win.
 */
export interface FailFirstRule {
  count: number;
  parameter?: string;
  /** Default `FAILURE`. */
  result?: BuildResult;
}
