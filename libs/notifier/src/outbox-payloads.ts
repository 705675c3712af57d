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

/** `result` of a Slack message: the conversation ID and ts Slack answered, then its permalink. */
export interface SlackResult {
  channel: string;
  ts: string;
  permalink?: string | null;
}

/** `result` of a Jira issue. */
export interface JiraResult {
  key: string;
  id: string;
  url: string;
}

export type DeliveryResult = SlackResult | JiraResult;

/** Message metadata `event_type` that tags every Slack message Hydrator posts with its outbox id. */
export const OUTBOX_EVENT_TYPE = 'hydrator_outbox';

/** The label Hydrator puts on every Jira issue it opens, to find it again after an interrupted delivery. */
export function recoveryLabel(messageId: string): string {
  return `hydrator-${messageId.slice(0, 12)}`;
}

export type Integration = 'Slack' | 'Jira';

export function integrationOf(kind: OutboxKind): Integration {
  return kind === OutboxKind.JIRA_ISSUE ? 'Jira' : 'Slack';
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
