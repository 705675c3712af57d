import { HttpException, Version3Client } from 'jira.js';
import { basicAuth } from '../jenkins';
import { adfText } from './jira-fields';
import { JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JiraSandbox } from './jira-sandbox';
import { DEFAULT_JIRA_WORKFLOW } from './jira-workflow';

describe('JiraSandbox with the real jira.js Version3Client', () => {
  const sandbox = new JiraSandbox({ projects: ['HYD', 'OPS'] });

  beforeAll(() => sandbox.start());
  afterAll(() => sandbox.stop());

  function client(apiToken = JIRA_SANDBOX_API_TOKEN): Version3Client {
    const authentication = { basic: { email: JIRA_SANDBOX_EMAIL, apiToken } };
    return new Version3Client({ host: sandbox.url, authentication });
  }

  const rolloutFields = {
    project: { key: 'HYD' },
    issuetype: { name: 'Task' },
    summary: 'Weekly rollout 2024-W10',
    // jira.js turns a plain string into an Atlassian Document before sending it.
    description: 'billing: abc123 -> def456',
    labels: ['hydrator', 'weekly-rollout'],
  };

  it('creates an issue with a per-project key and reads it back', async () => {
    const jira = client();
    const first = await jira.issues.createIssue({ fields: rolloutFields });
    const second = await jira.issues.createIssue({ fields: { ...rolloutFields, summary: 'Emergency billing' } });
    const other = await jira.issues.createIssue({ fields: { ...rolloutFields, project: { key: 'OPS' } } });

    const self = `${sandbox.url}/rest/api/3/issue/${first.id}`;
    expect(first).toEqual({ id: expect.any(String), key: 'HYD-1', self });
    expect([second.key, other.key]).toEqual(['HYD-2', 'OPS-1']);

    const read = await jira.issues.getIssue({ issueIdOrKey: first.key });
    expect(read.key).toBe('HYD-1');
    expect(read.fields.summary).toBe('Weekly rollout 2024-W10');
    expect(read.fields.project.key).toBe('HYD');
    expect(read.fields.issuetype?.name).toBe('Task');
    expect(read.fields.labels).toEqual(['hydrator', 'weekly-rollout']);
    expect(read.fields.description).toMatchObject({ type: 'doc', version: 1 });
    expect(adfText(read.fields.description)).toBe('billing: abc123 -> def456');
    const stored = sandbox.issues.find((i) => i.key === 'OPS-1');
    expect(adfText(stored?.fields.description)).toBe('billing: abc123 -> def456');
  });

  it('narrows the fields returned when asked', async () => {
    const jira = client();
    const { key } = await jira.issues.createIssue({ fields: rolloutFields });
    const read = await jira.issues.getIssue({ issueIdOrKey: key, fields: ['summary'] });
    expect(Object.keys(read.fields)).toEqual(['summary']);
  });

  it('finds issues by JQL through the enhanced search, with only ids unless fields are asked for', async () => {
    const jira = client();
    const tagged = await jira.issues.createIssue({ fields: { ...rolloutFields, labels: ['hydrator-search-1'] } });
    await jira.issues.createIssue({ fields: { ...rolloutFields, labels: ['hydrator-search-2'] } });

    const bare = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'labels = "hydrator-search-1"' });
    expect(bare).toEqual({ issues: [{ id: tagged.id }], isLast: true });

    const full = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: 'project = HYD AND labels in ("hydrator-search-1", hydrator-search-2) ORDER BY created DESC',
      fields: ['summary', 'labels'],
      maxResults: 1,
    });
    expect(full.issues).toEqual([expect.objectContaining({ key: expect.stringMatching(/^HYD-/), fields: { summary: rolloutFields.summary, labels: ['hydrator-search-2'] } })]);
    expect(full.nextPageToken).toEqual(expect.any(String));
    const next = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
      jql: 'labels in (hydrator-search-1, hydrator-search-2)',
      fields: ['labels'],
      maxResults: 1,
      nextPageToken: full.nextPageToken,
    });
    expect(next.issues?.map((i) => i.key)).toEqual([tagged.key]);

    await expect(jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'colour = red' })).rejects.toMatchObject({
      status: 400,
      response: { data: { errorMessages: ["Field 'colour' does not exist or you do not have permission to view it."] } },
    });
    await expect(jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: '' })).rejects.toMatchObject({ status: 400 });
  });

  it('adds ADF comments and pages through them, so a delivered comment is found again by its marker', async () => {
    const jira = client();
    const { key, id } = await jira.issues.createIssue({ fields: rolloutFields });
    // jira.js wraps a plain string into an Atlassian Document; a document is sent as is.
    const first = await jira.issueComments.addComment({ issueIdOrKey: key, comment: 'billing deployed [hydrator:outbox:c-1]' });
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'ledger failed ' },
            { type: 'text', text: '[hydrator:outbox:c-2]', marks: [{ type: 'code' }] },
          ],
        },
      ],
    };
    const second = await jira.issueComments.addComment({ issueIdOrKey: id, comment: doc });

    expect(first).toMatchObject({
      id: expect.any(String),
      self: `${sandbox.url}/rest/api/3/issue/${id}/comment/${first.id}`,
      author: { accountId: 'sandbox-hydrator' },
      created: expect.stringMatching(/\+0000$/),
    });
    expect(adfText(first.body)).toBe('billing deployed [hydrator:outbox:c-1]');
    expect(second.body).toEqual(doc);
    expect(sandbox.commentsOf(key).map((c) => c.text)).toEqual(['billing deployed [hydrator:outbox:c-1]', 'ledger failed [hydrator:outbox:c-2]']);

    const all = await jira.issueComments.getComments({ issueIdOrKey: key });
    expect(all).toMatchObject({ startAt: 0, total: 2, comments: [{ id: first.id }, { id: second.id }] });
    const page = await jira.issueComments.getComments({ issueIdOrKey: key, startAt: 1, maxResults: 1 });
    expect(page).toMatchObject({ startAt: 1, maxResults: 1, total: 2 });
    expect(page.comments?.map((c) => c.id)).toEqual([second.id]);
    const newestFirst = await jira.issueComments.getComments({ issueIdOrKey: key, orderBy: '-created' });
    expect(newestFirst.comments?.map((c) => c.id)).toEqual([second.id, first.id]);
    // After a crash: is the comment with this marker already there?
    expect(all.comments?.find((c) => adfText(c.body).includes('[hydrator:outbox:c-2]'))?.id).toBe(second.id);
    // …or across issues, through JQL's text search.
    const found = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'comment ~ "hydrator:outbox:c-2"', fields: ['summary', 'comment'] });
    expect(found.issues?.map((i) => i.key)).toEqual([key]);
    expect(found.issues?.[0].fields.comment).toMatchObject({ total: 2 });
    expect(await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'comment ~ "hydrator:outbox:c-9"' })).toEqual({ issues: [], isLast: true });
    await expect(jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'comment = "x"' })).rejects.toMatchObject({
      status: 400,
      response: { data: { errorMessages: ["The operator '=' is not supported by the 'comment' field."] } },
    });

    await expect(jira.issueComments.addComment({ issueIdOrKey: key, comment: ' ' })).rejects.toMatchObject({
      status: 400,
      response: { data: { errors: { comment: 'Comment body can not be empty!' } } },
    });
    await expect(jira.issueComments.getComments({ issueIdOrKey: 'HYD-999' })).rejects.toMatchObject({ status: 404 });
    await expect(jira.issueComments.addComment({ issueIdOrKey: 'HYD-999', comment: 'x' })).rejects.toMatchObject({ status: 404 });
  });

  it('rejects a plain-text comment body, which REST v3 does not accept', async () => {
    const { key } = await client().issues.createIssue({ fields: rolloutFields });
    const response = await fetch(`${sandbox.url}/rest/api/3/issue/${key}/comment`, {
      method: 'POST',
      headers: { authorization: basicAuth(JIRA_SANDBOX_EMAIL, JIRA_SANDBOX_API_TOKEN), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'plain text' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: { comment: expect.stringContaining('Atlassian Document') } });
    expect(sandbox.commentsOf(key)).toEqual([]);
  });

  it('lists the transitions available from the current status and moves the issue along the workflow', async () => {
    const jira = client();
    const { key } = await jira.issues.createIssue({ fields: rolloutFields });
    expect((await jira.issues.getIssue({ issueIdOrKey: key })).fields.status).toMatchObject({ name: 'To Do', statusCategory: { key: 'new' } });

    const fromToDo = await jira.issues.getTransitions({ issueIdOrKey: key });
    expect(fromToDo.transitions).toEqual([
      expect.objectContaining({ id: '11', name: 'Start progress', to: expect.objectContaining({ name: 'In Progress', statusCategory: expect.objectContaining({ key: 'indeterminate' }) }) }),
    ]);

    // "Done" is not available from "To Do": Jira's 400, and the issue stays where it was.
    await expect(jira.issues.doTransition({ issueIdOrKey: key, transition: { id: '21' } })).rejects.toMatchObject({
      status: 400,
      response: { data: { errorMessages: ["Transition id '21' is not valid for this issue."], errors: {} } },
    });
    await expect(jira.issues.doTransition({ issueIdOrKey: key, transition: {} })).rejects.toMatchObject({ status: 400, response: { data: { errorMessages: ["Missing 'transition' identifier"] } } });
    expect(sandbox.issue(key)?.status).toBe('To Do');

    await jira.issues.doTransition({ issueIdOrKey: key, transition: { id: fromToDo.transitions![0].id } });
    expect((await jira.issues.getIssue({ issueIdOrKey: key, fields: ['status'] })).fields.status.name).toBe('In Progress');
    const done = (await jira.issues.getTransitions({ issueIdOrKey: key })).transitions!.find((t) => t.to?.name === 'Done')!;
    expect(done).toMatchObject({ id: '21', name: 'Done' });
    await jira.issues.doTransition({
      issueIdOrKey: key,
      transition: { id: done.id },
      update: { comment: [{ add: { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'All deployed' }] }] } } }] },
    });

    const read = await jira.issues.getIssue({ issueIdOrKey: key });
    expect(read.fields.status).toMatchObject({ name: 'Done', statusCategory: { key: 'done' } });
    expect((await jira.issues.getTransitions({ issueIdOrKey: key })).transitions).toEqual([]);
    expect(sandbox.issue(key)?.transitions.map((t) => [t.name, t.from, t.to])).toEqual([
      ['Start progress', 'To Do', 'In Progress'],
      ['Done', 'In Progress', 'Done'],
    ]);
    expect(sandbox.commentsOf(key).map((c) => c.text)).toEqual(['All deployed']);
    const byStatus = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `key = ${key} AND status = Done` });
    expect(byStatus.issues).toHaveLength(1);
    await expect(jira.issues.getTransitions({ issueIdOrKey: 'HYD-999' })).rejects.toMatchObject({ status: 404 });
  });

  it('follows a configured workflow, with its own transition names and global transitions', async () => {
    const custom = new JiraSandbox({
      workflow: {
        statuses: ['Open', 'Deploying', 'Released', 'Cancelled'],
        transitions: [
          { id: '31', name: 'Begin rollout', from: ['Open'], to: 'Deploying' },
          { id: '41', name: 'Release', from: ['Deploying'], to: 'Released' },
          { id: '51', name: 'Cancel', from: [], to: 'Cancelled' },
        ],
        categories: { Released: 'done' },
      },
    });
    await custom.start();
    try {
      const jira = new Version3Client({ host: custom.url, authentication: { basic: { email: JIRA_SANDBOX_EMAIL, apiToken: JIRA_SANDBOX_API_TOKEN } } });
      const { key } = await jira.issues.createIssue({ fields: rolloutFields });
      expect((await jira.issues.getIssue({ issueIdOrKey: key })).fields.status.name).toBe('Open');
      const names = (await jira.issues.getTransitions({ issueIdOrKey: key })).transitions?.map((t) => [t.id, t.name, t.isGlobal]);
      expect(names).toEqual([
        ['31', 'Begin rollout', false],
        ['51', 'Cancel', true],
      ]);
      expect((await jira.issues.getTransitions({ issueIdOrKey: key, transitionId: '51' })).transitions?.map((t) => t.name)).toEqual(['Cancel']);
      await jira.issues.doTransition({ issueIdOrKey: key, transition: { id: '51' } });
      expect((await jira.issues.getIssue({ issueIdOrKey: key })).fields.status.name).toBe('Cancelled');
      // The last status is in the done category (as Released is, by `categories`); a global transition is not offered to the status it leads to.
      expect((await jira.issues.getIssue({ issueIdOrKey: key })).fields.status.statusCategory?.key).toBe('done');
      expect(custom.workflow.categories).toEqual({ Released: 'done' });
      expect((await jira.issues.getTransitions({ issueIdOrKey: key })).transitions).toEqual([]);
    } finally {
      await custom.stop();
    }
    expect(() => new JiraSandbox({ workflow: { ...DEFAULT_JIRA_WORKFLOW, transitions: [{ id: '1', name: 'Close', from: [], to: 'Closed' }] } })).toThrow('unknown status "Closed"');
  });

  it('rejects missing or invalid fields with Jira-shaped 400 errors', async () => {
    const invalid = client().issues.createIssue({
      fields: { project: { key: 'NOPE' }, issuetype: { name: 'Saga' }, summary: ' ', labels: ['two words'] },
    });
    await expect(invalid).rejects.toBeInstanceOf(HttpException);
    await expect(invalid).rejects.toMatchObject({
      status: 400,
      response: {
        data: {
          errors: {
            project: 'Specify a valid project ID or key',
            issuetype: 'The issue type selected is invalid.',
            summary: 'You must specify a summary of the issue.',
            labels: "The label 'two words' contains spaces which is invalid.",
          },
        },
      },
    });
  });

  it('rejects a plain-text description, which REST v3 does not accept', async () => {
    const response = await fetch(`${sandbox.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(JIRA_SANDBOX_EMAIL, JIRA_SANDBOX_API_TOKEN),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ fields: { ...rolloutFields, description: 'plain text' } }),
    });
    expect(response.status).toBe(400);
    const description = expect.stringContaining('Atlassian Document');
    expect(await response.json()).toMatchObject({ errors: { description } });
  });

  it('checks Basic credentials and answers 404 for unknown issues', async () => {
    const countBefore = sandbox.issues.length;
    await expect(client('wrong').issues.createIssue({ fields: rolloutFields })).rejects.toMatchObject({ status: 401 });
    await expect(client().issues.getIssue({ issueIdOrKey: 'HYD-999' })).rejects.toMatchObject({
      status: 404,
      response: { data: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] } },
    });
    const me = await client().myself.getCurrentUser();
    expect(me).toMatchObject({ emailAddress: JIRA_SANDBOX_EMAIL, active: true });
    expect(sandbox.issues).toHaveLength(countBefore);
  });

  it('fails with 503 when told to, then serves again', async () => {
    sandbox.failNext(1, { status: 503 });
    await expect(client().issues.createIssue({ fields: rolloutFields })).rejects.toMatchObject({ status: 503 });
    const created = await client().issues.createIssue({ fields: rolloutFields });
    expect(created.key).toMatch(/^HYD-\d+$/);
  });

  it('refuses connections while down', async () => {
    await sandbox.setDown(true);
    // A kept-alive socket from an earlier call sees the reset; a fresh one is refused.
    const code = expect.stringMatching(/^ECONN(RESET|REFUSED)$/);
    await expect(client().myself.getCurrentUser()).rejects.toMatchObject({ code });
    await expect(client().myself.getCurrentUser()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await sandbox.setDown(false);
    await expect(client().myself.getCurrentUser()).resolves.toMatchObject({ displayName: 'Hydrator' });
  });
});
