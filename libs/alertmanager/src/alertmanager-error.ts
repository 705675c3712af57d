/**
 * A failed Alertmanager call; the message names the method and URL, so an operator knows which
 * Alertmanager failed. `retryable`: the same call may succeed later without anyone changing anything
 * (no connection, no answer in time, 5xx or 429); anything else Alertmanager refused will be refused again.
 */
export class AlertmanagerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The HTTP status Alertmanager answered with (404: it does not know the silence); undefined when there was no answer. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AlertmanagerError';
  }
}
