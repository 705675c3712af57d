import { HttpException, Version3Client } from 'jira.js';
import { basicAuth } from '../jenkins';
import { adfText } from './jira-fields';
import { JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JiraSandbox } from './jira-sandbox';

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
