import { FaultInjectingServer } from '../http/fault-injector';
import { SandboxReply, SandboxRequest } from '../http/sandbox-http-server';
import { fieldErrors, field, issueType, JiraIssueType } from './jira-fields';
import { JqlError, parseJql } from './jql';

/** The credentials the sandbox accepts when none are configured. */
export const JIRA_SANDBOX_EMAIL = 'hydrator@example.com';
export const JIRA_SANDBOX_API_TOKEN = 'jira-sandbox-token';

/** An issue as created through the sandbox; `fields` are as Hydrator sent them (description as ADF). */
export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
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
}

/** Page size of the enhanced search when `maxResults` is not given, and the most it returns at once. */
const DEFAULT_SEARCH_PAGE = 50;
const MAX_SEARCH_PAGE = 5000;

/**
 * A stand-in for the Jira Cloud REST v3 endpoints Hydrator uses (create issue, get issue, the enhanced JQL
 * search `/rest/api/3/search/jql`, myself), which jira.js's `Version3Client` talks to unmodified: give it
 * `host: sandbox.url`.
 */
export class JiraSandbox extends FaultInjectingServer {
  /** Every issue created, oldest first. */
  readonly issues: JiraIssue[] = [];
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
    this.route('POST', '/rest/api/3/issue', (req) => this.authorized(req, () => this.createIssue(req)));
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
    const issue: JiraIssue = { id, key: `${project}-${number}`, fields, created: new Date() };
    this.issues.push(issue);
    return { status: 201, body: { id: issue.id, key: issue.key, self: this.self(issue) } };
  }

  private getIssue(req: SandboxRequest): SandboxReply {
    const wanted = req.params.issueIdOrKey;
    const issue = this.issues.find((i) => i.id === wanted || i.key === wanted.toUpperCase());
    if (!issue) {
      return { status: 404, body: jiraError('Issue does not exist or you do not have permission to see it.') };
    }
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

  /**
   * The enhanced search: issues matching the JQL, newest first, paged by `nextPageToken`. Like Jira Cloud,
   * an issue carries only its `id` unless `fields` are asked for (`*all` for every field).
   */
  private search(query: SearchQuery): SandboxReply {
    let matches: (issue: JiraIssue) => boolean;
    try {
      const clauses = parseJql(query.jql);
      matches = (issue) => clauses.every((clause) => clause.values.some((value) => this.issueValues(issue, clause.field).includes(value)));
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

  /** The values a JQL clause on `name` compares with, upper-cased: the sandbox compares without regard to case. */
  private issueValues(issue: JiraIssue, name: string): string[] {
    const labels = Array.isArray(issue.fields.labels) ? issue.fields.labels.map(String) : [];
    const values: Record<string, string[]> = {
      project: [field(issue.fields.project, 'key') ?? ''],
      key: [issue.key],
      issuekey: [issue.key],
      id: [issue.id],
      issuetype: [issueType(issue.fields.issuetype, this.issueTypes)?.name ?? ''],
      labels,
    };
    return (values[name] ?? []).map((value) => value.toUpperCase());
  }

  /** Fields as Jira returns them: what was sent, with references expanded and server-side fields added. */
  private readableFields(issue: JiraIssue): Record<string, unknown> {
    const key = field(issue.fields.project, 'key');
    const type = issueType(issue.fields.issuetype, this.issueTypes);
    const created = jiraTimestamp(issue.created);
    const projectId = String(10000 + projectIndex(key, this.issues));
    return {
      ...issue.fields,
      project: { id: projectId, key, name: key, self: `${this.url}/rest/api/3/project/${key}` },
      issuetype: { ...type, self: `${this.url}/rest/api/3/issuetype/${type?.id}`, subtask: false },
      status: { name: 'To Do', statusCategory: { key: 'new', name: 'To Do' } },
      reporter: this.myself(),
      created,
      updated: created,
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

function pick(fields: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in fields).map((name) => [name, fields[name]]));
}
