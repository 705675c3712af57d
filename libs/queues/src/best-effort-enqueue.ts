import { withTimeout } from '@hydrator/common';

/** How long a producer waits for Redis before leaving the work to its reconciler. */
export const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Adds a job after the PostgreSQL commit it follows from, without ever failing or holding up the
 * caller: the row is the truth and a reconciler re-enqueues what Redis did not take. Returns the error
 * when the job was not added (for the caller's log line), else undefined.
 */
export async function enqueueBestEffort(add: () => Promise<unknown>): Promise<Error | undefined> {
  try {
    await withTimeout(add(), ENQUEUE_TIMEOUT_MS);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
