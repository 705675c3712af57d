import { AlertmanagerError } from '@hydrator/alertmanager';
import { JenkinsError } from '@hydrator/jenkins';

/**
 * The one place that decides which failures of a deployment step are worth retrying: network trouble,
 * 5xx and rate limits from Jenkins or Alertmanager. Anything else (bad credentials, unknown job, a bug)
 * fails the deployment at once with its message.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof JenkinsError || error instanceof AlertmanagerError) return error.retryable;
  // PostgreSQL or Redis hiccups surface as plain errors with a connection code.
  const code = (error as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === '57P01';
}
