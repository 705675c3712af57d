import { ErrorCode, LogLevel, WebClient, WebClientEvent, WebClientOptions } from '@slack/web-api';
import { waitFor } from '../jenkins';
import { SLACK_SANDBOX_TOKEN, SlackSandbox } from './slack-sandbox';

describe('SlackSandbox with the real WebClient', () => {
  const sandbox = new SlackSandbox({ channels: ['sre', 'support'] });

  beforeAll(() => sandbox.start());
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    sandbox.messages.length = 0;
    sandbox.requests.length = 0;
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
