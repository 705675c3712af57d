import { textProblem } from '@hydrator/common';
import { JenkinsError, JenkinsErrorCode } from './jenkins-error';

/**
 * Hydrator names a Jenkins job by its path (`deploy/api`, the job `api` in the folder `deploy`);
 * Jenkins addresses it as `/job/deploy/job/api/`. These helpers convert between the two and keep
 * every URL Hydrator follows on the configured Jenkins root.
 */

/** `deploy/api` → `/job/deploy/job/api/`, each name percent-encoded (`my folder` → `my%20folder`). */
export function jobPathToUrlPath(jobPath: string): string {
  const names = jobPath.split('/').filter(Boolean);
  if (!names.length) {
    throw new JenkinsError(JenkinsErrorCode.INVALID_INPUT, `"${jobPath}" is not a Jenkins job path: expected folder/job, e.g. deploy/api`);
  }
  return `/${names.map((name) => `job/${encodeURIComponent(name)}/`).join('')}`;
}

/** Hydrator indexes job paths: a btree row holds about 2.7 kB, and no real job path comes near this. */
export const MAX_JOB_PATH_LENGTH = 512;
/** One item name; Jenkins itself allows 255 bytes on most file systems. */
const MAX_JOB_NAME_LENGTH = 255;
/** The characters Jenkins refuses in an item name (`Jenkins.checkGoodName`). */
const UNSAFE_NAME_CHARACTER = /[?*/\\%!@#$^&|<>[\]:;]/;

/**
 * The path Hydrator stores for a job (`deploy/api`) from the ways Jenkins and people write one:
 * `deploy/api`, `/deploy/api/`, `job/deploy/job/api/` or a full job URL (`https://ci/job/deploy/job/api/`).
 * The `job/` forms are percent-decoded to the names Jenkins shows. Undefined, never a URIError, when
 * an escape is malformed, a decoded name holds a `/`, a full URL has no `job/` path, or nothing is left.
 * Whether the names are ones Jenkins accepts is {@link jobPathProblem}'s question.
 */
export function normaliseJobPath(input: string): string | undefined {
  const trimmed = input.trim();
  const withoutHost = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const isFullUrl = withoutHost !== trimmed;
  const segments = withoutHost
    .replace(/[?#].*$/s, '')
    .split('/')
    .filter(Boolean);
  const firstJob = isFullUrl ? segments.indexOf('job') : 0;
  const jobSegments = segments.slice(Math.max(firstJob, 0));
  if (isUrlForm(jobSegments)) return decodedPath(jobSegments.filter((_, i) => i % 2 === 1));
  return isFullUrl || segments.length === 0 ? undefined : segments.join('/');
}

/** Why `jobPath` is not a path of names Jenkins accepts for its items, or undefined when it is. */
export function jobPathProblem(jobPath: string): string | undefined {
  if (jobPath.length > MAX_JOB_PATH_LENGTH) return `is ${jobPath.length} characters long, at most ${MAX_JOB_PATH_LENGTH} are allowed`;
  for (const name of jobPath.split('/')) {
    if (name.trim() === '') return 'has an empty job or folder name';
    if (name === '.' || name === '..') return `has "${name}" as a job or folder name`;
    // Jenkins refuses every control character in a name, tabs and line breaks too, which text may hold.
    const problem = textProblem(name, MAX_JOB_NAME_LENGTH) ?? (/[\t\n\r]/.test(name) ? 'contains a tab or a line break' : undefined);
    if (problem) return `has a job or folder name that ${problem}`;
    const unsafe = UNSAFE_NAME_CHARACTER.exec(name);
    if (unsafe) return `has a job or folder name containing "${unsafe[0]}", which Jenkins does not allow in names`;
  }
  return undefined;
}

/** `job/<name>` pairs, the way Jenkins addresses an item inside folders. */
function isUrlForm(segments: string[]): boolean {
  return segments.length > 0 && segments.length % 2 === 0 && segments.every((segment, i) => i % 2 === 1 || segment === 'job');
}

function decodedPath(encodedNames: string[]): string | undefined {
  const names: string[] = [];
  for (const encoded of encodedNames) {
    const name = safeDecode(encoded);
    // A `/` inside a name would read as a folder boundary once joined.
    if (name === undefined || name.includes('/')) return undefined;
    names.push(name);
  }
  return names.join('/');
}

/** `decodeURIComponent` without the URIError a malformed escape (`%E0%A4%A`) throws. */
function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * `url` moved onto `root`: its path from `marker` on, appended to the configured root URL. Jenkins
 * prints absolute URLs with its own idea of its root (often `http://localhost:8080/` when nobody set
 * it), which Hydrator may not reach; and credentials must only ever go to the configured Jenkins.
 * Returns undefined when `marker` is not in the URL's path.
 */
export function onRoot(root: string, url: string, marker: '/job/' | '/queue/item/'): string | undefined {
  const path = new URL(url, `${root}/`).pathname;
  const at = path.indexOf(marker);
  return at < 0 ? undefined : `${root}${withSlash(path.slice(at))}`;
}

/** Whether `url` (as Jenkins prints a job's URL) is the job at `jobPath`, whatever root and percent-encoding Jenkins used. */
export function isJobUrl(url: string, jobPath: string): boolean {
  const path = new URL(url, 'http://jenkins/').pathname;
  const at = path.indexOf('/job/');
  return at >= 0 && decodeNames(path.slice(at)) === decodeNames(jobPathToUrlPath(jobPath));
}

function decodeNames(path: string): string {
  return withSlash(path)
    .split('/')
    .map((segment) => safeDecode(segment) ?? segment)
    .join('/');
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
