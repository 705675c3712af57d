import { createHmac } from 'node:crypto';
import { JenkinsSandbox, SLACK_SANDBOX_TOKEN, SlackMessage, SlackSandbox } from '@hydrator/sandbox';
import { TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { PlannedRollout } from './support/planned-rollout';
import { createJobs, planFleet } from './support/rollout-fixture';

const SIGNING_SECRET = '8f14e45fceea167a5a36dedd4bea2543';
const ALICE = { id: 'U0ALICE', name: 'alice' };
const FLEET = { applications: [{ name: 'api' }, { name: 'web', dependsOn: ['api'] }] };

type Block = { type: string; text?: { text: string }; accessory?: { type: string; action_id: string; value: string; style?: string } };

/**
 * The Cancel button of a team message, through Slack interactivity as Slack does it: interactions signed
 * with the app's signing secret and posted form-encoded to POST /slack/interactions, a modal opened with the
 * click's trigger id, the submission cancelling as the Slack user. Everything else changes nothing.
 */
describe('Slack interactivity: the Cancel button of a team message', () => {
  let hydrator: TestHydrator;
  const slack = new SlackSandbox();
  // Every build runs until the test ends it, so "the run started" lasts as long as a test needs.
  const jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, hold: true } });
  let planned: PlannedRollout;
  const deployment = (application: string, cluster: string) => planned.deployment(application, cluster);
  const statusOf = (id: string) => planned.statusOf(id);
  const audit = () => planned.cancels();
  const interactionsUrl = () => `${hydrator.url}/slack/interactions`;
  const teamMessage = (application: string) => slack.messages.find((m) => m.channel === `team-${application}` && !m.thread_ts);

  function click(message: SlackMessage, deploymentId: string, channel = message.channel) {
    return slack.blockActionsPayload({ user: ALICE, channel, messageTs: message.ts, actionId: 'hydrator_cancel', value: deploymentId });
  }
  function submit(viewId: string, reason: string, overrides: { privateMetadata?: string } = {}) {
    return slack.viewSubmissionPayload({ user: ALICE, viewId, values: { reason: { reason: { type: 'plain_text_input', value: reason } } }, ...overrides });
  }
  /** The ephemeral answers the clicker got through the interaction's response_url. */
  const ephemeralTexts = () => slack.responses.filter((r) => r.body.response_type === 'ephemeral').map((r) => String(r.body.text));

  beforeAll(async () => {
    await slack.start();
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule, NotifierModule],
      env: { SLACK_TOKEN: SLACK_SANDBOX_TOKEN, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: SIGNING_SECRET, JENKINS_URL: await jenkins.start(), JENKINS_POLL_INTERVAL: '1h' },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    createJobs(jenkins, FLEET);
  });
  afterAll(async () => {
    await hydrator?.close();
    await Promise.all([slack.stop(), jenkins.stop()]);
  });
  beforeEach(async () => {
    await hydrator.resetDatabase();
    for (const list of [slack.messages, slack.openedViews, slack.responses, slack.ephemerals, slack.interactions]) list.length = 0;
    planned = await PlannedRollout.plan(hydrator, FLEET);
    await hydrator.waitFor(() => teamMessage('api') && teamMessage('web'), 'the team messages to be posted');
  });

  it('puts a Cancel button beside each target, with the signed cancel link, and a plain-text fallback', () => {
    const message = teamMessage('web')!;
    const blocks = message.blocks as Block[];
    const buttons = blocks.filter((b) => b.accessory?.type === 'button').map((b) => b.accessory!);
    expect(buttons).toEqual([
      expect.objectContaining({ action_id: 'hydrator_cancel', value: deployment('web', 'prod-0'), style: 'danger' }),
      expect.objectContaining({ action_id: 'hydrator_cancel', value: deployment('web', 'prod-1'), style: 'danger' }),
    ]);
    const targetSection = blocks.find((b) => b.accessory?.value === deployment('web', 'prod-0'))!;
    expect(targetSection.text!.text).toMatch(
      new RegExp(`^\\*prod-0/production\\*, namespace \`web\` · <http://localhost:\\d+/deployments/${deployment('web', 'prod-0')}/cancel\\?token=[\\w-]{43}\\|cancel this deployment>$`),
    );
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: ':rocket: web goes to production' } });
    expect(message.text).toContain('*web* is scheduled for production');
    expect(message.text).toContain('press *Cancel…* beside a target or open its cancel link');
  });

  it('opens a modal asking why on a click, and the submission cancels that deployment as the Slack user', async () => {
    const id = deployment('web', 'prod-0');
    const clicked = await slack.interact(interactionsUrl(), click(teamMessage('web')!, id), { signingSecret: SIGNING_SECRET });
    expect(clicked.status).toBe(200);
    expect(slack.openedViews).toHaveLength(1);
    const [{ id: viewId, view, userId }] = slack.openedViews;
    expect(userId).toBe(ALICE.id);
    expect(view).toMatchObject({ callback_id: 'hydrator_cancel_reason', title: { text: 'Cancel deployment' } });
    expect(JSON.parse(String(view.private_metadata))).toEqual({ deploymentId: id, channel: 'team-web' });
    expect(JSON.stringify(view.blocks)).toContain('*web* will not be deployed to *prod-0/production*');
    expect(await statusOf(id)).toBe('SCHEDULED');

    // An empty reason keeps the modal open with the error under the field, and changes nothing.
    const empty = await slack.interact(interactionsUrl(), submit(viewId, '   '), { signingSecret: SIGNING_SECRET });
    expect(empty).toMatchObject({ status: 200, body: { response_action: 'errors', errors: { reason: expect.stringContaining('Say why') } } });
    expect(await statusOf(id)).toBe('SCHEDULED');

    const submitted = await slack.interact(interactionsUrl(), submit(viewId, 'web: the <!channel> migration is not ready'), { signingSecret: SIGNING_SECRET });
    expect(submitted).toMatchObject({ status: 200, body: { response_action: 'clear' } });
    expect(await statusOf(id)).toBe('CANCELED');
    expect(await statusOf(deployment('web', 'prod-1'))).toBe('SCHEDULED');
    expect(await audit()).toEqual([{ actor: 'slack:U0ALICE', subject_id: id, details: expect.objectContaining({ reason: 'web: the <!channel> migration is not ready' }) }]);
    const [row] = await planned.sql<{ changed_by: string }>(`select changed_by from deployment where id = ?`, [id]);
    expect(row.changed_by).toBe('slack:U0ALICE');
    // The team message is updated in place (through the outbox): who canceled and why, and no button for it any more.
    const message = teamMessage('web')!;
    await hydrator.waitFor(() => message.edits.length > 0, 'the team message to be updated');
    expect(message.text).toContain('canceled by slack:U0ALICE: web: the &lt;!channel&gt; migration is not ready');
    expect((message.blocks as Block[]).filter((b) => b.accessory).map((b) => b.accessory!.value)).toEqual([deployment('web', 'prod-1')]);

    // Submitting the same modal again (a double click) is refused in the modal: it is no longer SCHEDULED.
    const again = await slack.interact(interactionsUrl(), submit(viewId, 'again'), { signingSecret: SIGNING_SECRET });
    expect(again.body).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('already canceled, by slack:U0ALICE') } });
    expect(await audit()).toHaveLength(1);
  });

  it('opens the modal from the targets menu (an application with more than ten targets) too', async () => {
    const id = deployment('web', 'prod-1');
    const payload = click(teamMessage('web')!, id);
    payload.actions = [{ type: 'static_select', action_id: 'hydrator_cancel_select', block_id: 'targets', selected_option: { value: id, text: { type: 'plain_text', text: 'prod-1/production' } } }];
    expect((await slack.interact(interactionsUrl(), payload, { signingSecret: SIGNING_SECRET })).status).toBe(200);
    expect(slack.openedViews.map((v) => JSON.parse(String(v.view.private_metadata)) as unknown)).toEqual([{ deploymentId: id, channel: 'team-web' }]);
  });

  it('answers 401 and does nothing for a bad signature, a replay older than five minutes or a timestamp in the future', async () => {
    const id = deployment('web', 'prod-0');
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      { signingSecret: 'another-apps-signing-secret-0123' },
      { signingSecret: SIGNING_SECRET, timestamp: now - 5 * 60 - 5 },
      { signingSecret: SIGNING_SECRET, timestamp: now + 5 * 60 + 5 },
    ];
    for (const options of attempts) {
      const answer = await slack.interact(interactionsUrl(), click(teamMessage('web')!, id), options);
      expect(answer.status).toBe(401);
    }
    // A submission with a bad signature cancels nothing either.
    const forged = await slack.interact(interactionsUrl(), submit('V0FORGED', 'forged', { privateMetadata: JSON.stringify({ deploymentId: id, channel: 'team-web' }) }), {
      signingSecret: 'another-apps-signing-secret-0123',
    });
    expect(forged.status).toBe(401);
    // Unsigned, and a body over the limit.
    const unsigned = await fetch(interactionsUrl(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'payload=%7B%7D' });
    expect(unsigned.status).toBe(401);
    const huge = await fetch(interactionsUrl(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `payload=${'x'.repeat(1024 * 1024 + 1)}` });
    expect(huge.status).toBe(413);
    // JSON signed like a form is not what Slack sends: refused, not parsed.
    const json = JSON.stringify(click(teamMessage('web')!, id));
    const at = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${at}:${json}`).digest('hex')}`;
    const asJson = await fetch(interactionsUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': at, 'x-slack-signature': signature }, body: json });
    expect(asJson.status).toBe(401);

    expect(slack.openedViews).toEqual([]);
    expect(slack.responses).toEqual([]);
    expect(await statusOf(id)).toBe('SCHEDULED');
    expect(await audit()).toEqual([]);
  });

  it("refuses a click from another channel than the team message's, telling the clicker alone", async () => {
    const id = deployment('web', 'prod-0');
    // web's button pressed in api's channel (a copied message, or a crafted click).
    const answer = await slack.interact(interactionsUrl(), click(teamMessage('api')!, id), { signingSecret: SIGNING_SECRET });
    expect(answer.status).toBe(200);
    await hydrator.waitFor(() => ephemeralTexts().length === 1, 'the ephemeral answer');
    expect(ephemeralTexts()[0]).toBe('Only the team message in #team-web can cancel this deployment. Nothing was changed.');
    expect(slack.ephemerals).toEqual([expect.objectContaining({ user: ALICE.id, channel: 'team-api', via: 'response_url' })]);
    expect(slack.openedViews).toEqual([]);

    // A submission claiming another channel in its metadata is refused too.
    const opened = await slack.interact(interactionsUrl(), click(teamMessage('web')!, id), { signingSecret: SIGNING_SECRET });
    expect(opened.status).toBe(200);
    const [{ id: viewId }] = slack.openedViews;
    const submitted = await slack.interact(interactionsUrl(), submit(viewId, 'from elsewhere', { privateMetadata: JSON.stringify({ deploymentId: id, channel: 'team-api' }) }), {
      signingSecret: SIGNING_SECRET,
    });
    expect(submitted.body).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('Only the team message in #team-web') } });
    expect(await statusOf(id)).toBe('SCHEDULED');
    expect(await audit()).toEqual([]);
  });

  it('answers "too late" to a click after the deployment started, and the modal of an earlier click cancels nothing', async () => {
    const id = deployment('api', 'prod-0');
    // The modal was opened while it was SCHEDULED…
    await slack.interact(interactionsUrl(), click(teamMessage('api')!, id), { signingSecret: SIGNING_SECRET });
    const [{ id: viewId }] = slack.openedViews;
    // …then the run started: api's first target is handed to Jenkins (and held there).
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: planned.id });
    await hydrator.waitFor(async () => (await statusOf(id)) === 'RUNNING', 'api on prod-0 to be RUNNING');

    const late = await slack.interact(interactionsUrl(), click(teamMessage('api')!, id), { signingSecret: SIGNING_SECRET });
    expect(late.status).toBe(200);
    await hydrator.waitFor(() => ephemeralTexts().length === 1, 'the ephemeral answer');
    expect(ephemeralTexts()[0]).toBe('Too late: api to prod-0 is RUNNING; only a SCHEDULED deployment can be canceled from Slack. Nothing was changed.');
    expect(slack.openedViews).toHaveLength(1);

    const submitted = await slack.interact(interactionsUrl(), submit(viewId, 'too late anyway'), { signingSecret: SIGNING_SECRET });
    expect(submitted.body).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('Too late: api to prod-0 is RUNNING') } });
    expect(await statusOf(id)).toBe('RUNNING');
    expect(await audit()).toEqual([]);

    // web waits for api, still SCHEDULED: its team can still cancel it from Slack while the rollout runs.
    const web = deployment('web', 'prod-1');
    await slack.interact(interactionsUrl(), click(teamMessage('web')!, web), { signingSecret: SIGNING_SECRET });
    const webView = slack.openedViews[1].id;
    const canceled = await slack.interact(interactionsUrl(), submit(webView, 'not this week'), { signingSecret: SIGNING_SECRET });
    expect(canceled.body).toEqual({ response_action: 'clear' });
    expect(await statusOf(web)).toBe('CANCELED');
  });
});

describe('Slack interactivity not configured (no SLACK_SIGNING_SECRET)', () => {
  let hydrator: TestHydrator;
  const slack = new SlackSandbox();

  beforeAll(async () => {
    await slack.start();
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, NotifierModule],
      env: { SLACK_TOKEN: SLACK_SANDBOX_TOKEN, SLACK_API_URL: slack.apiUrl },
    });
    await hydrator.resetDatabase();
  });
  afterAll(async () => {
    await hydrator?.close();
    await slack.stop();
  });

  it('posts the team message without a Cancel button, with the signed link, and refuses every interaction', async () => {
    await planFleet(hydrator, { applications: [{ name: 'solo' }] });
    const message = await hydrator.waitFor(() => slack.messages.find((m) => m.channel === 'team-solo'), 'the team message');
    const blocks = message.blocks as Block[];
    expect(blocks.some((b) => b.accessory !== undefined || b.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).not.toContain('hydrator_cancel');
    expect(blocks.filter((b) => b.text?.text.includes('/cancel?token='))).toHaveLength(2);
    expect(message.text).toContain("open the target's cancel link before the run starts");

    const [{ id }] = await hydrator.orm.em.fork().getConnection().execute<Array<{ id: string }>>(`select id from deployment limit 1`);
    const payload = slack.blockActionsPayload({ user: ALICE, channel: 'team-solo', messageTs: message.ts, actionId: 'hydrator_cancel', value: id });
    const answer = await slack.interact(`${hydrator.url}/slack/interactions`, payload, { signingSecret: SIGNING_SECRET });
    expect(answer.status).toBe(401);
    expect(slack.openedViews).toEqual([]);
  });
});
