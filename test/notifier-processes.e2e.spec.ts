import { JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JenkinsSandbox, JiraSandbox } from '@hydrator/sandbox';
import { ServiceProcess, TEST_REDIS_URL, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { DONE_ANYWHERE, expectFollowedIssue, expectFollowedThread, FOLLOWED_FLEET, outboxSettled, sql, sreThread } from './support/follow-up-checks';
import { HoldingProxy } from './support/holding-proxy';
import { createJobs, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

/**
 * The notifier as its own OS process, built from `dist/` like production, killed with SIGKILL while it
 * waits for Slack and Jira to answer: they have the reply and the comment, its outbox rows say SENDING.
 * The next notifier finds both and sends nothing twice.
 */
describe('notifier process killed mid-delivery', () => {
  const sandboxes = useRolloutSandboxes();
  const { slack } = sandboxes;
  const jira = new JiraSandbox({ workflow: DONE_ANYWHERE });
  let slackProxy: HoldingProxy;
  let jiraProxy: HoldingProxy;
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;
  const notifiers: ServiceProcess[] = [];

  beforeAll(async () => {
    await jira.start();
    slackProxy = new HoldingProxy(slack.url);
    jiraProxy = new HoldingProxy(jira.url);
    await slackProxy.start();
    await jiraProxy.start();
  });
  afterAll(async () => {
    await slackProxy?.stop();
    await jiraProxy?.stop();
    await jira.stop();
  });
  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((notifier) => notifier.stop()));
    await hydrator?.close();
    await jenkins?.stop();
  });

  it('threads each line, comments and transitions the Jira issue exactly once across a kill -9 of the notifier', async () => {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 60 } });
    let broken = true;
    jenkins.script((params) => (broken && params.NAMESPACE === 'billing' ? { result: 'FAILURE' } : undefined));
    const env = {
      ...(await sandboxes.env(jenkins)),
      SLACK_API_URL: `${slackProxy.url}/api/`,
      JIRA_HOST: jiraProxy.url,
      JIRA_EMAIL: JIRA_SANDBOX_EMAIL,
      JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN,
      SLACK_SRE_CHANNEL: '#sre',
      SLACK_SUPPORT_CHANNEL: '#sre-support',
      JENKINS_POLL_INTERVAL: '300ms',
    };
    // Everything but the notifier runs in the test process; notifiers are child processes.
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule], env });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
    slack.messages.length = 0;
    slack.requests.length = 0;
    const notifierEnv = { ...env, DATABASE_URL: hydrator.config.databaseUrl, REDIS_URL: TEST_REDIS_URL, HYDRATOR_REDIS_PREFIX: hydrator.config.redisPrefix };
    const startNotifier = async () => notifiers[notifiers.push(await ServiceProcess.start('notifier', notifierEnv)) - 1];

    const first = await startNotifier();
    const rolloutId = await planFleet(hydrator, FOLLOWED_FLEET);
    createJobs(jenkins, FOLLOWED_FLEET);
    await outboxSettled(hydrator, rolloutId);

    // From now on Slack posts thread replies and Jira adds comments, but their answers do not come back.
    slackProxy.holdWhen((request) => request.path.endsWith('/chat.postMessage') && request.body.includes('thread_ts'));
    jiraProxy.holdWhen((request) => request.method === 'POST' && request.path.endsWith('/comment'));
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'HALTED');
    await hydrator.waitFor(() => slackProxy.held.length >= 1 && jiraProxy.held.length >= 1, 'a thread reply and the halt comment to be made, unanswered', 20_000);
    const sending = await sql<{ id: string; kind: string }>(hydrator, `select id, kind from outbox_message where status = 'SENDING' and result is null order by kind`);
    expect(sending.map((m) => m.kind)).toEqual(['JIRA_COMMENT', 'SLACK_REPLY']);

    await first.kill();
    slackProxy.release();
    jiraProxy.release();
    // Their leases (two minutes) have run out, as they would have by the time anyone looks.
    await sql(hydrator, `update outbox_message set next_attempt_at = now() where status = 'SENDING'`);
    await startNotifier();

    broken = false;
    const [billing] = await sql<{ id: string }>(hydrator, `select d.id from deployment d join application a on a.id = d.application_id where a.name = 'billing'`);
    await hydrator.graphqlOk(`mutation($id: ID!) { retryDeployment(id: $id) { id } }`, { id: billing.id });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    // The killed notifier's jobs come back once BullMQ sees them stalled (their lock lapses after 30 s).
    await outboxSettled(hydrator, rolloutId, 150_000);

    expectFollowedThread(await sreThread(hydrator, slack, rolloutId), 'billing');
    expectFollowedIssue(jira, 'billing');
    // The interrupted two were found where they were, not made again.
    const recovered = await sql<{ status: string; attempts: number }>(hydrator, `select status, attempts from outbox_message where id in (?)`, [sending.map((m) => m.id)]);
    expect(recovered).toEqual([
      { status: 'SENT', attempts: 2 },
      { status: 'SENT', attempts: 2 },
    ]);
    expect(slack.requests.map((r) => r.path)).toContain('/api/conversations.replies');
    expect(jira.requests.some((r) => r.method === 'GET' && r.path.endsWith('/comment'))).toBe(true);
    const [{ unsent }] = await sql<{ unsent: number }>(hydrator, `select count(*)::int as unsent from outbox_message where status <> 'SENT'`);
    expect(unsent).toBe(0);
  }, 240_000);
});
