import { HydratorConfig } from '@hydrator/config';
import { OutboxKind } from '@hydrator/database';

/** `payload` of a SLACK_MESSAGE. */
export interface SlackMessagePayload {
  text: string;
  blocks?: unknown[];
  /** How the SRE summary names this message (an application, a team); default the channel. */
  label?: string;
}

/** `payload` of a SLACK_SRE_SUMMARY: `text` is composed when the summary is delivered. */
export interface SreSummaryPayload {
  intro: string;
  text?: string;
}

/**
 * `payload` of a JIRA_ISSUE; `description` is plain text: jira.js sends it as one text node of an Atlassian
 * Document, which Jira shows as written, so commit subjects or operators' notes in it cannot add markup or links.
 */
export interface JiraIssuePayload {
  summary: string;
  description: string;
  issueType: string;
  labels: string[];
}

/**
 * `payload` of a SLACK_REPLY: posted in the thread of its parent (the rollout's SRE summary); `thread`
 * is the parent's conversation ID and ts, filled in once the parent is sent.
 */
export interface SlackReplyPayload {
  text: string;
  blocks?: unknown[];
  thread?: { channel: string; ts: string };
}

/**
 * `payload` of a SLACK_UPDATE: rewrites its parent (a team message) with the state of each deployment it
 * announced, composed when it is delivered (so the last update shows the latest state). `text` is what
 * happened until then; `target` is the parent's conversation ID and ts.
 */
export interface SlackUpdatePayload {
  text: string;
  blocks?: unknown[];
  target?: { channel: string; ts: string };
}

/** `payload` of a JIRA_COMMENT: plain text (one paragraph per line); `issueKey` is the parent issue's, once it exists. */
export interface JiraCommentPayload {
  body: string;
  issueKey?: string;
}

/** `payload` of a JIRA_TRANSITION: the transition's name (`JIRA_DONE_TRANSITION`), looked up among the issue's. */
export interface JiraTransitionPayload {
  transition: string;
  issueKey?: string;
}

/** `result` of a Slack message: the conversation ID and ts Slack answered, then its permalink. */
export interface SlackResult {
  channel: string;
  ts: string;
  permalink?: string | null;
}

/** `result` of a Jira issue; of a comment or transition, the issue's key and page with the comment's or transition's id. */
export interface JiraResult {
  key: string;
  id: string;
  url: string;
}

export type DeliveryResult = SlackResult | JiraResult;

/** Message metadata `event_type` that tags every Slack message Hydrator posts with its outbox id. */
export const OUTBOX_EVENT_TYPE = 'hydrator_outbox';

/**
 * The label Hydrator puts on every Jira issue it opens, to find it again after an interrupted delivery;
 * a comment ends with it too, as a line of its own.
 */
export function recoveryLabel(messageId: string): string {
  return `hydrator-${messageId.slice(0, 12)}`;
}

export type Integration = 'Slack' | 'Jira';

const JIRA_KINDS: ReadonlySet<OutboxKind> = new Set([OutboxKind.JIRA_ISSUE, OutboxKind.JIRA_COMMENT, OutboxKind.JIRA_TRANSITION]);

export function integrationOf(kind: OutboxKind): Integration {
  return JIRA_KINDS.has(kind) ? 'Jira' : 'Slack';
}

/** Whether this process can deliver messages of `kind`; when not, they are kept as HELD. */
export function isConfigured(config: HydratorConfig, kind: OutboxKind): boolean {
  return integrationOf(kind) === 'Jira' ? config.jira !== undefined : config.slack !== undefined;
}

/** Startup warnings naming each integration that is not configured and the variable that would configure it. */
export function unconfiguredWarnings(config: HydratorConfig): string[] {
  return [
    ...(config.slack ? [] : ['Slack is not configured (SLACK_TOKEN): messages stay in the outbox']),
    ...(config.jira ? [] : ['Jira is not configured (JIRA_HOST, JIRA_EMAIL, JIRA_API_TOKEN): tickets stay in the outbox']),
  ];
}
