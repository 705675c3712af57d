import { FaultInjectingServer } from '../http/fault-injector';
import { SandboxReply, SandboxRequest } from '../http/sandbox-http-server';
import { adfText, fieldErrors, field, isAdfDocument, issueType, JiraIssueType } from './jira-fields';
import { availableTransitions, checkWorkflow, DEFAULT_JIRA_WORKFLOW, JiraWorkflow, statusJson, transitionJson } from './jira-workflow';
import { JqlClause, JqlError, parseJql } from './jql';

/** The credentials the sandbox accepts when none are configured. */
export const JIRA_SANDBOX_EMAIL = 'hydrator@example.com';
export const JIRA_SANDBOX_API_TOKEN = 'jira-sandbox-token';

/** An issue as created through the sandbox; `fields` are as Hydrator sent them (description as ADF). */
export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  created: Date;
  /** Changed by comments and transitions. */
  updated: Date;
  /** The current status of the workflow, shown as `fields.status`; starts as the workflow's first. */
  status: string;
  /** Every transition made, oldest first. */
  transitions: JiraTransitionRecord[];
}

/** One transition made through `POST …/transitions`. */
export interface JiraTransitionRecord {
  id: string;
  name: string;
  from: string;
  to: string;
  at: Date;
}

/** A comment added through `POST /rest/api/3/issue/{issueIdOrKey}/comment`. */
export interface JiraComment {
  id: string;
  issueId: string;
  issueKey: string;
  /** The Atlassian Document as sent. */
  body: unknown;
  /** The body's plain text (`adfText`), for tests and for `comment ~ "…"` searches. */
  text: string;
  created: Date;
}

export interface JiraSandboxOptions {
  /** Basic-auth user; default `JIRA_SANDBOX_EMAIL`. */
  email?: string;
  /** Basic-auth API token; default `JIRA_SANDBOX_API_TOKEN`. */
  apiToken?: string;
  /** Project keys that exist; default: any well-formed key, so any `JIRA_PROJECT` works in the sandbox. */
  projects?: string[];
  /** Issue type names that exist; default Task, Bug, Story, Epic. */
  issueTypes?: string[];
  /** Statuses and transitions; default `DEFAULT_JIRA_WORKFLOW` (To Do → Start progress → In Progress → Done → Done). */
  workflow?: JiraWorkflow;
}

/** Page size of the enhanced search when `maxResults` is not given, and the most it returns at once. */
const DEFAULT_SEARCH_PAGE = 50;
const MAX_SEARCH_PAGE = 5000;
/** Page size of `GET …/comment` when `maxResults` is not given, which is also its maximum. */
const MAX_COMMENT_PAGE = 5000;

/**
 * A stand-in for the Jira Cloud REST v3 endpoints Hydrator uses (create issue, get issue, comments, workflow
 * transitions, the enhanced JQL search `/rest/api/3/search/jql`, myself), which jira.js's `Version3Client`
 * talks to unmodified: give it `host: sandbox.url`.
 */
export class JiraSandbox extends FaultInjectingServer {
  /** Every issue created, oldest first. */
  readonly issues: JiraIssue[] = [];
  /** Every comment added, oldest first, on any issue. */
  readonly comments: JiraComment[] = [];
  readonly workflow: JiraWorkflow;
  private readonly authorization: string;
  private readonly email: string;
  private readonly projects?: ReadonlySet<string>;
  private readonly issueTypes: JiraIssueType[];

  constructor(options: JiraSandboxOptions = {}) {
    super('Jira', (status) => jiraError(status === 429 ? 'Rate limit exceeded.' : 'Service unavailable.'));
    this.email = options.email ?? JIRA_SANDBOX_EMAIL;
    const credentials = `${this.email}:${options.apiToken ?? JIRA_SANDBOX_API_TOKEN}`;
    this.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    this.projects = options.projects && new Set(options.projects);
    const typeNames = options.issueTypes ?? ['Task', 'Bug', 'Story', 'Epic'];
    this.issueTypes = typeNames.map((name, i) => ({ id: String(10001 + i), name }));
    this.workflow = checkWorkflow(options.workflow ?? DEFAULT_JIRA_WORKFLOW);
    this.route('POST', '/rest/api/3/issue', (req) => this.authorized(req, () => this.createIssue(req)));
    this.route('POST', '/rest/api/3/issue/:issueIdOrKey/comment', (req) => this.authorized(req, () => this.withIssue(req, (issue) => this.addComment(issue, req))));
    this.route('GET', '/rest/api/3/issue/:issueIdOrKey/comment', (req) => this.authorized(req, () => this.withIssue(req, (issue) => this.getComments(issue, req))));
    this.route('GET', '/rest/api/3/issue/:issueIdOrKey/transitions', (req) => this.authorized(req, () => this.withIssue(req, (issue) => this.getTransitions(issue, req))));
    this.route('POST', '/rest/api/3/issue/:issueIdOrKey/transitions', (req) => this.authorized(req, () => this.withIssue(req, (issue) => this.doTransition(issue, req))));
    this.route('GET', '/rest/api/3/issue/:issueIdOrKey', (req) => this.authorized(req, () => this.getIssue(req)));
    this.route('GET', '/rest/api/3/search/jql', (req) => this.authorized(req, () => this.search(searchQuery(req))));
    this.route('POST', '/rest/api/3/search/jql', (req) => this.authorized(req, () => this.search(searchBody(req))));
    this.route('GET', '/rest/api/3/myself', (req) => this.authorized(req, () => ({ body: this.myself() })));
  }

  private authorized(req: SandboxRequest, handle: () => SandboxReply): SandboxReply {
    if (req.headers.authorization !== this.authorization) {
      return { status: 401, body: jiraError('Client must be authenticated to access this resource.') };
    }
    return handle();
  }

  private createIssue(req: SandboxRequest): SandboxReply {
    const sent = (req.body as { fields?: unknown } | undefined)?.fields;
    const fields = typeof sent === 'object' && sent !== null ? (sent as Record<string, unknown>) : {};
    const errors = fieldErrors(fields, { projects: this.projects, issueTypes: this.issueTypes });
    if (Object.keys(errors).length > 0) return { status: 400, body: { errorMessages: [], errors } };
    const project = field(fields.project, 'key')!;
    const number = this.issues.filter((i) => i.key.startsWith(`${project}-`)).length + 1;
    const id = String(10000 + this.issues.length);
    const created = new Date();
    const issue: JiraIssue = { id, key: `${project}-${number}`, fields, created, updated: created, status: this.workflow.statuses[0], transitions: [] };
    this.issues.push(issue);
    return { status: 201, body: { id: issue.id, key: issue.key, self: this.self(issue) } };
  }

  /** The issue with this id or key (either case), for tests; undefined when there is none. */
  issue(issueIdOrKey: string): JiraIssue | undefined {
    return this.issues.find((i) => i.id === issueIdOrKey || i.key === issueIdOrKey.toUpperCase());
  }

  /** The comments of one issue, oldest first. */
  commentsOf(issueIdOrKey: string): JiraComment[] {
    const issue = this.issue(issueIdOrKey);
    return issue ? this.comments.filter((c) => c.issueId === issue.id) : [];
  }

  private withIssue(req: SandboxRequest, handle: (issue: JiraIssue) => SandboxReply): SandboxReply {
    const issue = this.issue(req.params.issueIdOrKey);
    return issue ? handle(issue) : { status: 404, body: jiraError('Issue does not exist or you do not have permission to see it.') };
  }

  private getIssue(req: SandboxRequest): SandboxReply {
    return this.withIssue(req, (issue) => this.showIssue(issue, req));
  }

  private showIssue(issue: JiraIssue, req: SandboxRequest): SandboxReply {
    const fields = this.readableFields(issue);
    // `fields=summary,description` narrows the answer, as jira.js's getIssue({fields}) asks.
    const only = req.query
      .get('fields')
      ?.split(',')
      .filter((f) => f && !f.startsWith('*'));
    const shown = only?.length ? pick(fields, only) : fields;
    const { id, key } = issue;
    return { body: { expand: 'renderedFields,names,schema', id, key, self: this.self(issue), fields: shown } };
  }

  /** `POST …/comment`: the body must be an Atlassian Document with some text; answers 201 with the comment. */
  private addComment(issue: JiraIssue, req: SandboxRequest): SandboxReply {
    const body = (req.body as { body?: unknown } | undefined)?.body;
    if (!isAdfDocument(body)) {
      return { status: 400, body: { errorMessages: [], errors: { comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' } } };
    }
    const text = adfText(body);
    if (!text.trim()) return { status: 400, body: { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } } };
    const comment: JiraComment = { id: String(10000 + this.comments.length), issueId: issue.id, issueKey: issue.key, body, text, created: new Date() };
    this.comments.push(comment);
    issue.updated = comment.created;
    return { status: 201, body: this.commentJson(issue, comment) };
  }

  /** `GET …/comment`: a page (`startAt`, `maxResults`, `total`), oldest first unless `orderBy=-created`. */
  private getComments(issue: JiraIssue, req: SandboxRequest): SandboxReply {
    const startAt = nonNegative(req.query.get('startAt')) ?? 0;
    const maxResults = Math.min(nonNegative(req.query.get('maxResults')) ?? MAX_COMMENT_PAGE, MAX_COMMENT_PAGE);
    const all = this.commentsOf(issue.id);
    if (req.query.get('orderBy') === '-created') all.reverse();
    const comments = all.slice(startAt, startAt + maxResults).map((c) => this.commentJson(issue, c));
    return { body: { startAt, maxResults, total: all.length, comments } };
  }

  /** `GET …/transitions`: those available from the issue's current status (one, with `transitionId`). */
  private getTransitions(issue: JiraIssue, req: SandboxRequest): SandboxReply {
    const only = req.query.get('transitionId');
    const available = availableTransitions(this.workflow, issue.status).filter((t) => !only || t.id === only);
    return { body: { expand: 'transitions', transitions: available.map((t) => transitionJson(this.workflow, t, this.url)) } };
  }

  /**
   * `POST …/transitions` with `{ transition: { id } }`: moves the issue (204), or answers 400 as Jira does when the
   * transition is missing or not available from the current status. A comment in `update.comment[].add.body` is added.
   */
  private doTransition(issue: JiraIssue, req: SandboxRequest): SandboxReply {
    const sent = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as { transition?: unknown; update?: { comment?: unknown } };
    const id = field(sent.transition, 'id');
    if (id === undefined) return { status: 400, body: jiraError("Missing 'transition' identifier") };
    if (!/^\d+$/.test(id)) return { status: 400, body: jiraError("'transition' identifier must be an integer") };
    const transition = availableTransitions(this.workflow, issue.status).find((t) => t.id === id);
    if (!transition) return { status: 400, body: jiraError(`Transition id '${id}' is not valid for this issue.`) };
    const at = new Date();
    issue.transitions.push({ id, name: transition.name, from: issue.status, to: transition.to, at });
    issue.status = transition.to;
    issue.updated = at;
    const comments: unknown[] = Array.isArray(sent.update?.comment) ? (sent.update.comment as unknown[]) : [];
    for (const edit of comments) {
      const body = (edit as { add?: { body?: unknown } } | null)?.add?.body;
      if (isAdfDocument(body)) this.comments.push({ id: String(10000 + this.comments.length), issueId: issue.id, issueKey: issue.key, body, text: adfText(body), created: at });
    }
    return { status: 204 };
  }

  private commentJson(issue: JiraIssue, comment: JiraComment): Record<string, unknown> {
    const created = jiraTimestamp(comment.created);
    return {
      self: `${this.self(issue)}/comment/${comment.id}`,
      id: comment.id,
      author: this.myself(),
      body: comment.body,
      updateAuthor: this.myself(),
      created,
      updated: created,
      jsdPublic: true,
    };
  }

  /**
   * The enhanced search: issues matching the JQL, newest first, paged by `nextPageToken`. Like Jira Cloud,
   * an issue carries only its `id` unless `fields` are asked for (`*all` for every field).
   */
  private search(query: SearchQuery): SandboxReply {
    let matches: (issue: JiraIssue) => boolean;
    try {
      const clauses = parseJql(query.jql);
      matches = (issue) => clauses.every((clause) => this.matches(issue, clause));
    } catch (error) {
      if (!(error instanceof JqlError)) throw error;
      return { status: 400, body: jiraError(error.message) };
    }
    const found = this.issues.filter(matches).reverse();
    const start = query.nextPageToken ? Number(Buffer.from(query.nextPageToken, 'base64').toString()) || 0 : 0;
    const end = start + Math.min(query.maxResults ?? DEFAULT_SEARCH_PAGE, MAX_SEARCH_PAGE);
    const issues = found.slice(start, end).map((issue) => {
      if (query.fields.length === 0) return { id: issue.id };
      const fields = this.readableFields(issue);
      const shown = query.fields.includes('*all') || query.fields.includes('*navigable') ? fields : pick(fields, query.fields);
      return { expand: '', id: issue.id, self: this.self(issue), key: issue.key, fields: shown };
    });
    const isLast = end >= found.length;
    return { body: { issues, isLast, ...(isLast ? {} : { nextPageToken: Buffer.from(String(end)).toString('base64') }) } };
  }

  /** `=`/`in` compare whole values; `~` looks for the text anywhere in the field (Jira matches words, loosely). */
  private matches(issue: JiraIssue, clause: JqlClause): boolean {
    const values = this.issueValues(issue, clause.field);
    return clause.values.some((wanted) => (clause.operator === '~' ? values.some((value) => value.includes(wanted)) : values.includes(wanted)));
  }

  /** The values a JQL clause on `name` compares with, upper-cased: the sandbox compares without regard to case. */
  private issueValues(issue: JiraIssue, name: string): string[] {
    const labels = Array.isArray(issue.fields.labels) ? issue.fields.labels.map(String) : [];
    const summary = typeof issue.fields.summary === 'string' ? issue.fields.summary : '';
    const description = adfText(issue.fields.description);
    const comments = this.commentsOf(issue.id).map((c) => c.text);
    const values: Record<string, string[]> = {
      project: [field(issue.fields.project, 'key') ?? ''],
      key: [issue.key],
      issuekey: [issue.key],
      id: [issue.id],
      issuetype: [issueType(issue.fields.issuetype, this.issueTypes)?.name ?? ''],
      labels,
      status: [issue.status],
      summary: [summary],
      description: [description],
      comment: comments,
      text: [summary, description, ...comments],
    };
    return (values[name] ?? []).map((value) => value.toUpperCase());
  }

  /** Fields as Jira returns them: what was sent, with references expanded and server-side fields added. */
  private readableFields(issue: JiraIssue): Record<string, unknown> {
    const key = field(issue.fields.project, 'key');
    const type = issueType(issue.fields.issuetype, this.issueTypes);
    const projectId = String(10000 + projectIndex(key, this.issues));
    const comments = this.commentsOf(issue.id).map((c) => this.commentJson(issue, c));
    return {
      ...issue.fields,
      project: { id: projectId, key, name: key, self: `${this.url}/rest/api/3/project/${key}` },
      issuetype: { ...type, self: `${this.url}/rest/api/3/issuetype/${type?.id}`, subtask: false },
      status: statusJson(this.workflow, issue.status, this.url),
      comment: { comments, self: `${this.self(issue)}/comment`, maxResults: comments.length, total: comments.length, startAt: 0 },
      reporter: this.myself(),
      created: jiraTimestamp(issue.created),
      updated: jiraTimestamp(issue.updated),
    };
  }

  private myself(): Record<string, unknown> {
    return {
      self: `${this.url}/rest/api/3/user?accountId=sandbox-hydrator`,
      accountId: 'sandbox-hydrator',
      accountType: 'atlassian',
      emailAddress: this.email,
      displayName: 'Hydrator',
      active: true,
      timeZone: 'UTC',
    };
  }

  private self(issue: JiraIssue): string {
    return `${this.url}/rest/api/3/issue/${issue.id}`;
  }
}

interface SearchQuery {
  jql: string;
  fields: string[];
  maxResults?: number;
  nextPageToken?: string;
}

/** GET arguments: jira.js sends `fields` comma-separated. */
function searchQuery(req: SandboxRequest): SearchQuery {
  const maxResults = req.query.get('maxResults');
  return {
    jql: req.query.get('jql') ?? '',
    fields: (req.query.get('fields') ?? '').split(',').filter(Boolean),
    maxResults: maxResults ? Number(maxResults) : undefined,
    nextPageToken: req.query.get('nextPageToken') ?? undefined,
  };
}

function searchBody(req: SandboxRequest): SearchQuery {
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  return {
    jql: typeof body.jql === 'string' ? body.jql : '',
    fields: Array.isArray(body.fields) ? body.fields.map(String) : [],
    maxResults: typeof body.maxResults === 'number' ? body.maxResults : undefined,
    nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
  };
}

function jiraError(message: string): { errorMessages: string[]; errors: Record<string, string> } {
  return { errorMessages: [message], errors: {} };
}

/** Jira writes timestamps with milliseconds and a `+0000` offset rather than `Z`. */
function jiraTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** A stable id per project key: the order in which projects first received an issue. */
function projectIndex(key: string | undefined, issues: JiraIssue[]): number {
  const keys = [...new Set(issues.map((i) => field(i.fields.project, 'key')))];
  return keys.indexOf(key);
}

/** A non-negative integer query parameter, or undefined when absent or malformed. */
function nonNegative(value: string | null): number | undefined {
  const n = Number(value ?? '');
  return value !== null && value !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function pick(fields: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in fields).map((name) => [name, fields[name]]));
}
