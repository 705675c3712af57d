import { textOf } from '@hydrator/common';
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
  /** Message metadata (`event_type`, `event_payload`), returned by `conversations.history` with `include_all_metadata`. */
  metadata?: SlackMessageMetadata;
  postedAt: Date;
}

export interface SlackMessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface SlackSandboxOptions {
  /** Bot tokens accepted as `Authorization: Bearer …`; default `[SLACK_SANDBOX_TOKEN]`. */
  tokens?: string[];
  /** When given, posting elsewhere fails with `channel_not_found`, as a missing channel does in Slack. */
  channels?: string[];
}

type SlackArgs = Record<string, unknown>;
type SlackMethod = (args: SlackArgs) => Record<string, unknown>;

/** Slack's page size of `conversations.history` and `conversations.list` when `limit` is not given, and its maximum. */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;

/**
 * A stand-in for the Slack Web API (`chat.postMessage`, `chat.getPermalink`, `conversations.history`,
 * `conversations.list`, `auth.test`) that the real `@slack/web-api` WebClient talks to unmodified: give it
 * `slackApiUrl: sandbox.apiUrl`. Like Slack, it answers API errors with HTTP 200 and `{ok: false, error}`;
 * only faults use other statuses. A channel's ID is its name without `#` (`sre`), so `conversations.history`
 * wants `sre`, not `#sre`, as real Slack wants `C0123ABCD`.
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
      ['conversations.history', (args) => this.history(args)],
      ['conversations.list', (args) => this.listChannels(args)],
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
    if (typeof token !== 'string' || !this.tokens.includes(token)) return slackError('invalid_auth');
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
    const metadata = parseMetadata(args.metadata);
    if (metadata === 'invalid') return { ok: false, error: 'invalid_metadata_format' };
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    const ts = this.nextTs();
    const message: SlackMessage = { channel, text, blocks, ts, thread_ts: threadTs, metadata, postedAt: new Date() };
    this.messages.push(message);
    return { ok: true, channel, ts, message: asSlackMessage(message, true) };
  }

  /**
   * `conversations.history`: the channel's messages newest first, without thread replies, between
   * `oldest` and `latest` (exclusive unless `inclusive`), paged by `cursor`. Metadata only with `include_all_metadata`.
   */
  private history(args: SlackArgs): Record<string, unknown> {
    const channel = typeof args.channel === 'string' ? args.channel : '';
    // Slack wants a conversation ID here; a name (`#sre`) is not one.
    if (!channel || channel.startsWith('#') || (this.channels && !this.channels.has(channel))) {
      return { ok: false, error: 'channel_not_found' };
    }
    const inclusive = isTrue(args.inclusive);
    const oldest = Number(args.oldest ?? 0);
    const latest = args.latest === undefined ? Infinity : Number(args.latest);
    const inRange = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
    const found = this.messages.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts) && inRange(Number(m.ts))).reverse();
    const page = paginate(found, args);
    const withMetadata = isTrue(args.include_all_metadata);
    return {
      ok: true,
      messages: page.items.map((m) => asSlackMessage(m, withMetadata)),
      has_more: page.nextCursor !== '',
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: { next_cursor: page.nextCursor },
    };
  }

  /** `conversations.list`: the channels given as `channels`, else every channel posted to. */
  private listChannels(args: SlackArgs): Record<string, unknown> {
    const names = this.channels ? [...this.channels] : [...new Set(this.messages.map((m) => m.channel))];
    const page = paginate(names.sort(), args);
    const channels = page.items.map((name) => ({
      id: name,
      name,
      is_channel: true,
      is_group: false,
      is_im: false,
      is_private: false,
      is_archived: false,
      is_member: true,
      created: 1700000000,
    }));
    return { ok: true, channels, response_metadata: { next_cursor: page.nextCursor } };
  }

  private getPermalink(args: SlackArgs): Record<string, unknown> {
    const channel = channelName(textOf(args.channel));
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

/** A stored message as Slack's API shows it. */
function asSlackMessage(m: SlackMessage, withMetadata: boolean): Record<string, unknown> {
  return {
    type: 'message',
    user: 'U0HYDRATOR',
    bot_id: 'B0HYDRATOR',
    app_id: 'A0HYDRATOR',
    text: m.text,
    blocks: m.blocks,
    ts: m.ts,
    thread_ts: m.thread_ts,
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

/** Cursor paging as Slack does it: `limit` (default 100, at most 999) and an opaque `next_cursor`, empty on the last page. */
function paginate<T>(items: T[], args: SlackArgs): { items: T[]; nextCursor: string } {
  const requested = Number(args.limit ?? DEFAULT_PAGE);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_PAGE) : DEFAULT_PAGE;
  const decoded = typeof args.cursor === 'string' ? /^offset:(\d+)$/.exec(Buffer.from(args.cursor, 'base64').toString()) : null;
  const start = decoded ? Number(decoded[1]) : 0;
  const end = start + limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : '' };
}

/** Form-encoded booleans arrive as `true`/`1`; a JSON body carries real ones. */
function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
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

/** `metadata` arrives JSON-encoded like `blocks`; Slack requires an `event_type` and an object `event_payload`. */
function parseMetadata(metadata: unknown): SlackMessageMetadata | undefined | 'invalid' {
  if (metadata === undefined) return undefined;
  try {
    const parsed: unknown = typeof metadata === 'string' ? JSON.parse(metadata) : metadata;
    if (!isRecord(parsed) || typeof parsed.event_type !== 'string' || !isRecord(parsed.event_payload)) return 'invalid';
    return { event_type: parsed.event_type, event_payload: parsed.event_payload };
  } catch {
    return 'invalid';
  }
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
