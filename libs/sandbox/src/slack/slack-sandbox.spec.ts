import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ErrorCode, LogLevel, WebClient, WebClientEvent, WebClientOptions } from '@slack/web-api';
import { waitFor } from '../jenkins';
import { slackSignature } from './slack-interactivity';
import { SLACK_SANDBOX_TOKEN, SlackSandbox } from './slack-sandbox';

/** A second bot token the sandbox accepts: another app, whose messages Hydrator's token may not edit. */
const OTHER_BOT_TOKEN = 'xoxb-other-app';

describe('SlackSandbox with the real WebClient', () => {
  const sandbox = new SlackSandbox({ channels: ['sre', 'support'], tokens: [SLACK_SANDBOX_TOKEN, OTHER_BOT_TOKEN] });

  beforeAll(() => sandbox.start());
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    sandbox.messages.length = 0;
    sandbox.requests.length = 0;
    sandbox.ephemerals.length = 0;
    sandbox.openedViews.length = 0;
    sandbox.interactions.length = 0;
    sandbox.responses.length = 0;
  });

  /** Retries kept short so scripted outages resolve in milliseconds rather than WebClient's default half hour. */
  function client(options: WebClientOptions = {}, token = SLACK_SANDBOX_TOKEN): WebClient {
    return new WebClient(token, {
      slackApiUrl: sandbox.apiUrl,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 },
      ...options,
    });
  }

  it('posts a message with blocks, then returns its permalink', async () => {
    const slack = client();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Rollout* started' } }];

    const first = await slack.chat.postMessage({ channel: '#sre', text: 'Rollout started', blocks });
    const second = await slack.chat.postMessage({ channel: 'sre', text: 'deploying billing', thread_ts: first.ts });
    const link = await slack.chat.getPermalink({ channel: 'sre', message_ts: first.ts! });

    expect(first).toMatchObject({ ok: true, channel: 'sre', message: { text: 'Rollout started', blocks } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(link.permalink).toBe(`${sandbox.url}/archives/sre/p${first.ts!.replace('.', '')}`);
    expect(sandbox.messages).toEqual([
      expect.objectContaining({ channel: 'sre', text: 'Rollout started', blocks, ts: first.ts }),
      expect.objectContaining({ channel: 'sre', text: 'deploying billing', thread_ts: first.ts }),
    ]);
    // The client form-encodes arguments and sends the token as a Bearer header, never in the body.
    expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${SLACK_SANDBOX_TOKEN}`);
    expect(sandbox.requests[0].headers['content-type']).toContain('application/x-www-form-urlencoded');
  });

  it('links a thread reply to its thread, and opening the permalink shows the message', async () => {
    const slack = client();
    const parent = await slack.chat.postMessage({ channel: 'sre', text: 'parent' });
    const reply = await slack.chat.postMessage({ channel: 'sre', text: 'reply', thread_ts: parent.ts });

    const { permalink } = await slack.chat.getPermalink({ channel: 'sre', message_ts: reply.ts! });
    const opened = await fetch(permalink!);

    expect(permalink).toContain(`?thread_ts=${parent.ts}&cid=sre`);
    expect(await opened.json()).toMatchObject({ text: 'reply', ts: reply.ts });
  });

  it('keeps message metadata and finds messages again through conversations.history and conversations.list', async () => {
    const slack = client();
    const metadata = { event_type: 'hydrator_outbox', event_payload: { outbox_id: 'm-1' } };
    const tagged = await slack.chat.postMessage({ channel: '#sre', text: 'tagged', metadata });
    await slack.chat.postMessage({ channel: 'sre', text: 'reply', thread_ts: tagged.ts });
    const later = await slack.chat.postMessage({ channel: 'sre', text: 'later' });
    await slack.chat.postMessage({ channel: 'support', text: 'elsewhere' });

    const { channels } = await slack.conversations.list({ types: 'public_channel,private_channel' });
    expect(channels?.map((c) => [c.id, c.name])).toEqual([
      ['sre', 'sre'],
      ['support', 'support'],
    ]);

    const history = await slack.conversations.history({ channel: 'sre', include_all_metadata: true });
    // Newest first, thread replies left out, metadata shown when asked for.
    expect(history.messages?.map((m) => m.text)).toEqual(['later', 'tagged']);
    expect(history.messages?.[1]).toMatchObject({ ts: tagged.ts, metadata });
    expect(history).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });

    const withoutMetadata = await slack.conversations.history({ channel: 'sre' });
    expect(withoutMetadata.messages?.[1]).not.toHaveProperty('metadata');
    const first = await slack.conversations.history({ channel: 'sre', limit: 1, oldest: tagged.ts, inclusive: true });
    expect(first.messages?.map((m) => m.ts)).toEqual([later.ts]);
    expect(first.has_more).toBe(true);
    const second = await slack.conversations.history({ channel: 'sre', limit: 1, oldest: tagged.ts, inclusive: true, cursor: first.response_metadata!.next_cursor });
    expect(second.messages?.map((m) => m.ts)).toEqual([tagged.ts]);
    expect(second.has_more).toBe(false);

    // A channel name is not a conversation ID, as in Slack; and metadata must have Slack's shape.
    await expect(slack.conversations.history({ channel: '#sre' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    await expect(slack.apiCall('chat.postMessage', { channel: 'sre', text: 'x', metadata: { event_type: 'x' } })).rejects.toMatchObject({
      data: { error: 'invalid_metadata_format' },
    });
  });

  it('returns a thread through conversations.replies: the parent, then its replies, with their metadata', async () => {
    const slack = client();
    const parent = await slack.chat.postMessage({ channel: 'sre', text: 'Rollout 2024-W10' });
    const first = await slack.chat.postMessage({ channel: 'sre', text: 'billing deployed', thread_ts: parent.ts, metadata: { event_type: 'hydrator_outbox', event_payload: { outbox_id: 'r-1' } } });
    await slack.chat.postMessage({ channel: 'sre', text: 'elsewhere' });
    // A reply to a reply joins the parent's thread: Slack threads are one level deep.
    const second = await slack.chat.postMessage({ channel: 'sre', text: 'ledger deployed', thread_ts: first.ts, metadata: { event_type: 'hydrator_outbox', event_payload: { outbox_id: 'r-2' } } });

    expect(first.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: 'U0HYDRATOR' });
    expect(sandbox.messages.find((m) => m.ts === second.ts)?.thread_ts).toBe(parent.ts);

    const thread = await slack.conversations.replies({ channel: 'sre', ts: parent.ts!, include_all_metadata: true });
    expect(thread.messages?.map((m) => m.text)).toEqual(['Rollout 2024-W10', 'billing deployed', 'ledger deployed']);
    expect(thread.messages?.[0]).toMatchObject({ ts: parent.ts, thread_ts: parent.ts, reply_count: 2, latest_reply: second.ts });
    // After a crash, the reply already delivered is found again by its metadata.
    const delivered = thread.messages?.find((m) => (m.metadata?.event_payload as Record<string, unknown> | undefined)?.outbox_id === 'r-2');
    expect(delivered).toMatchObject({ ts: second.ts, thread_ts: parent.ts });
    expect(thread).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });

    // Paged: every page starts with the parent, as Slack's do; a reply's ts finds the whole thread.
    const page1 = await slack.conversations.replies({ channel: 'sre', ts: second.ts!, limit: 1 });
    expect(page1.messages?.map((m) => m.ts)).toEqual([parent.ts, first.ts]);
    expect(page1.messages?.[1]).not.toHaveProperty('metadata');
    expect(page1.has_more).toBe(true);
    const page2 = await slack.conversations.replies({ channel: 'sre', ts: parent.ts!, limit: 1, cursor: page1.response_metadata!.next_cursor });
    expect(page2.messages?.map((m) => m.ts)).toEqual([parent.ts, second.ts]);
    expect(page2.has_more).toBe(false);

    // The parent shows its thread in the history too, which still leaves the replies out.
    const history = await slack.conversations.history({ channel: 'sre' });
    expect(history.messages?.map((m) => m.text)).toEqual(['elsewhere', 'Rollout 2024-W10']);
    expect(history.messages?.[1]).toMatchObject({ reply_count: 2 });

    const alone = await slack.conversations.replies({ channel: 'sre', ts: (await slack.chat.postMessage({ channel: 'sre', text: 'alone' })).ts! });
    expect(alone.messages?.map((m) => m.text)).toEqual(['alone']);
    await expect(slack.conversations.replies({ channel: 'sre', ts: '1.000001' })).rejects.toMatchObject({ data: { error: 'thread_not_found' } });
    await expect(slack.conversations.replies({ channel: '#sre', ts: parent.ts! })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });

  it('edits a message with chat.update, keeping its ts and recording the edit; only its own bot may', async () => {
    const slack = client();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Approve *billing*?' } }];
    const posted = await slack.chat.postMessage({ channel: '#sre', text: 'Approve billing?', blocks });

    const textOnly = await slack.chat.update({ channel: 'sre', ts: posted.ts!, text: 'Approved by alice' });
    // Without blocks Slack keeps the old ones; an empty array removes them.
    expect(textOnly).toMatchObject({ ok: true, channel: 'sre', ts: posted.ts, text: 'Approved by alice', message: { text: 'Approved by alice', blocks, edited: { user: 'U0HYDRATOR' } } });
    const newBlocks = [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Approved by <@U1ALICE>' }] }];
    await slack.chat.update({ channel: 'sre', ts: posted.ts!, text: 'Approved', blocks: newBlocks });

    expect(sandbox.messages).toHaveLength(1);
    expect(sandbox.messages[0]).toMatchObject({ ts: posted.ts, text: 'Approved', blocks: newBlocks });
    expect(sandbox.messages[0].edits).toEqual([
      { editedAt: expect.any(Date), text: 'Approve billing?', blocks },
      { editedAt: expect.any(Date), text: 'Approved by alice', blocks },
    ]);
    const history = await slack.conversations.history({ channel: 'sre' });
    expect(history.messages).toEqual([expect.objectContaining({ ts: posted.ts, text: 'Approved', edited: expect.objectContaining({ user: 'U0HYDRATOR' }) })]);

    await expect(slack.chat.update({ channel: 'sre', ts: '1.000001', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    await expect(slack.chat.update({ channel: 'support', ts: posted.ts!, text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    await expect(client({}, OTHER_BOT_TOKEN).chat.update({ channel: 'sre', ts: posted.ts!, text: 'hijacked' })).rejects.toMatchObject({ data: { error: 'cant_update_message' } });
    await expect(slack.chat.update({ channel: 'sre', ts: posted.ts!, text: '', blocks: [] })).rejects.toMatchObject({ data: { error: 'no_text' } });
    expect(sandbox.messages[0]).toMatchObject({ text: 'Approved', edits: [expect.anything(), expect.anything()] });
  });

  it('keeps ephemeral messages apart: they get a message_ts but never reach the history', async () => {
    const slack = client();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Only you can see this' } }];
    const result = await slack.chat.postEphemeral({ channel: '#sre', user: 'U1ALICE', text: 'Only you', blocks });

    expect(result).toMatchObject({ ok: true, message_ts: expect.stringMatching(/^\d{10}\.\d{6}$/) });
    expect(sandbox.ephemerals).toEqual([
      { channel: 'sre', user: 'U1ALICE', text: 'Only you', blocks, thread_ts: undefined, ts: result.message_ts, postedAt: expect.any(Date), via: 'chat.postEphemeral' },
    ]);
    expect(sandbox.messages).toHaveLength(0);
    expect((await slack.conversations.history({ channel: 'sre' })).messages).toEqual([]);
    await expect(slack.chat.postEphemeral({ channel: 'nowhere', user: 'U1ALICE', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });

  it('opens a modal once per trigger_id, within 3 seconds of the sandbox issuing it', async () => {
    const slack = client();
    const view = {
      type: 'modal' as const,
      callback_id: 'approve-rollout',
      private_metadata: '{"rolloutId":"r-1"}',
      title: { type: 'plain_text' as const, text: 'Approve' },
      submit: { type: 'plain_text' as const, text: 'Approve' },
      blocks: [{ type: 'input' as const, block_id: 'reason', label: { type: 'plain_text' as const, text: 'Why?' }, element: { type: 'plain_text_input' as const, action_id: 'reason' } }],
    };
    const triggerId = sandbox.issueTriggerId({ userId: 'U1ALICE' });

    const opened = await slack.views.open({ trigger_id: triggerId, view });
    expect(opened).toMatchObject({
      ok: true,
      view: { id: expect.stringMatching(/^V/), type: 'modal', callback_id: 'approve-rollout', private_metadata: view.private_metadata, blocks: view.blocks, state: { values: {} } },
    });
    expect(sandbox.openedViews).toEqual([{ id: opened.view!.id, triggerId, userId: 'U1ALICE', view: expect.objectContaining({ callback_id: 'approve-rollout' }), openedAt: expect.any(Date) }]);

    await expect(slack.views.open({ trigger_id: triggerId, view })).rejects.toMatchObject({ data: { error: 'exchanged_trigger_id' } });
    const stale = sandbox.issueTriggerId({ issuedAt: Date.now() - 3001 });
    await expect(slack.views.open({ trigger_id: stale, view })).rejects.toMatchObject({ data: { error: 'expired_trigger_id' } });
    await expect(slack.views.open({ trigger_id: '12345.98765.abcd2358fdea', view })).rejects.toMatchObject({ data: { error: 'invalid_trigger_id' } });
    await expect(slack.apiCall('views.open', { trigger_id: sandbox.issueTriggerId(), view: '{"type":"home"}' })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    expect(sandbox.openedViews).toHaveLength(1);
  });

  describe('as the interactivity client', () => {
    const signingSecret = 'sandbox-signing-secret';
    let app: Server;
    let appUrl: string;
    /** What the app under test received, and whether the signature it carried was right. */
    const received: { payload: Record<string, unknown>; signatureValid: boolean; headers: IncomingMessage['headers']; rawBody: string }[] = [];
    /** What the app does with each payload; set by each test. */
    let onPayload: (payload: Record<string, unknown>) => Promise<unknown> = async () => undefined;

    beforeAll(async () => {
      app = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const rawBody = Buffer.concat(chunks).toString('utf8');
          const timestamp = String(req.headers['x-slack-request-timestamp']);
          const signatureValid = req.headers['x-slack-signature'] === slackSignature(signingSecret, timestamp, rawBody);
          const payload = JSON.parse(new URLSearchParams(rawBody).get('payload') ?? '{}') as Record<string, unknown>;
          received.push({ payload, signatureValid, headers: req.headers, rawBody });
          void onPayload(payload).then((answer) => {
            res.writeHead(signatureValid ? 200 : 401, answer === undefined ? {} : { 'content-type': 'application/json' });
            res.end(answer === undefined ? '' : JSON.stringify(answer));
          });
        });
      });
      await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
      appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/interactions`;
    });
    afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));
    beforeEach(() => {
      received.length = 0;
      onPayload = async () => undefined;
    });

    it('delivers a signed block_actions click whose trigger_id opens a modal and whose response_url is recorded', async () => {
      const slack = client();
      const blocks = [
        { type: 'section', text: { type: 'mrkdwn', text: 'Deploy *billing*?' } },
        { type: 'actions', block_id: 'decision', elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'r-1' }] },
      ];
      const posted = await slack.chat.postMessage({ channel: 'sre', text: 'Deploy billing?', blocks });
      onPayload = async (payload) => {
        const opened = await slack.views.open({ trigger_id: String(payload.trigger_id), view: { type: 'modal', callback_id: 'approve', title: { type: 'plain_text', text: 'Approve' }, blocks: [] } });
        await fetch(String(payload.response_url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replace_original: true, text: 'Approved by alice' }) });
        await fetch(String(payload.response_url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Thanks, noted' }) });
        return opened.view?.id;
      };

      const payload = sandbox.blockActionsPayload({ user: { id: 'U1ALICE', name: 'alice' }, channel: '#sre', messageTs: posted.ts!, actionId: 'approve', value: 'r-1' });
      const result = await sandbox.interact(appUrl, payload, { signingSecret });

      expect(result.status).toBe(200);
      const [delivery] = received;
      expect(delivery.signatureValid).toBe(true);
      expect(delivery.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(delivery.rawBody).toMatch(/^payload=%7B/);
      expect(Math.abs(Number(delivery.headers['x-slack-request-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
      expect(delivery.payload).toMatchObject({
        type: 'block_actions',
        user: { id: 'U1ALICE', name: 'alice', username: 'alice', team_id: 'T0SANDBOX' },
        team: { id: 'T0SANDBOX' },
        channel: { id: 'sre' },
        container: { type: 'message', message_ts: posted.ts, channel_id: 'sre', is_ephemeral: false },
        message: { ts: posted.ts, text: 'Deploy billing?' },
        trigger_id: expect.any(String),
        response_url: expect.stringMatching(new RegExp(`^${sandbox.url}/actions/`)),
        actions: [{ type: 'button', action_id: 'approve', block_id: 'decision', value: 'r-1', text: { type: 'plain_text', text: 'Approve' }, action_ts: expect.any(String) }],
      });
      expect(sandbox.openedViews).toEqual([expect.objectContaining({ id: result.body, triggerId: payload.trigger_id, userId: 'U1ALICE' })]);
      expect(sandbox.responses.map((r) => [r.body, r.channel, r.messageTs, r.userId])).toEqual([
        [{ replace_original: true, text: 'Approved by alice' }, 'sre', posted.ts, 'U1ALICE'],
        [{ text: 'Thanks, noted' }, 'sre', posted.ts, 'U1ALICE'],
      ]);
      // replace_original edits the message clicked; an answer without response_type is ephemeral to the clicker.
      expect(sandbox.messages).toEqual([expect.objectContaining({ ts: posted.ts, text: 'Approved by alice', edits: [expect.objectContaining({ text: 'Deploy billing?' })] })]);
      expect(sandbox.ephemerals).toEqual([expect.objectContaining({ channel: 'sre', user: 'U1ALICE', text: 'Thanks, noted', via: 'response_url' })]);
      expect(sandbox.interactions).toEqual([expect.objectContaining({ requestUrl: appUrl, status: 200, payload })]);
    });

    it('delivers a view_submission with the opened view, its state values and private metadata', async () => {
      const slack = client();
      const opened = await slack.views.open({
        trigger_id: sandbox.issueTriggerId({ userId: 'U1ALICE' }),
        view: { type: 'modal', callback_id: 'cancel-rollout', private_metadata: 'r-1', title: { type: 'plain_text', text: 'Cancel' }, blocks: [] },
      });
      onPayload = async () => ({ response_action: 'clear' });

      const values = { reason: { reason: { type: 'plain_text_input', value: 'freeze' } } };
      const payload = sandbox.viewSubmissionPayload({ user: { id: 'U1ALICE' }, viewId: opened.view!.id, values });
      const result = await sandbox.interact(appUrl, payload, { signingSecret, teamId: 'T0OTHER' });

      expect(result).toMatchObject({ status: 200, body: { response_action: 'clear' } });
      expect(received[0].payload).toMatchObject({
        type: 'view_submission',
        team: { id: 'T0OTHER' },
        user: { id: 'U1ALICE', team_id: 'T0OTHER' },
        trigger_id: expect.any(String),
        view: { id: opened.view!.id, type: 'modal', callback_id: 'cancel-rollout', private_metadata: 'r-1', state: { values }, title: { text: 'Cancel' } },
        response_urls: [],
      });
      // Without an opened view, callback_id and private_metadata are given directly.
      const direct = sandbox.viewSubmissionPayload({ user: { id: 'U1BOB' }, callbackId: 'set-rev', privateMetadata: '{"deploymentId":7}', values: {} });
      expect(direct).toMatchObject({ view: { callback_id: 'set-rev', private_metadata: '{"deploymentId":7}', state: { values: {} } } });
    });

    it('signs with the timestamp given, so an app can be tested for refusing stale or forged requests', async () => {
      const payload = sandbox.blockActionsPayload({ user: { id: 'U1ALICE' }, channel: 'sre', messageTs: '1700000000.000100', actionId: 'retry' });
      const stale = Math.floor(Date.now() / 1000) - 600;
      await sandbox.interact(appUrl, payload, { signingSecret, timestamp: stale });
      const forged = await sandbox.interact(appUrl, payload, { signingSecret: 'wrong-secret' });

      expect(received[0].headers['x-slack-request-timestamp']).toBe(String(stale));
      expect(received[0].headers['x-slack-signature']).toBe(slackSignature(signingSecret, stale, received[0].rawBody));
      expect(forged.status).toBe(401);
      expect(received[1].signatureValid).toBe(false);
      // No such message in the sandbox: the payload still carries the click, without `message`.
      expect(payload).not.toHaveProperty('message');
      expect(payload).toMatchObject({ actions: [{ action_id: 'retry', block_id: expect.any(String) }] });
    });
  });

  it('answers Slack errors the way Slack does', async () => {
    const slack = client();
    await expect(slack.chat.getPermalink({ channel: 'sre', message_ts: '1.000001' })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'message_not_found' },
    });
    await expect(slack.chat.postMessage({ channel: 'nowhere', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(slack.apiCall('chat.unknownThing')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('rejects an unknown token with invalid_auth and stores nothing', async () => {
    await expect(client({}, 'xoxb-wrong').chat.postMessage({ channel: 'sre', text: 'hi' })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'invalid_auth' },
    });
    await expect(client().auth.test()).resolves.toMatchObject({ ok: true, user_id: 'U0HYDRATOR' });
    expect(sandbox.messages).toHaveLength(0);
  });

  it('is retried by WebClient after a 429, waiting the Retry-After seconds', async () => {
    const slack = client();
    const waits: number[] = [];
    slack.on(WebClientEvent.RATE_LIMITED, (seconds: number) => waits.push(seconds));
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 1 });

    const started = Date.now();
    const result = await slack.chat.postMessage({ channel: 'sre', text: 'after the limit' });

    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(waits).toEqual([1]);
    expect(sandbox.requests.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(2);
    expect(sandbox.messages.map((m) => m.text)).toEqual(['after the limit']);
  });

  it('surfaces the 429 with its retryAfter when rejectRateLimitedCalls is set', async () => {
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 30 });
    await expect(client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'sre', text: 'too soon' })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 30 });
    expect(sandbox.messages).toHaveLength(0);
  });

  it('answers 503 while failing, which WebClient retries and finally reports as an HTTP error', async () => {
    sandbox.failNext(1, { status: 503 });
    const retried = client().chat.postMessage({ channel: 'sre', text: 'second try' });
    await expect(retried).resolves.toMatchObject({ ok: true });

    sandbox.failNext(3, { status: 503 });
    await expect(client().chat.postMessage({ channel: 'sre', text: 'lost' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 503,
    });
    expect(sandbox.messages.map((m) => m.text)).toEqual(['second try']);
  });

  it('refuses connections while down and serves again on the same URL once back', async () => {
    const url = sandbox.url;
    await sandbox.setDown(true);
    await expect(client({ retryConfig: { retries: 0 } }).auth.test()).rejects.toMatchObject({
      code: ErrorCode.RequestError,
    });

    let attempts = 0;
    const slack = client({
      retryConfig: { retries: 40, factor: 1, minTimeout: 25, maxTimeout: 25 },
      requestInterceptor: (config) => {
        attempts++;
        return config;
      },
    });
    const posting = slack.chat.postMessage({ channel: 'support', text: 'back again' });
    await waitFor(() => attempts >= 2, 2000, 'WebClient retrying against the outage');
    await sandbox.setDown(false);

    await expect(posting).resolves.toMatchObject({ ok: true, channel: 'support' });
    expect(sandbox.url).toBe(url);
  });
});
