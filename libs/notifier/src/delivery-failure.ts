import { ErrorCode as SlackErrorCode } from '@slack/web-api';
import { HttpException as JiraHttpException } from 'jira.js';
import { Integration } from './outbox-payloads';
import { textOf } from '@hydrator/common';

/**
 * Why a delivery attempt failed, and therefore what happens next. This is the one place that decides
 * which failures are retried:
 * - `rate-limited`: the other side asked us to wait (HTTP 429 + Retry-After); retried after that wait
 *   without counting as an attempt;
 * - `transient`: the other side was unreachable or failed (connection refused or reset, timeout, 5xx,
 *   Slack's `internal_error`…); retried with backoff until the attempts run out;
 * - `permanent`: the request itself was refused (unknown channel, bad credentials, Jira 400…); retrying
 *   cannot help, the message is FAILED with the reason.
 */
export type DeliveryFailure = { kind: 'rate-limited'; message: string; retryAfterMs: number } | { kind: 'transient'; message: string } | { kind: 'permanent'; message: string };

/** A request Hydrator knows the other side cannot satisfy (a Jira transition the issue does not offer): FAILED at once, with this message. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** Slack `ok: false` errors that say "try again later" rather than "this request is wrong". */
const RETRYABLE_SLACK_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/** Used when a 429 carries no usable Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

export function classifyDeliveryError(error: unknown, integration: Integration): DeliveryFailure {
  if (error instanceof PermanentDeliveryError) return { kind: 'permanent', message: error.message };
  const slack = slackFailure(error);
  if (slack) return slack;
  if (error instanceof JiraHttpException) return httpFailure(integration, error.status, jiraMessage(error), retryAfterHeader(error.cause));
  if (isRecord(error) && error.isAxiosError === true) {
    // jira.js passes on axios errors that got no response: connection refused, reset, timed out.
    return { kind: 'transient', message: `${integration} unreachable: ${textOf(error.code)} ${textOf(error.message)}`.trim() };
  }
  // Anything else (a bug, PostgreSQL hiccup while recording) is retried: the next attempt checks the other side first.
  return { kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}

function slackFailure(error: unknown): DeliveryFailure | undefined {
  if (!isRecord(error)) return undefined;
  switch (error.code) {
    case SlackErrorCode.RateLimitedError:
      return { kind: 'rate-limited', message: 'Slack rate limit (HTTP 429)', retryAfterMs: seconds(error.retryAfter) };
    case SlackErrorCode.RequestError:
      return { kind: 'transient', message: `Slack unreachable: ${String((error.original as Error | undefined)?.message ?? error.message)}` };
    case SlackErrorCode.HTTPError:
      return httpFailure('Slack', Number(error.statusCode), textOf(error.statusMessage), retryAfterHeader(error));
    case SlackErrorCode.PlatformError: {
      const reason = textOf((error.data as { error?: unknown } | undefined)?.error, 'unknown_error');
      return { kind: RETRYABLE_SLACK_ERRORS.has(reason) ? 'transient' : 'permanent', message: `Slack answered ${reason}` };
    }
    default:
      return undefined;
  }
}

function httpFailure(integration: Integration, status: number, detail: string, retryAfter: unknown): DeliveryFailure {
  const message = `${integration} answered HTTP ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 429) return { kind: 'rate-limited', message, retryAfterMs: seconds(retryAfter) };
  if (status >= 500 || status === 408) return { kind: 'transient', message };
  return { kind: 'permanent', message };
}

/** Jira's own words: `errorMessages` and the per-field `errors`. */
function jiraMessage(error: JiraHttpException): string {
  const data = (isRecord(error.response) ? error.response.data : undefined) as { errorMessages?: unknown; errors?: unknown } | undefined;
  const messages = Array.isArray(data?.errorMessages) ? data.errorMessages.map(String) : [];
  const fields = isRecord(data?.errors) ? Object.entries(data.errors).map(([field, text]) => `${field}: ${String(text)}`) : [];
  return [...messages, ...fields].join('; ') || error.message;
}

/** The Retry-After header of an HTTP error (Slack's WebAPIHTTPError or the axios error behind a jira.js one). */
function retryAfterHeader(error: unknown): unknown {
  if (!isRecord(error)) return undefined;
  const headers = (isRecord(error.response) ? error.response.headers : error.headers) as Record<string, unknown> | undefined;
  return headers?.['retry-after'];
}

function seconds(value: unknown): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed * 1000 : DEFAULT_RETRY_AFTER_MS;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
