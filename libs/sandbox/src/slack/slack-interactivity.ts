import { createHmac } from 'node:crypto';

/**
 * What Slack's interactivity client sends to an app's Request URL, and how it signs it: the pieces the
 * Slack sandbox's `interact` and payload builders put together, kept apart so tests can reuse them.
 */

/** The workspace the sandbox plays, as interaction payloads name it. */
export const SLACK_SANDBOX_TEAM = { id: 'T0SANDBOX', domain: 'hydrator-sandbox' };
/** The app the sandbox's bot token belongs to. */
export const SLACK_SANDBOX_APP_ID = 'A0HYDRATOR';
export const SLACK_SANDBOX_BOT_ID = 'B0HYDRATOR';
export const SLACK_SANDBOX_BOT_USER_ID = 'U0HYDRATOR';
/** The deprecated verification token Slack still puts in every payload; apps should verify signatures instead. */
export const SLACK_SANDBOX_VERIFICATION_TOKEN = 'sandbox-verification-token';

/** A Slack user as interaction payloads carry them. */
export interface SlackSandboxUser {
  id: string;
  /** Shown as `name` and `username`; default the id. */
  name?: string;
}

/** `X-Slack-Signature`: `v0=` and the hex HMAC-SHA256, keyed with the signing secret, of `v0:<timestamp>:<raw body>`. */
export function slackSignature(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** The body Slack POSTs for an interaction: form-encoded, one field `payload` holding the JSON. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface InteractOptions {
  /** The app's signing secret (Basic Information → App Credentials in Slack). */
  signingSecret: string;
  /** `X-Slack-Request-Timestamp` in Unix seconds; default now. Pass an old one to test replay protection. */
  timestamp?: number;
  /** Replaces the payload's `team.id` (and `user.team_id`), for apps that check which workspace calls. */
  teamId?: string;
}

/** The app's answer to an interaction: Slack only looks at the status (and, for view_submission, a JSON body). */
export interface InteractionResult {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, the text when it is not JSON, undefined when empty. */
  body: unknown;
}

/** One interaction the sandbox delivered with `interact`, for tests and the sandbox UI. */
export interface SlackInteraction {
  requestUrl: string;
  payload: Record<string, unknown>;
  timestamp: number;
  /** The app's HTTP status; undefined when the request failed (connection refused…). */
  status?: number;
  at: Date;
}

/** Sends an interaction exactly as Slack does: form-encoded `payload=<JSON>`, signed with the app's secret. */
export async function postInteraction(requestUrl: string, payload: Record<string, unknown>, options: InteractOptions): Promise<InteractionResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const body = interactionBody(payload);
  const response = await fetch(requestUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.signingSecret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  let parsed: unknown = text || undefined;
  try {
    if (text) parsed = JSON.parse(text);
  } catch {
    // Not JSON (Slack accepts any 200): keep the text.
  }
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: parsed };
}

/** With `teamId`, the payload as sent from that workspace (a shallow copy; the original is left alone). */
export function withTeam(payload: Record<string, unknown>, teamId: string | undefined): Record<string, unknown> {
  if (teamId === undefined) return payload;
  const team = { ...(isRecord(payload.team) ? payload.team : { domain: SLACK_SANDBOX_TEAM.domain }), id: teamId };
  const user = isRecord(payload.user) ? { ...payload.user, team_id: teamId } : payload.user;
  return { ...payload, team, user };
}

export function payloadUser(user: SlackSandboxUser, teamId: string): Record<string, unknown> {
  const name = user.name ?? user.id;
  return { id: user.id, username: name, name, team_id: teamId };
}

/** The button with `actionId` in a message's blocks (actions blocks or section accessories), to describe it as Slack does. */
export function findButton(blocks: unknown[] | undefined, actionId: string): { blockId?: string; text?: unknown } | undefined {
  for (const block of blocks ?? []) {
    if (!isRecord(block)) continue;
    const elements: unknown[] = [...(Array.isArray(block.elements) ? (block.elements as unknown[]) : []), block.accessory];
    const button = elements.find((e): e is Record<string, unknown> => isRecord(e) && e.action_id === actionId);
    if (button) return { blockId: typeof block.block_id === 'string' ? block.block_id : undefined, text: button.text };
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
