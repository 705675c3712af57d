import { Inject, Injectable } from '@nestjs/common';
import { Version3Client } from 'jira.js';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { OutboxMessage } from '@hydrator/database';
import { Courier } from './courier';
import { JiraIssuePayload, JiraResult, recoveryLabel } from './outbox-payloads';

/** One Jira call may not hold a delivery longer than this (the delivery lease is two minutes). */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Opens Jira issues with jira.js (REST v3). Each issue carries the label `hydrator-<message id prefix>`,
 * so after an interrupted attempt a JQL search tells whether it was created.
 */
@Injectable()
export class JiraCourier implements Courier {
  readonly integration = 'Jira';
  /** Jira's search index trails issue creation by a few seconds. */
  readonly settleMs = 30_000;
  private readonly client?: Version3Client;
  private readonly host?: string;

  constructor(@Inject(HYDRATOR_CONFIG) config: HydratorConfig) {
    if (config.jira) {
      const { host, email, apiToken } = config.jira;
      this.host = host;
      this.client = new Version3Client({ host, authentication: { basic: { email, apiToken } }, baseRequestConfig: { timeout: REQUEST_TIMEOUT_MS } });
    }
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  async send(message: OutboxMessage): Promise<JiraResult> {
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

  private result(id: string, key: string): JiraResult {
    return { key, id, url: `${this.host}/browse/${key}` };
  }

  private jira(): Version3Client {
    if (!this.client) throw new Error('Jira is not configured (JIRA_HOST)');
    return this.client;
  }
}
