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
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
