import { GitHubSandbox, JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JiraSandbox, SLACK_SANDBOX_TOKEN, SlackSandbox } from '@hydrator/sandbox';
import { SYSTEM_ACTOR } from '@hydrator/audit';
import { ScheduleService } from '@hydrator/scheduling';
import { applicationInput, jenkinsNotification, OPERATOR_TOKEN, TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';

/** Monday 30 November 2026, 09:00 UTC: the cutoff is Friday 27 November 00:00 UTC. */
const MONDAY = new Date('2026-11-30T09:00:00Z');
const CUTOFF = Date.parse('2026-11-27T00:00:00Z');
/** Revs are git shas: a report with anything else is kept unmatched. */
const [OLD1, NEW1, NEW2, NEW3] = ['01d0001', 'e1e0001', 'e1e0002', 'e1e0003'];

describe('weekly scheduling', () => {
  let hydrator: TestHydrator;
  const slack = new SlackSandbox();
  const jira = new JiraSandbox();
  const github = new GitHubSandbox();
  let build = 0;

  beforeAll(async () => {
    await Promise.all([slack.start(), jira.start(), github.start()]);
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, NotifierModule],
      env: {
        HYDRATOR_TIMEZONE: 'UTC',
        SLACK_TOKEN: SLACK_SANDBOX_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        SLACK_SRE_CHANNEL: '#sre',
        JIRA_HOST: jira.url,
        JIRA_EMAIL: JIRA_SANDBOX_EMAIL,
        JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN,
        JIRA_PROJECT: 'HYD',
        GITHUB_API_URL: github.url,
        PUBLIC_URL: 'https://hydrator.example',
      },
    });
  });
  afterAll(async () => {
    await hydrator?.close();
    await Promise.all([slack.stop(), jira.stop(), github.stop()]);
  });
  beforeEach(async () => {
    await hydrator.resetDatabase();
    slack.messages.length = 0;
    jira.issues.length = 0;
  });

  const scheduler = () => hydrator.app.get(ScheduleService);
  const register = (name: string) => hydrator.graphqlOk(`mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`, { input: applicationInput(name) });
  const count = async (sql: string) => Number((await hydrator.orm.em.fork().getConnection().execute(sql))[0].n);

  /**
   * Reports a successful Jenkins run through the webhook, stamped as the Notification Plugin stamps
   * COMPLETED (`timestamp` is the finish), and waits until the registry recorded it.
   */
  async function report(app: string, cluster: string, rev: string, finishedAt: number, duration = 60_000) {
    const environment = cluster.startsWith('stage') ? 'staging' : 'production';
    const expected = (await count(`select count(*)::int as n from deployment_report`)) + 1;
    const response = await hydrator.post(
      `/webhooks/jenkins?token=${WEBHOOK_SECRET}`,
      jenkinsNotification({ job: `deploy/${app}`, number: ++build, rev, cluster, environment, namespace: app, timestamp: finishedAt, duration }),
    );
    expect(response.status).toBe(202);
    await hydrator.waitFor(async () => (await count(`select count(*)::int as n from deployment_report`)) >= expected, `report ${rev} on ${cluster}`);
  }

  it('takes the latest prototype rev that finished before the cutoff, for each production target not on it', async () => {
    await register('api');
    await report('api', 'prod-us', OLD1, Date.parse('2026-11-01T10:00:00Z'));
    await report('api', 'prod-eu', NEW2, Date.parse('2026-11-02T10:00:00Z'));
    await report('api', 'stage-1', NEW1, Date.parse('2026-11-20T10:00:00Z'));
    await report('api', 'stage-1', NEW2, CUTOFF - 1000); // one second before the cutoff: eligible
    await report('api', 'stage-1', NEW3, CUTOFF + 1000); // one second after: not yet

    const plan = await scheduler().preview(MONDAY);
    expect(plan.cutoff.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(plan.weekOf).toBe('2026-W49');
    expect(plan.deployments).toEqual([expect.objectContaining({ applicationName: 'api', gitRev: NEW2, previousRev: OLD1, sourceReport: expect.objectContaining({ gitRev: NEW2 }) })]);
    expect(plan.skipped).toEqual([]);
    expect(await count(`select count(*)::int as n from rollout`)).toBe(0); // a preview writes nothing
  });

  it('plans a long build the plugin reported finished a second before the cutoff, and not one finished a second after', async () => {
    const fortyMinutes = 40 * 60_000;
    await register('api');
    // The plugin stamps COMPLETED with the finish: both started well before the cutoff.
    await report('api', 'stage-1', NEW1, CUTOFF - 1000, fortyMinutes);
    await report('api', 'stage-1', NEW2, CUTOFF + 1000, fortyMinutes);

    const plan = await scheduler().preview(MONDAY);
    expect(plan.deployments.map((d) => d.gitRev)).toEqual([NEW1, NEW1]);
    const [started] = await hydrator.orm.em.fork().getConnection().execute<Array<{ started_at: Date }>>(`select started_at from deployment_report where git_rev = ?`, [NEW1]);
    expect(new Date(started.started_at).getTime()).toBe(CUTOFF - 1000 - fortyMinutes);
  });

  it('lists every application it leaves out, with the reason', async () => {
    for (const name of ['current', 'frozen', 'unreported']) await register(name);
    await report('current', 'prod-us', '5a3e000', Date.parse('2026-11-01T10:00:00Z'));
    await report('current', 'prod-eu', '5a3e000', Date.parse('2026-11-01T10:00:00Z'));
    await report('current', 'stage-1', '5a3e000', Date.parse('2026-11-20T10:00:00Z'));
    await report('frozen', 'stage-1', 'f100000', Date.parse('2026-11-20T10:00:00Z'));
    await report('unreported', 'stage-1', '1a7e000', CUTOFF + 1000);
    await hydrator.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into "freeze" (id, application_id, reason, created_by, created_at) select gen_random_uuid(), id, 'database migration in progress', 'test', now() from application where name = 'frozen'`,
      );

    const { skipped, deployments } = await scheduler().preview(MONDAY);
    expect(deployments).toEqual([]);
    expect(skipped).toEqual([
      { application: 'current', reason: 'production already runs 5a3e000' },
      { application: 'frozen', reason: 'frozen: database migration in progress' },
      { application: 'unreported', reason: 'no successful prototype deployment finished before the cutoff (2026-11-27T00:00:00.000Z)' },
    ]);
  });

  it('plans once per week, tells each team with its shortlog, the SRE channel with permalinks, and Jira', async () => {
    const [base, ...revs] = github.addCommits('acme/api', [
      { author: 'Ada Lovelace', message: 'base' },
      { author: 'Grace Hopper', message: 'Add retries to the billing client' },
      { author: 'Ada Lovelace', message: 'Fix rounding\n\nlong body' },
      { author: 'Grace Hopper', message: 'Bump dependencies' },
    ]);
    const head = revs[revs.length - 1];
    await register('api');
    await register('search');
    await report('api', 'prod-us', base, Date.parse('2026-11-01T10:00:00Z'));
    await report('api', 'prod-eu', base, Date.parse('2026-11-01T10:00:00Z'));
    await report('api', 'stage-1', head, Date.parse('2026-11-20T10:00:00Z'));
    await report('search', 'stage-1', '5100000', Date.parse('2026-11-20T10:00:00Z'));

    const [first, racing] = await Promise.all([scheduler().schedule(SYSTEM_ACTOR, MONDAY), scheduler().schedule(SYSTEM_ACTOR, MONDAY)]);
    expect(racing.rollout.id).toBe(first.rollout.id);
    expect([first.created, racing.created].sort()).toEqual([false, true]);
    const again = await scheduler().schedule(SYSTEM_ACTOR, new Date('2026-12-02T12:00:00Z'));
    expect(again).toMatchObject({ created: false, rollout: { id: first.rollout.id } });
    expect(await count(`select count(*)::int as n from deployment`)).toBe(4);

    await hydrator.waitFor(
      async () => slack.messages.length === 3 && jira.issues.length === 1 && (await count(`select count(*)::int as n from outbox_message where status = 'SENT'`)) === 4,
      'every message delivered',
    );
    const apiMessage = slack.messages.find((m) => m.channel === 'team-api')!;
    expect(apiMessage.text).toContain('*api* is scheduled for production');
    expect(apiMessage.text).toContain('Grace Hopper (2):');
    expect(apiMessage.text).toContain('Ada Lovelace (1):');
    expect(apiMessage.text).toContain('https://hydrator.example/deployments/');
    const summary = slack.messages.find((m) => m.channel === 'sre')!;
    expect(summary.text).toContain('Weekly rollout 2026-W49');
    const rows = await hydrator.orm.em
      .fork()
      .getConnection()
      .execute(`select d.slack_permalink, d.shortlog, a.name from deployment d join application a on a.id = d.application_id where a.name = 'api'`);
    for (const row of rows) {
      expect(summary.text).toContain(row.slack_permalink);
      expect(row.shortlog).toEqual([
        { author: 'Grace Hopper', count: 2, subjects: ['Add retries to the billing client', 'Bump dependencies'] },
        { author: 'Ada Lovelace', count: 1, subjects: ['Fix rounding'] },
      ]);
    }
    expect(jira.issues[0].fields.summary).toBe('Weekly rollout 2026-W49: 4 deployments');
    const rollout = await hydrator.graphqlOk<{ rollout: { jiraIssueKey: string; slackSummaryUrl: string } }>(`query($id: ID!) { rollout(id: $id) { jiraIssueKey slackSummaryUrl } }`, {
      id: first.rollout.id,
    });
    expect(rollout.rollout.jiraIssueKey).toBe(jira.issues[0].key);
    expect(rollout.rollout.slackSummaryUrl).toMatch(/archives/);
  });

  it('serves the plan, the rollout and its deployments through GraphQL and the REST trigger', async () => {
    await register('api');
    const recent = Date.now() - 30 * 86_400_000;
    await report('api', 'stage-1', 'cafe001', recent);

    const preview = await hydrator.graphqlOk<{ schedulePreview: { deployments: Array<{ gitRev: string; application: { name: string }; target: { cluster: string } }> } }>(
      `{ schedulePreview { weekOf cutoff deployments { gitRev previousRev application { name } target { cluster } } skipped { application reason } } }`,
    );
    expect(preview.schedulePreview.deployments.map((d) => `${d.application.name}@${d.target.cluster}:${d.gitRev}`)).toEqual(['api@prod-us:cafe001', 'api@prod-eu:cafe001']);

    expect((await hydrator.post('/api/rollouts/schedule', {})).status).toBe(401);
    expect((await hydrator.post('/api/rollouts/schedule', {}, { authorization: `Bearer ${VIEWER_TOKEN}` })).status).toBe(403);
    const triggered = await hydrator.post('/api/rollouts/schedule', {}, { authorization: `Bearer ${OPERATOR_TOKEN}` });
    expect(triggered.status).toBe(200);
    expect(await triggered.json()).toMatchObject({ created: true, deployments: 2, status: 'PLANNED' });

    const mutation = await hydrator.graphqlOk<{ scheduleRollout: { id: string } }>(`mutation { scheduleRollout { id } }`);
    const current = await hydrator.graphqlOk<{
      currentRollout: { id: string; status: string; deployments: Array<{ status: string; gitRev: string; application: { name: string }; target: { cluster: string }; rollout: { id: string } }> };
    }>(`{ currentRollout { id status deployments { status gitRev changeReason application { name } target { cluster } rollout { id } } } }`);
    expect(current.currentRollout.id).toBe(mutation.scheduleRollout.id);
    expect(current.currentRollout.deployments).toHaveLength(2);
    expect(current.currentRollout.deployments.every((d) => d.status === 'SCHEDULED' && d.rollout.id === mutation.scheduleRollout.id)).toBe(true);
  });
});
