import { normaliseJobPath } from '@hydrator/jenkins';

/**
 * Jenkins addresses a job inside folders as `/job/<folder>/job/<name>/`; Hydrator stores the same
 * job as `<folder>/<name>`. These helpers convert between the two.
 */

/**
 * Accepts `deploy/api`, `/deploy/api/` or `job/deploy/job/api/` and returns `deploy/api`: Hydrator's
 * own reading of a job path, so the sandbox files a job under the name Hydrator will ask for. What
 * Hydrator cannot read is kept as given (Jenkins then answers 404 for it, as it would).
 */
export function normalizeJobPath(path: string): string {
  return normaliseJobPath(path) ?? path;
}

/** `deploy/api` → `job/deploy/job/api/`, the job's `url` as Jenkins and the Notification Plugin print it. */
export function jobUrlPath(jobPath: string): string {
  return jobPath
    .split('/')
    .map((segment) => `job/${encodeURIComponent(segment)}/`)
    .join('');
}

/** The last segment: Jenkins' `name` of the job (the full path is `fullName`). */
export function jobName(jobPath: string): string {
  return jobPath.slice(jobPath.lastIndexOf('/') + 1);
}

/**
 * Splits what follows the first `/job/` of a request path into the job path and the rest:
 * `deploy/job/api/12/api/json` → `{ jobPath: 'deploy/api', rest: ['12', 'api', 'json'] }`.
 */
export function splitJobRequest(afterFirstJob: string): { jobPath: string; rest: string[] } {
  // The HTTP server has already percent-decoded the path; decoding again would corrupt `%25`.
  const segments = afterFirstJob.split('/').filter(Boolean);
  const names = segments.length ? [segments[0]] : [];
  let i = 1;
  while (segments[i] === 'job' && i + 1 < segments.length) {
    names.push(segments[i + 1]);
    i += 2;
  }
  return { jobPath: names.join('/'), rest: segments.slice(i) };
}
