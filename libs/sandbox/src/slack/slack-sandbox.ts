import { FaultInjectingServer } from '../http/fault-injector';
import { SandboxReply, SandboxRequest } from '../http/sandbox-http-server';

/** The bot token the sandbox accepts when none are configured. */
export const SLACK_SANDBOX_TOKEN = 'xoxb-hydrator-sandbox';

/** A message as the sandbox stored it, for tests and for the UI's view of what Hydrator posted. */
export interface SlackMessage {
  /** The channel as posted to, without a leading `#`. */
  channel: string;
  text?: string;
  blocks?: unknown[];
  ts: string;
  thread_ts?: string;
  postedAt: Date;
}

export interface SlackSandboxOptions {
  /** Bot tokens accepted as `Authorization: Bearer …`; default `[SLACK_SANDBOX_TOKEN]`. */
  tokens?: string[];
  /** When given, posting elsewhere fails with `channel_not_found`, as a missing channel does in Slack. */
  channels?: string[];
}

type SlackArgs = Record<string, unknown>;
type SlackMethod = (args: SlackArgs) => Record<string, unknown>;

/**
 * A stand-in for the Slack Web API (`chat.postMessage`, `chat.getPermalink`, `auth.test`) that the real
 * `@slack/web-api` WebClient talks to unmodified: give it `slackApiUrl: sandbox.apiUrl`.
 * Like Slack, it answers API errors with HTTP 200 and `{ok: false, error}`; only faults use other statuses.
 */
export class SlackSandbox extends FaultInjectingServer {
  /** Every message posted, oldest first. */
  readonly messages: SlackMessage[] = [];
  private readonly tokens: string[];
  private readonly channels?: Set<string>;
  private lastTsMicros = 0;

  constructor(options: SlackSandboxOptions = {}) {
    super('Slack', (status) => ({ ok: false, error: status === 429 ? 'ratelimited' : 'service_unavailable' }));
    this.tokens = options.tokens ?? [SLACK_SANDBOX_TOKEN];
    this.channels = options.channels && new Set(options.channels.map(channelName));
    const methods = new Map<string, SlackMethod>([
      ['auth.test', () => this.authTest()],
      ['chat.postMessage', (args) => this.postMessage(args)],
      ['chat.getPermalink', (args) => this.getPermalink(args)],
    ]);
    // Real Slack serves the API under /api/; the bare path is accepted too so a base URL without it works.
    for (const prefix of ['/api', '']) {
      this.route('POST', `${prefix}/:method`, (req) => this.call(methods.get(req.params.method), req));
    }
    this.route('GET', '/archives/:channel/:permalinkTs', (req) => this.showPermalink(req));
  }

  /** The value for WebClient's `slackApiUrl`; it must end with `/` because the client appends method names. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  private call(method: SlackMethod | undefined, req: SandboxRequest): SandboxReply {
    const args: SlackArgs = isRecord(req.body) ? req.body : {};
    // WebClient sends the token as a Bearer header; Slack also accepts it as a `token` argument.
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? args.token;
    if (token === undefined) return slackError('not_authed');
    if (!this.tokens.includes(String(token))) return slackError('invalid_auth');
    // Slack answers an unknown method with ok:false; a 404 would make WebClient retry for half an hour.
    if (!method) return slackError('unknown_method');
    return { body: method(args) };
  }

  private authTest(): Record<string, unknown> {
    return {
      ok: true,
      url: `${this.url}/`,
      team: 'Hydrator Sandbox',
      user: 'hydrator',
      team_id: 'T0SANDBOX',
      user_id: 'U0HYDRATOR',
    };
  }

  private postMessage(args: SlackArgs): Record<string, unknown> {
    if (typeof args.channel !== 'string' || !args.channel) return { ok: false, error: 'channel_not_found' };
    const channel = channelName(args.channel);
    if (this.channels && !this.channels.has(channel)) return { ok: false, error: 'channel_not_found' };
    const text = typeof args.text === 'string' ? args.text : undefined;
    const blocks = parseBlocks(args.blocks);
    if (blocks === 'invalid') return { ok: false, error: 'invalid_blocks_format' };
    if (!text && !blocks?.length && !args.attachments) return { ok: false, error: 'no_text' };
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    const ts = this.nextTs();
    this.messages.push({ channel, text, blocks, ts, thread_ts: threadTs, postedAt: new Date() });
    return {
      ok: true,
      channel,
      ts,
      message: { type: 'message', user: 'U0HYDRATOR', bot_id: 'B0HYDRATOR', text, blocks, ts, thread_ts: threadTs },
    };
  }

  private getPermalink(args: SlackArgs): Record<string, unknown> {
    const channel = channelName(String(args.channel ?? ''));
    const message = this.messages.find((m) => m.channel === channel && m.ts === args.message_ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    const path = `${this.url}/archives/${channel}/p${message.ts.replace('.', '')}`;
    const thread = message.thread_ts ? `?thread_ts=${message.thread_ts}&cid=${channel}` : '';
    return { ok: true, channel, permalink: path + thread };
  }

  /** Opening a permalink shows the stored message, so links in the sandbox UI lead somewhere. */
  private showPermalink(req: SandboxRequest): SandboxReply {
    const ts = req.params.permalinkTs.replace(/^p(\d+)(\d{6})$/, '$1.$2');
    const message = this.messages.find((m) => m.channel === req.params.channel && m.ts === ts);
    return message ? { body: message } : { status: 404, body: { ok: false, error: 'message_not_found' } };
  }

  /** Slack timestamps are unique per channel and increase; microseconds of the clock, bumped on a tie. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    const seconds = Math.floor(this.lastTsMicros / 1e6);
    return `${seconds}.${String(this.lastTsMicros % 1e6).padStart(6, '0')}`;
  }
}

function slackError(error: string): SandboxReply {
  return { body: { ok: false, error } };
}

function channelName(channel: string): string {
  return channel.replace(/^#/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** WebClient form-encodes arguments, so `blocks` arrives as a JSON string; a JSON body carries the array. */
function parseBlocks(blocks: unknown): unknown[] | undefined | 'invalid' {
  if (blocks === undefined) return undefined;
  try {
    const parsed: unknown = typeof blocks === 'string' ? JSON.parse(blocks) : blocks;
    return Array.isArray(parsed) ? parsed : 'invalid';
  } catch {
    return 'invalid';
  }
}
