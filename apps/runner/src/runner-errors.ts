import { ConnectionException } from '@mikro-orm/core';
import { AlertmanagerError } from '@hydrator/alertmanager';
import { JenkinsError } from '@hydrator/jenkins';

/** Network codes, and PostgreSQL's SQLSTATEs for a connection lost or a server shutting down (class 08, 57P01–57P03). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
/** What node-postgres says, without a code, when its connection was cut (a failover, a proxy or PgBouncer restarting). */
const LOST_CONNECTION = /Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable/;

/**
 * The one place that decides which failures of a deployment step are worth retrying: network trouble,
 * 5xx and rate limits from Jenkins or Alertmanager, and PostgreSQL or Redis connections lost. Anything
 * else (bad credentials, unknown job, a bug) fails the deployment at once with its message.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof JenkinsError || error instanceof AlertmanagerError) return error.retryable;
  if (error instanceof ConnectionException) return true;
  // PostgreSQL or Redis hiccups surface as plain errors with a connection code, or node-postgres' words.
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code !== undefined && CONNECTION_CODES.has(code)) || LOST_CONNECTION.test(message ?? '');
}
