import { HydratorError } from '@hydrator/common';
import { BuildPhase } from '@hydrator/database';

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
  /** Build start, ms since the epoch (`build.timestamp`), when Jenkins sent it. */
  timestampMs?: number;
  /** Build duration in ms (`build.duration`), when Jenkins sent it. */
  durationMs?: number;
}

const PHASES = new Set<string>(Object.values(BuildPhase));
const STATUSES = new Set(['SUCCESS', 'FAILURE', 'UNSTABLE', 'ABORTED', 'NOT_BUILT']);

type Json = Record<string, unknown>;

/** Validates a webhook body; throws a BAD_USER_INPUT error naming the first wrong field. */
export function parseJenkinsNotification(body: unknown): JenkinsNotification {
  const root = object(body, 'body');
  const build = object(root.build, 'build');
  const jobPath = jobPathOf(root);
  const buildNumber = build.number;
  if (!Number.isInteger(buildNumber) || (buildNumber as number) < 1) {
    throw HydratorError.badInput('build.number', 'expected a positive whole number');
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

/** `job/a/job/b/` → `a/b`; also accepts a full URL (`https://jenkins/job/a/job/b/`). */
export function jobPathFromUrl(url: string): string | undefined {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/^\/+|\/+$/g, '');
  const segments = path.split('/');
  const names: string[] = [];
  for (let i = 0; i < segments.length; i += 2) {
    if (segments[i] !== 'job' || !segments[i + 1]) return undefined;
    names.push(decodeURIComponent(segments[i + 1]));
  }
  return names.length ? names.join('/') : undefined;
}

/** Normalises a registered job path: `deploy/api`, `/job/deploy/job/api/` and `deploy/api/` are the same job. */
export function normaliseJobPath(job: string): string {
  const trimmed = job.trim();
  return (trimmed.includes('job/') ? jobPathFromUrl(trimmed) : undefined) ?? trimmed.replace(/^\/+|\/+$/g, '');
}

function jobPathOf(root: Json): string {
  const url = optionalString(root.url, 'url');
  if (url !== undefined) {
    const path = jobPathFromUrl(url);
    if (!path) throw HydratorError.badInput('url', 'expected the job URL as Jenkins sends it, e.g. "job/deploy/job/api/"');
    return path;
  }
  const name = optionalString(root.name, 'name');
  if (!name) throw HydratorError.badInput('url', 'is required (the job URL, e.g. "job/deploy/job/api/")');
  return name;
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
  return value;
}

function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw HydratorError.badInput(field, 'expected a non-negative number of milliseconds');
  }
  return value;
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const map = object(value, field);
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(map)) {
    if (item === null || item === undefined) continue;
    if (typeof item === 'object') throw HydratorError.badInput(`${field}.${key}`, 'expected a string, number or boolean');
    result[key] = String(item);
  }
  return result;
}

/** COMPLETED and FINALIZED carry the build's result; QUEUED and STARTED do not. */
export function isFinished(phase: BuildPhase): boolean {
  return phase === BuildPhase.COMPLETED || phase === BuildPhase.FINALIZED;
}
