import { DEFAULT_JIRA_WORKFLOW, JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JenkinsSandbox, JiraSandbox } from '@hydrator/sandbox';
import { TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { DONE_ANYWHERE, expectFollowedIssue, expectFollowedThread, FOLLOWED_FLEET, outboxSettled, sql, sreThread } from './support/follow-up-checks';
import { createJobs, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

/** Slack and Jira following a rollout through the outbox, with every service in this process. */
describe('Slack and Jira follow the rollout', () => {
  const sandboxes = useRolloutSandboxes();
  const { slack } = sandboxes;
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;
  let jira: JiraSandbox;

  async function boot(env: Record<string, string> = {}, workflow = DONE_ANYWHERE) {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 60 } });
    jira = new JiraSandbox({ workflow });
    await jira.start();
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule, NotifierModule],
      env: {
        ...(await sandboxes.env(jenkins)),
        JIRA_HOST: jira.url,
        JIRA_EMAIL: JIRA_SANDBOX_EMAIL,
        JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN,
        SLACK_SRE_CHANNEL: '#sre',
        SLACK_SUPPORT_CHANNEL: '#sre-support',
        JENKINS_POLL_INTERVAL: '300ms',
        ...env,
      },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
    slack.messages.length = 0;
  }

  afterEach(async () => {
    await hydrator?.close();
    await jenkins?.stop();
    await jira?.stop();
  });

  const deploymentOf = async (application: string, cluster: string) =>
    (
      await sql<{ id: string }>(hydrator, `select d.id from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id where a.name = ? and t.cluster = ?`, [
        application,
        cluster,
      ])
    )[0].id;
  const teamMessage = (application: string) => slack.messages.find((m) => m.channel === `team-${application}` && !m.thread_ts)!;

  it('threads each start, finish, failure and halt under the summary, updates team messages, and comments on and closes the Jira issue', async () => {
    await boot();
    let broken = true;
    jenkins.script((params) => (broken && params.NAMESPACE === 'billing' ? { result: 'FAILURE' } : undefined));
    const rolloutId = await planFleet(hydrator, FOLLOWED_FLEET);
    createJobs(jenkins, FOLLOWED_FLEET);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'HALTED');
    await outboxSettled(hydrator, rolloutId);

    // The support alert: Block Kit with the reason, the console and the rollout; a plain-text fallback.
    const [{ jenkins_build_url: buildUrl }] = await sql<{ jenkins_build_url: string }>(hydrator, `select jenkins_build_url from deployment where id = ?`, [await deploymentOf('billing', 'prod-0')]);
    const consoleLink = `${buildUrl.replace(/\/$/, '')}/console`;
    const alert = slack.messages.find((m) => m.channel === 'sre-support')!;
    expect(alert.text).toContain('*billing* failed to deploy');
    expect(alert.text).toContain(`<${consoleLink}|console>`);
    expect(JSON.stringify(alert.blocks)).toContain(`"url":"${consoleLink}"`);
    expect(JSON.stringify(alert.blocks)).toContain(`"url":"${hydrator.config.publicUrl}/rollouts/${rolloutId}"`);
    expect(teamMessage('billing').text).toMatch(/:x: \*prod-0\/production\*: failed in \d+s: Jenkins build #\d+ finished FAILURE/);

    broken = false;
    await hydrator.graphqlOk(`mutation($id: ID!) { retryDeployment(id: $id) { id } }`, { id: await deploymentOf('billing', 'prod-0') });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    await outboxSettled(hydrator, rolloutId);

    expectFollowedThread(await sreThread(hydrator, slack, rolloutId), 'billing');
    expectFollowedIssue(jira, 'billing');
    // The results also go to the channel itself, in Block Kit.
    const results = slack.messages.filter((m) => m.channel === 'sre' && !m.thread_ts && (m.text ?? '').includes('completed: 4 of 4'));
    expect(results).toHaveLength(1);
    expect(results[0].blocks?.[0]).toMatchObject({ type: 'header' });
    // Team messages updated in place: billing's after its failure and after its retry, auth's once per target.
    const billing = teamMessage('billing');
    expect(billing.edits).toHaveLength(2);
    expect(billing.text).toMatch(/:white_check_mark: \*prod-0\/production\*: deployed in \d+s · <[^|]+\|Jenkins build>/);
    expect(teamMessage('auth').edits).toHaveLength(2);
    expect(teamMessage('auth').text).toMatch(/prod-0\/production\*: deployed in .*\n.*prod-1\/production\*: deployed in/);
    const [{ failed }] = await sql<{ failed: number }>(hydrator, `select count(*)::int as failed from outbox_message where status <> 'SENT'`);
    expect(failed).toBe(0);
  });

  it('updates the team message and comments on the Jira issue when a deployment is canceled', async () => {
    await boot({ SLACK_SIGNING_SECRET: 'slack-signing-secret-for-tests' });
    const rolloutId = await planFleet(hydrator, { applications: [{ name: 'auth', production: 2 }] });
    await outboxSettled(hydrator, rolloutId);
    const [keep, cancel] = [await deploymentOf('auth', 'prod-0'), await deploymentOf('auth', 'prod-1')];
    expect(JSON.stringify(teamMessage('auth').blocks)).toContain(`"value":"${cancel}"`);

    await hydrator.graphqlOk(`mutation($id: ID!, $reason: String!) { cancelDeployment(id: $id, reason: $reason) { status } }`, { id: cancel, reason: 'waits for the <!channel> schema change' });
    await outboxSettled(hydrator, rolloutId);

    const team = teamMessage('auth');
    expect(team.edits).toHaveLength(1);
    expect(team.text).toContain(':no_entry_sign: *prod-1/production*: canceled by test-operator: waits for the &lt;!channel&gt; schema change');
    expect(team.text).toContain(':hourglass_flowing_sand: *prod-0/production*: scheduled');
    expect(JSON.stringify(team.blocks)).not.toContain(`"value":"${cancel}"`);
    expect(JSON.stringify(team.blocks)).toContain(`"value":"${keep}"`);
    const [issue] = jira.issues;
    expect(jira.commentsOf(issue.key).map((c) => c.text.split('\n').slice(0, 2))).toEqual([
      ['auth will not be deployed to prod-1/production: canceled by test-operator.', 'Reason: waits for the <!channel> schema change'],
    ]);
  });

  it('reports a Done transition the Jira workflow does not offer, and completes the rollout anyway', async () => {
    // The sandbox's default workflow reaches Done only from In Progress; the ticket is still To Do.
    await boot({}, DEFAULT_JIRA_WORKFLOW);
    const fleet = { applications: [{ name: 'search', production: 1 }] };
    const rolloutId = await planFleet(hydrator, fleet);
    createJobs(jenkins, fleet);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    await outboxSettled(hydrator, rolloutId);

    const rows = await sql<{ kind: string; status: string; last_error: string | null }>(
      hydrator,
      `select kind, status, last_error from outbox_message where rollout_id = ? and kind like 'JIRA_%' order by created_at`,
      [rolloutId],
    );
    const [issue] = jira.issues;
    expect(rows).toEqual([
      { kind: 'JIRA_ISSUE', status: 'SENT', last_error: null },
      { kind: 'JIRA_COMMENT', status: 'SENT', last_error: null },
      {
        kind: 'JIRA_TRANSITION',
        status: 'FAILED',
        last_error: `Jira issue ${issue.key} (status "To Do") offers no transition named "Done" (JIRA_DONE_TRANSITION); it offers "Start progress"`,
      },
    ]);
    expect(jira.issue(issue.key)).toMatchObject({ status: 'To Do', transitions: [] });
    expect(jira.commentsOf(issue.key)).toHaveLength(1);
  });
});
