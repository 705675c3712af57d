import { Inject, Injectable } from '@nestjs/common';
import { Version3Client, Version3Models } from 'jira.js';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { OutboxKind, OutboxMessage } from '@hydrator/database';
import { HydratorMetrics, instrumentCalls } from '@hydrator/metrics';
import { Courier } from './courier';
import { PermanentDeliveryError } from './delivery-failure';
import { JiraCommentPayload, JiraIssuePayload, JiraResult, JiraTransitionPayload, recoveryLabel } from './outbox-payloads';

/** One Jira call may not hold a delivery longer than this (the delivery lease is two minutes). */
const REQUEST_TIMEOUT_MS = 10_000;

/** Comments read per page when looking for one after an interrupted attempt, and pages read at most. */
const COMMENT_PAGE = 100;
const MAX_COMMENT_PAGES = 10;

/**
 * Opens Jira issues, comments on them and transitions them with jira.js (REST v3). Each issue carries the
 * label `hydrator-<message id prefix>`, and each comment ends with it, so after an interrupted attempt a
 * JQL search (the issue's comments) tells whether it was created; a transition is done once the issue is
 * in the transition's status.
 */
@Injectable()
export class JiraCourier implements Courier {
  readonly integration = 'Jira';
  /** Jira's search index trails issue creation by a few seconds. */
  readonly settleMs = 30_000;
  private readonly client?: Version3Client;
  private readonly host?: string;

  constructor(@Inject(HYDRATOR_CONFIG) config: HydratorConfig, metrics: HydratorMetrics) {
    if (config.jira) {
      const { host, email, apiToken } = config.jira;
      this.host = host;
      const client = new Version3Client({ host, authentication: { basic: { email, apiToken } }, baseRequestConfig: { timeout: REQUEST_TIMEOUT_MS } });
      // Every REST call goes through `sendRequest`: timed and counted by method and path, ids left out.
      this.client = instrumentCalls(client, metrics, 'jira', ['sendRequest'], (_method, [request]) => jiraOperation(request as { method?: string; url?: string }));
    }
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  async send(message: OutboxMessage): Promise<JiraResult> {
    if (message.kind === OutboxKind.JIRA_COMMENT) return this.comment(message);
    if (message.kind === OutboxKind.JIRA_TRANSITION) return this.transition(message);
    const payload = message.payload as unknown as JiraIssuePayload;
    const created = await this.jira().issues.createIssue({
      fields: {
        project: { key: message.destination },
        issuetype: { name: payload.issueType },
        summary: payload.summary,
        description: payload.description,
        labels: [...payload.labels, recoveryLabel(message.id)],
      },
    });
    return this.result(created.id, created.key);
  }

  async findDelivered(message: OutboxMessage): Promise<JiraResult | undefined> {
    if (message.kind === OutboxKind.JIRA_COMMENT) return this.findComment(message);
    if (message.kind === OutboxKind.JIRA_TRANSITION) {
      const { key, transition } = this.transitionOf(message);
      const state = await this.transitionState(key, transition);
      return state.done ? this.result(state.transitionId ?? '', key) : undefined;
    }
    // The enhanced search (/rest/api/3/search/jql): the older /rest/api/3/search is gone from Jira Cloud.
    const found = await this.jira().issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: `labels = "${recoveryLabel(message.id)}"`,
      fields: ['summary'],
      maxResults: 1,
    });
    const issue = found.issues?.[0];
    return issue?.id && issue.key ? this.result(issue.id, issue.key) : undefined;
  }

  async complete(_message: OutboxMessage, delivered: JiraResult): Promise<JiraResult> {
    return delivered;
  }

  private async comment(message: OutboxMessage): Promise<JiraResult> {
    const { issueKey, body } = message.payload as unknown as JiraCommentPayload;
    const key = requireKey(message, issueKey);
    const created = await this.jira().issueComments.addComment({ issueIdOrKey: key, comment: commentDocument(`${body}\n— ${recoveryLabel(message.id)}`) });
    return this.commentResult(key, created.id ?? '');
  }

  /** The comment an interrupted attempt made: the issue's newest comments, by the label its last line carries. */
  private async findComment(message: OutboxMessage): Promise<JiraResult | undefined> {
    const key = requireKey(message, (message.payload as unknown as JiraCommentPayload).issueKey);
    const label = recoveryLabel(message.id);
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      const found = await this.jira().issueComments.getComments({ issueIdOrKey: key, startAt: page * COMMENT_PAGE, maxResults: COMMENT_PAGE, orderBy: '-created' });
      const comment = found.comments?.find((c) => JSON.stringify(c.body ?? '').includes(label));
      if (comment?.id) return this.commentResult(key, comment.id);
      if (!found.comments?.length || (found.total ?? 0) <= (page + 1) * COMMENT_PAGE) return undefined;
    }
    return undefined;
  }

  /**
   * Moves the issue through the transition named as configured (`JIRA_DONE_TRANSITION`), looked up among
   * those the issue offers now; done already when the issue is in that transition's status. An issue that
   * offers no such transition fails the message for good, saying which ones it offers.
   */
  private async transition(message: OutboxMessage): Promise<JiraResult> {
    const { key, transition } = this.transitionOf(message);
    const state = await this.transitionState(key, transition);
    if (state.done) return this.result(state.transitionId ?? '', key);
    if (!state.transitionId) {
      const offered = state.offered.length ? state.offered.map((name) => `"${name}"`).join(', ') : 'none';
      throw new PermanentDeliveryError(`Jira issue ${key} (status "${state.status}") offers no transition named "${transition}" (JIRA_DONE_TRANSITION); it offers ${offered}`);
    }
    await this.jira().issues.doTransition({ issueIdOrKey: key, transition: { id: state.transitionId } });
    return this.result(state.transitionId, key);
  }

  /** The issue's status, the transition named `name` (or leading to a status so named) and whether the issue is there already. */
  private async transitionState(key: string, name: string): Promise<{ status: string; transitionId?: string; offered: string[]; done: boolean }> {
    const [issue, { transitions = [] }] = await Promise.all([this.jira().issues.getIssue({ issueIdOrKey: key, fields: ['status'] }), this.jira().issues.getTransitions({ issueIdOrKey: key })]);
    const status = issue.fields.status?.name ?? '';
    const same = (value: string | undefined) => value?.trim().toLowerCase() === name.trim().toLowerCase();
    const found = transitions.find((t) => same(t.name)) ?? transitions.find((t) => same(t.to?.name));
    const target = found?.to?.name ?? name;
    return { status, transitionId: found?.id, offered: transitions.map((t) => t.name ?? t.id ?? '?'), done: status.trim().toLowerCase() === target.trim().toLowerCase() };
  }

  private transitionOf(message: OutboxMessage): { key: string; transition: string } {
    const { issueKey, transition } = message.payload as unknown as JiraTransitionPayload;
    return { key: requireKey(message, issueKey), transition };
  }

  private result(id: string, key: string): JiraResult {
    return { key, id, url: `${this.host}/browse/${key}` };
  }

  private commentResult(key: string, commentId: string): JiraResult {
    return { key, id: commentId, url: `${this.host}/browse/${key}?focusedCommentId=${encodeURIComponent(commentId)}` };
  }

  private jira(): Version3Client {
    if (!this.client) throw new Error('Jira is not configured (JIRA_HOST)');
    return this.client;
  }
}

/** The issue a comment or transition goes to: its parent's key, copied in when it was claimed. */
function requireKey(message: OutboxMessage, key: string | undefined): string {
  if (!key) throw new Error(`${message.kind} ${message.id} has no Jira issue to go to`);
  return key;
}

/** Plain text as an Atlassian Document, one paragraph per line: Jira shows it as written, with no markup or links added. */
function commentDocument(text: string): Version3Models.Document {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph', content: [] })),
  };
}

/** `POST issue/{id}/comment`: a REST call named by its method and path, issue keys and ids replaced so the label stays bounded. */
export function jiraOperation(request: { method?: string; url?: string }): string {
  const path = (request.url ?? '').replace(/^\/rest\/api\/\d+\//, '').replace(/\/(?:[A-Za-z][A-Za-z0-9_]*-\d+|\d+)(?=\/|$)/g, '/{id}');
  return `${(request.method ?? 'GET').toUpperCase()} ${path}`;
}
