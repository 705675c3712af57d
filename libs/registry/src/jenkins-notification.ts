import { checkJsonShape, checkText, HydratorError, isGitSha } from '@hydrator/common';
import { BuildPhase } from '@hydrator/database';
import { jobPathProblem, normaliseJobPath } from '@hydrator/jenkins';

/** A Jenkins Notification Plugin payload, checked and normalised. */
export interface JenkinsNotification {
  /** `a/b` for the plugin's `url: "job/a/job/b/"`; `name` alone is only the last segment. */
  jobPath: string;
  buildNumber: number;
  phase: BuildPhase;
  /** SUCCESS, FAILURE, UNSTABLE, ABORTED, NOT_BUILT; absent while STARTED. */
  status?: string;
  fullUrl?: string;
  gitRev?: string;
  branch?: string;
  parameters: Record<string, string>;
  /**
   * `build.timestamp`, ms since the epoch, when Jenkins sent it. The plugin stamps each phase with its
   * own moment: queue time (QUEUED), start (STARTED), finish (COMPLETED), finalizing (FINALIZED).
   */
  timestampMs?: number;
  /** Build duration in ms (`build.duration`), when Jenkins sent it. */
  durationMs?: number;
}

const PHASES = new Set<string>(Object.values(BuildPhase));
const STATUSES = new Set(['SUCCESS', 'FAILURE', 'UNSTABLE', 'ABORTED', 'NOT_BUILT']);

type Json = Record<string, unknown>;

/**
 * Limits on what a webhook may carry, far above what the plugin sends: past them a body is hostile or
 * broken, and refusing it at the edge keeps it out of PostgreSQL's way (index row size, jsonb depth).
 */
export const WEBHOOK_LIMITS = {
  maxDepth: 32,
  maxParameters: 200,
  maxParameterName: 256,
  maxParameterValue: 4096,
  maxText: 2048,
  /** PostgreSQL `integer`. */
  maxBuildNumber: 2_147_483_647,
  /** The largest time a JavaScript Date holds. */
  maxMs: 8.64e15,
};

/** Validates a webhook body; throws a BAD_USER_INPUT error naming the first wrong field. */
export function parseJenkinsNotification(body: unknown): JenkinsNotification {
  checkJsonShape(body, 'body', { maxDepth: WEBHOOK_LIMITS.maxDepth });
  const root = object(body, 'body');
  const build = object(root.build, 'build');
  const jobPath = jobPathOf(root);
  const buildNumber = build.number;
  if (!Number.isInteger(buildNumber) || (buildNumber as number) < 1 || (buildNumber as number) > WEBHOOK_LIMITS.maxBuildNumber) {
    throw HydratorError.badInput('build.number', `expected a whole number from 1 to ${WEBHOOK_LIMITS.maxBuildNumber}`);
  }
  const phase = build.phase;
  if (typeof phase !== 'string' || !PHASES.has(phase)) {
    throw HydratorError.badInput('build.phase', `expected one of ${[...PHASES].join(', ')}`);
  }
  const status = optionalString(build.status, 'build.status');
  if (status !== undefined && !STATUSES.has(status)) {
    throw HydratorError.badInput('build.status', `expected one of ${[...STATUSES].join(', ')}`);
  }
  if (isFinished(phase as BuildPhase) && status === undefined) {
    throw HydratorError.badInput('build.status', `is required when build.phase is ${phase}`);
  }
  const parameters = stringMap(build.parameters, 'build.parameters');
  const scm = build.scm === undefined || build.scm === null ? {} : object(build.scm, 'build.scm');
  return {
    jobPath,
    buildNumber: buildNumber as number,
    phase: phase as BuildPhase,
    status,
    fullUrl: optionalString(build.full_url, 'build.full_url'),
    gitRev: parameters.GIT_REV ?? optionalString(scm.commit, 'build.scm.commit'),
    branch: optionalString(scm.branch, 'build.scm.branch'),
    parameters,
    timestampMs: optionalNumber(build.timestamp, 'build.timestamp'),
    durationMs: optionalNumber(build.duration, 'build.duration'),
  };
}

/** The dedup key of a report: the same job, build and phase twice is recorded once. */
export function reportDedupKey(notification: Pick<JenkinsNotification, 'jobPath' | 'buildNumber' | 'phase'>): string {
  return `${notification.jobPath}#${notification.buildNumber}#${notification.phase}`;
}

/** The job path from `url` (`job/deploy/job/api/`), else from `name`; either must name Jenkins items. */
function jobPathOf(root: Json): string {
  const url = optionalString(root.url, 'url');
  const field = url !== undefined ? 'url' : 'name';
  const given = url ?? optionalString(root.name, 'name');
  if (given === undefined) throw HydratorError.badInput('url', 'is required (the job URL, e.g. "job/deploy/job/api/")');
  const jobPath = normaliseJobPath(given);
  if (jobPath === undefined) {
    throw HydratorError.badInput(field, 'expected the job URL as Jenkins sends it, e.g. "job/deploy/job/api/", with well-formed %-escapes');
  }
  const problem = jobPathProblem(jobPath);
  if (problem) throw HydratorError.badInput(field, `the job path ${problem}`);
  return jobPath;
}

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw HydratorError.badInput(field, 'expected a JSON object');
  }
  return value as Json;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw HydratorError.badInput(field, 'expected a string');
  return checkText(value, field, WEBHOOK_LIMITS.maxText);
}

function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > WEBHOOK_LIMITS.maxMs) {
    throw HydratorError.badInput(field, 'expected a non-negative number of milliseconds, within the dates JavaScript holds');
  }
  return value;
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const entries = Object.entries(object(value, field));
  if (entries.length > WEBHOOK_LIMITS.maxParameters) {
    throw HydratorError.badInput(field, `has ${entries.length} entries, at most ${WEBHOOK_LIMITS.maxParameters} are allowed`);
  }
  const result: Record<string, string> = {};
  for (const [key, item] of entries) {
    checkText(key, `${field} (a name)`, WEBHOOK_LIMITS.maxParameterName);
    if (item === null || item === undefined) continue;
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw HydratorError.badInput(`${field}.${key}`, 'expected a string, number or boolean');
    }
    result[key] = checkText(String(item), `${field}.${key}`, WEBHOOK_LIMITS.maxParameterValue);
  }
  return result;
}

/** Why `rev` is not a git commit sha (7 to 40 hex digits), or undefined when it is. Names the rev, shortened. */
export function gitShaProblem(rev: string): string | undefined {
  if (isGitSha(rev)) return undefined;
  const shown = rev.length > 60 ? `${rev.slice(0, 60)}…` : rev;
  return `the build's rev ${JSON.stringify(shown)} (GIT_REV or build.scm.commit) is not a git commit sha (7 to 40 hex digits)`;
}

/** COMPLETED and FINALIZED carry the build's result; QUEUED and STARTED do not. */
export function isFinished(phase: BuildPhase): boolean {
  return phase === BuildPhase.COMPLETED || phase === BuildPhase.FINALIZED;
}
