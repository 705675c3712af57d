/** Why a call to Jenkins failed. The runner decides from `retryable` whether to try again later. */
export enum JenkinsErrorCode {
  /** No connection (refused, DNS, reset). */
  UNREACHABLE = 'UNREACHABLE',
  /** No complete answer within the client's timeout. */
  TIMEOUT = 'TIMEOUT',
  /** 5xx or 429: Jenkins (or its proxy) is overloaded, restarting or down. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** 401: the user or its API token is wrong. */
  UNAUTHORIZED = 'UNAUTHORIZED',
  /** 403: no credentials, missing permissions, or a CSRF crumb Jenkins would not accept. */
  FORBIDDEN = 'FORBIDDEN',
  /** 404: no such job, queue item or build (or one the user may not see). */
  NOT_FOUND = 'NOT_FOUND',
  /** Any other 4xx or redirect, e.g. 400 for a job that takes no parameters. */
  REJECTED = 'REJECTED',
  /** An answer that is not what Jenkins sends: HTML from a proxy, JSON without the expected fields. */
  UNEXPECTED_ANSWER = 'UNEXPECTED_ANSWER',
  /** The caller passed something that cannot name a Jenkins job, queue item or build. */
  INVALID_INPUT = 'INVALID_INPUT',
}

/** The one place that decides which Jenkins failures are worth retrying: those that may pass by themselves. */
const RETRYABLE = new Set([JenkinsErrorCode.UNREACHABLE, JenkinsErrorCode.TIMEOUT, JenkinsErrorCode.UNAVAILABLE]);

/** A failed Jenkins call, with a message that says what to check or change. */
export class JenkinsError extends Error {
  /** True when the same call may succeed later without anyone changing anything. */
  readonly retryable: boolean;

  constructor(
    readonly code: JenkinsErrorCode,
    message: string,
    /** The HTTP status Jenkins answered with; undefined when there was no answer. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'JenkinsError';
    this.retryable = RETRYABLE.has(code);
  }
}
