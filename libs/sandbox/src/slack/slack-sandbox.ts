import { randomBytes } from 'node:crypto';
import { textOf } from '@hydrator/common';
import { FaultInjectingServer } from '../http/fault-injector';
import { SandboxReply, SandboxRequest } from '../http/sandbox-http-server';
import {
  findButton,
  InteractionResult,
  InteractOptions,
  isRecord,
  payloadUser,
  postInteraction,
  SLACK_SANDBOX_APP_ID,
  SLACK_SANDBOX_BOT_ID,
  SLACK_SANDBOX_BOT_USER_ID,
  SLACK_SANDBOX_TEAM,
  SLACK_SANDBOX_VERIFICATION_TOKEN,
  SlackInteraction,
  SlackSandboxUser,
  withTeam,
} from './slack-interactivity';

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
  /** The bot token that posted it: only that token may `chat.update` it (`cant_update_message` otherwise). */
  token: string;
  /** One entry per `chat.update` (or `replace_original` through a response_url), oldest first: what the message said before. */
  edits: SlackMessageEdit[];
}

/** The content a message had before one edit, and when the edit happened. */
export interface SlackMessageEdit {
  editedAt: Date;
  text?: string;
  blocks?: unknown[];
}

/** A `chat.postEphemeral` (or an ephemeral response_url answer): shown to one user, never in the channel's history. */
export interface SlackEphemeralMessage {
  channel: string;
  /** The user who sees it. */
  user: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** The `message_ts` answered. */
  ts: string;
  postedAt: Date;
  via: 'chat.postEphemeral' | 'response_url';
}

/** A modal opened with `views.open`: the view as Slack answered it, and the trigger exchanged for it. */
export interface SlackOpenedView {
  id: string;
  triggerId: string;
  /** The user the trigger was issued for (the one who clicked), when the sandbox issued it for one. */
  userId?: string;
  /** The view as `views.open` returned it (the sent view plus id, hash, state…). */
  view: Record<string, unknown>;
  openedAt: Date;
}

/** A POST the app made to a response_url the sandbox handed out in an interaction payload. */
export interface SlackResponseUrlPost {
  responseUrl: string;
  /** The JSON the app posted (`text`, `blocks`, `response_type`, `replace_original`, `delete_original`…). */
  body: Record<string, unknown>;
  /** The interaction the response_url belongs to. */
  channel: string;
  messageTs?: string;
  userId: string;
  receivedAt: Date;
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
  /** How long a trigger_id the sandbox issued can be exchanged with `views.open`; Slack's 3 seconds by default. */
  triggerTtlMs?: number;
}

/** Options of `blockActionsPayload`: a user clicking a button of a message the sandbox holds. */
export interface BlockActionsPayloadOptions {
  user: SlackSandboxUser;
  /** The channel ID of the message (`sre`; a leading `#` is dropped). */
  channel: string;
  /** The ts of the message holding the button. */
  messageTs: string;
  actionId: string;
  value?: string;
  /** Default: the block of the message holding a button with `actionId`. */
  blockId?: string;
  teamId?: string;
}

/** Options of `viewSubmissionPayload`: a user submitting a modal. */
export interface ViewSubmissionPayloadOptions {
  user: SlackSandboxUser;
  /** A view from `openedViews`: its id, title, blocks, callback_id and private_metadata are the defaults below. */
  viewId?: string;
  callbackId?: string;
  privateMetadata?: string;
  /** `state.values`: `{ [block_id]: { [action_id]: { type: 'plain_text_input', value: '…' } } }`. */
  values?: Record<string, Record<string, Record<string, unknown>>>;
  teamId?: string;
}

interface IssuedTrigger {
  issuedAt: number;
  userId?: string;
  exchanged: boolean;
}

interface ResponseUrlContext {
  channel: string;
  messageTs?: string;
  userId: string;
}

type SlackArgs = Record<string, unknown>;
type SlackMethod = (args: SlackArgs, token: string) => Record<string, unknown>;

/** Slack's page size of `conversations.history` and `conversations.list` when `limit` is not given, and its maximum. */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;
/** `conversations.replies` returns up to 1000 messages when `limit` is not given. */
const DEFAULT_REPLIES_PAGE = 1000;
const TRIGGER_TTL_MS = 3000;

/**
 * A stand-in for the Slack Web API (`chat.postMessage` with threads, `chat.update`, `chat.postEphemeral`,
 * `chat.getPermalink`, `conversations.history`, `conversations.replies`, `conversations.list`, `views.open`,
 * `auth.test`) that the real `@slack/web-api` WebClient talks to unmodified: give it `slackApiUrl: sandbox.apiUrl`.
 * Like Slack, it answers API errors with HTTP 200 and `{ok: false, error}`; only faults use other statuses.
 * A channel's ID is its name without `#` (`sre`), so `conversations.history` wants `sre`, not `#sre`, as real
 * Slack wants `C0123ABCD`.
 *
 * It also plays Slack's interactivity client: `interact` POSTs a signed interaction to the app's Request URL,
 * `blockActionsPayload` / `viewSubmissionPayload` build the payloads (with a trigger_id `views.open` accepts
 * and a response_url the sandbox records in `responses`).
 */
export class SlackSandbox extends FaultInjectingServer {
  /** Every message posted, oldest first (thread replies included; ephemerals are not). */
  readonly messages: SlackMessage[] = [];
  /** Every ephemeral message, oldest first: `chat.postEphemeral` and ephemeral response_url answers. */
  readonly ephemerals: SlackEphemeralMessage[] = [];
  /** Every modal opened with `views.open`, oldest first. */
  readonly openedViews: SlackOpenedView[] = [];
  /** Every interaction sent with `interact`, oldest first. */
  readonly interactions: SlackInteraction[] = [];
  /** Every POST an app made to a response_url of an interaction payload, oldest first. */
  readonly responses: SlackResponseUrlPost[] = [];
  private readonly tokens: string[];
  private readonly channels?: Set<string>;
  private readonly triggerTtlMs: number;
  private readonly triggers = new Map<string, IssuedTrigger>();
  private readonly responseUrls = new Map<string, ResponseUrlContext>();
  private lastTsMicros = 0;
  private sequence = 0;

  constructor(options: SlackSandboxOptions = {}) {
    super('Slack', (status) => ({ ok: false, error: status === 429 ? 'ratelimited' : 'service_unavailable' }));
    this.tokens = options.tokens ?? [SLACK_SANDBOX_TOKEN];
    this.channels = options.channels && new Set(options.channels.map(channelName));
    this.triggerTtlMs = options.triggerTtlMs ?? TRIGGER_TTL_MS;
    const methods = new Map<string, SlackMethod>([
      ['auth.test', () => this.authTest()],
      ['chat.postMessage', (args, token) => this.postMessage(args, token)],
      ['chat.update', (args, token) => this.update(args, token)],
      ['chat.postEphemeral', (args) => this.postEphemeral(args)],
      ['chat.getPermalink', (args) => this.getPermalink(args)],
      ['conversations.history', (args) => this.history(args)],
      ['conversations.replies', (args) => this.replies(args)],
      ['conversations.list', (args) => this.listChannels(args)],
      ['views.open', (args) => this.openView(args)],
    ]);
    this.route('POST', '/actions/:responseId', (req) => this.receiveResponse(req));
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
    return { body: method(args, token) };
  }

  private authTest(): Record<string, unknown> {
    return {
      ok: true,
      url: `${this.url}/`,
      team: 'Hydrator Sandbox',
      user: 'hydrator',
      team_id: SLACK_SANDBOX_TEAM.id,
      user_id: SLACK_SANDBOX_BOT_USER_ID,
      bot_id: SLACK_SANDBOX_BOT_ID,
    };
  }

  private postMessage(args: SlackArgs, token: string): Record<string, unknown> {
    const channel = this.knownChannel(args.channel);
    if (channel === undefined) return { ok: false, error: 'channel_not_found' };
    const content = messageContent(args);
    if (typeof content === 'string') return { ok: false, error: content };
    const metadata = parseMetadata(args.metadata);
    if (metadata === 'invalid') return { ok: false, error: 'invalid_metadata_format' };
    const message: SlackMessage = {
      channel,
      ...content,
      ts: this.nextTs(),
      thread_ts: this.threadRoot(channel, args.thread_ts),
      metadata,
      postedAt: new Date(),
      token,
      edits: [],
    };
    this.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: this.asSlackMessage(message, true) };
  }

  /**
   * `chat.update`: replaces the text (and the blocks, when given: without `blocks` Slack keeps the old ones) of a
   * message this token posted, keeping its ts, and records the previous content in `edits`.
   */
  private update(args: SlackArgs, token: string): Record<string, unknown> {
    const channel = this.knownChannel(args.channel);
    if (channel === undefined) return { ok: false, error: 'channel_not_found' };
    const message = this.messages.find((m) => m.channel === channel && m.ts === args.ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    if (message.token !== token) return { ok: false, error: 'cant_update_message' };
    const content = messageContent({ text: args.text, blocks: args.blocks ?? message.blocks, attachments: args.attachments });
    if (typeof content === 'string') return { ok: false, error: content };
    const metadata = parseMetadata(args.metadata);
    if (metadata === 'invalid') return { ok: false, error: 'invalid_metadata_format' };
    this.edit(message, content);
    if (metadata) message.metadata = metadata;
    return { ok: true, channel, ts: message.ts, text: message.text ?? '', message: this.asSlackMessage(message, false) };
  }

  /** `chat.postEphemeral`: shown to `user` only, so kept in `ephemerals`, never in `messages` or the history. */
  private postEphemeral(args: SlackArgs): Record<string, unknown> {
    const channel = this.knownChannel(args.channel);
    if (channel === undefined) return { ok: false, error: 'channel_not_found' };
    if (typeof args.user !== 'string' || !args.user) return { ok: false, error: 'user_not_in_channel' };
    const content = messageContent(args);
    if (typeof content === 'string') return { ok: false, error: content };
    const ts = this.nextTs();
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    this.ephemerals.push({ channel, user: args.user, ...content, thread_ts: threadTs, ts, postedAt: new Date(), via: 'chat.postEphemeral' });
    return { ok: true, message_ts: ts };
  }

  /**
   * `conversations.replies`: a thread, oldest first: the parent, then the replies between `oldest` and `latest`
   * (exclusive unless `inclusive`), paged by `cursor` and `limit`. As in Slack, every page starts with the parent,
   * `ts` may name the parent or any reply, and a message without replies comes back alone.
   */
  private replies(args: SlackArgs): Record<string, unknown> {
    const channel = typeof args.channel === 'string' ? args.channel : '';
    if (!channel || channel.startsWith('#') || (this.channels && !this.channels.has(channel))) {
      return { ok: false, error: 'channel_not_found' };
    }
    const named = this.messages.find((m) => m.channel === channel && m.ts === args.ts);
    const rootTs = named?.thread_ts ?? named?.ts;
    const parent = this.messages.find((m) => m.channel === channel && m.ts === rootTs);
    if (!parent) return { ok: false, error: 'thread_not_found' };
    const inRange = timeRange(args);
    const replies = this.messages.filter((m) => m.channel === channel && m.thread_ts === parent.ts && m !== parent && inRange(Number(m.ts)));
    const page = paginate(replies, args, DEFAULT_REPLIES_PAGE);
    const withMetadata = isTrue(args.include_all_metadata);
    return {
      ok: true,
      messages: [parent, ...page.items].map((m) => this.asSlackMessage(m, withMetadata)),
      has_more: page.nextCursor !== '',
      response_metadata: { next_cursor: page.nextCursor },
    };
  }

  /**
   * `views.open`: exchanges a trigger_id the sandbox issued (`issueTriggerId`, or in an interaction payload) for a
   * modal. A trigger works once (`exchanged_trigger_id` after), for `triggerTtlMs` (`expired_trigger_id`), and only
   * if the sandbox issued it (`invalid_trigger_id`).
   */
  private openView(args: SlackArgs): Record<string, unknown> {
    const view = parseJsonArg(args.view);
    if (!isRecord(view) || view.type !== 'modal' || !Array.isArray(view.blocks)) {
      return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] must provide a modal view with blocks [json-pointer:/view]'] } };
    }
    const triggerId = typeof args.trigger_id === 'string' ? args.trigger_id : '';
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.exchanged) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() - trigger.issuedAt > this.triggerTtlMs) return { ok: false, error: 'expired_trigger_id' };
    trigger.exchanged = true;
    const id = `V${this.nextId()}`;
    const opened: Record<string, unknown> = {
      id,
      team_id: SLACK_SANDBOX_TEAM.id,
      type: 'modal',
      private_metadata: '',
      callback_id: '',
      external_id: '',
      ...view,
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      clear_on_close: view.clear_on_close === true,
      notify_on_close: view.notify_on_close === true,
      root_view_id: id,
      previous_view_id: null,
      app_id: SLACK_SANDBOX_APP_ID,
      app_installed_team_id: SLACK_SANDBOX_TEAM.id,
      bot_id: SLACK_SANDBOX_BOT_ID,
    };
    this.openedViews.push({ id, triggerId, userId: trigger.userId, view: opened, openedAt: new Date() });
    return { ok: true, view: opened };
  }

  /**
   * A trigger_id as Slack puts in interaction payloads, which `views.open` accepts once within `triggerTtlMs` of
   * `issuedAt` (default now; pass an earlier time to get an expired one).
   */
  issueTriggerId(options: { userId?: string; issuedAt?: number } = {}): string {
    const issuedAt = options.issuedAt ?? Date.now();
    const id = `${Math.floor(issuedAt / 1000)}.${this.nextId()}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt, userId: options.userId, exchanged: false });
    return id;
  }

  /**
   * Acts as Slack's interactivity client: POSTs `payload` to the app's Request URL form-encoded as `payload=<JSON>`
   * with `X-Slack-Request-Timestamp` and `X-Slack-Signature` computed from `signingSecret`, records it in
   * `interactions` and returns the app's answer.
   */
  async interact(requestUrl: string, payload: Record<string, unknown>, options: InteractOptions): Promise<InteractionResult> {
    const sent = withTeam(payload, options.teamId);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const interaction: SlackInteraction = { requestUrl, payload: sent, timestamp, at: new Date() };
    this.interactions.push(interaction);
    const result = await postInteraction(requestUrl, sent, { ...options, timestamp });
    interaction.status = result.status;
    return result;
  }

  /**
   * A `block_actions` payload for a click on a button of a message: with the message as Slack shows it (when the
   * sandbox holds it), a fresh trigger_id for `views.open` and a response_url whose POSTs land in `responses`.
   */
  blockActionsPayload(options: BlockActionsPayloadOptions): Record<string, unknown> {
    const channel = channelName(options.channel);
    const teamId = options.teamId ?? SLACK_SANDBOX_TEAM.id;
    const message = this.messages.find((m) => m.channel === channel && m.ts === options.messageTs);
    const button = findButton(message?.blocks, options.actionId);
    const actionTs = this.nextTs();
    return {
      type: 'block_actions',
      user: payloadUser(options.user, teamId),
      api_app_id: SLACK_SANDBOX_APP_ID,
      token: SLACK_SANDBOX_VERIFICATION_TOKEN,
      container: { type: 'message', message_ts: options.messageTs, channel_id: channel, is_ephemeral: false, ...(message?.thread_ts ? { thread_ts: message.thread_ts } : {}) },
      trigger_id: this.issueTriggerId({ userId: options.user.id }),
      team: { id: teamId, domain: SLACK_SANDBOX_TEAM.domain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: channel },
      ...(message ? { message: { ...this.asSlackMessage(message, true), team: teamId } } : {}),
      state: { values: {} },
      response_url: this.issueResponseUrl({ channel, messageTs: options.messageTs, userId: options.user.id }),
      actions: [
        {
          action_id: options.actionId,
          block_id: options.blockId ?? button?.blockId ?? 'sandbox-block',
          text: button?.text ?? { type: 'plain_text', text: options.actionId, emoji: true },
          ...(options.value === undefined ? {} : { value: options.value }),
          type: 'button',
          action_ts: actionTs,
        },
      ],
    };
  }

  /** A `view_submission` payload: the user submitting a modal, by default one in `openedViews` (`viewId`). */
  viewSubmissionPayload(options: ViewSubmissionPayloadOptions): Record<string, unknown> {
    const teamId = options.teamId ?? SLACK_SANDBOX_TEAM.id;
    const opened = options.viewId === undefined ? undefined : this.openedViews.find((v) => v.id === options.viewId)?.view;
    const id = options.viewId ?? `V${this.nextId()}`;
    const view: Record<string, unknown> = {
      id,
      team_id: teamId,
      type: 'modal',
      blocks: [],
      title: { type: 'plain_text', text: 'Hydrator', emoji: true },
      ...opened,
      private_metadata: options.privateMetadata ?? opened?.private_metadata ?? '',
      callback_id: options.callbackId ?? opened?.callback_id ?? '',
      state: { values: options.values ?? {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      root_view_id: opened?.root_view_id ?? id,
      previous_view_id: null,
      app_id: SLACK_SANDBOX_APP_ID,
      app_installed_team_id: teamId,
      bot_id: SLACK_SANDBOX_BOT_ID,
    };
    return {
      type: 'view_submission',
      team: { id: teamId, domain: SLACK_SANDBOX_TEAM.domain },
      user: payloadUser(options.user, teamId),
      api_app_id: SLACK_SANDBOX_APP_ID,
      token: SLACK_SANDBOX_VERIFICATION_TOKEN,
      trigger_id: this.issueTriggerId({ userId: options.user.id }),
      view,
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  private issueResponseUrl(context: ResponseUrlContext): string {
    const id = `${this.nextId()}-${randomBytes(8).toString('hex')}`;
    this.responseUrls.set(id, context);
    return `${this.url}/actions/${id}`;
  }

  /**
   * A POST to a response_url: recorded in `responses`, then applied as Slack applies it: `replace_original` edits
   * the message clicked, `response_type: in_channel` posts a new message, anything else is ephemeral to the user.
   */
  private receiveResponse(req: SandboxRequest): SandboxReply {
    const context = this.responseUrls.get(req.params.responseId);
    if (!context) return { status: 404, body: 'no_active_hooks' };
    const body = isRecord(req.body) ? req.body : {};
    this.responses.push({ responseUrl: `${this.url}${req.path}`, body, ...context, receivedAt: new Date() });
    const content = messageContent(body);
    const original = this.messages.find((m) => m.channel === context.channel && m.ts === context.messageTs);
    if (isTrue(body.delete_original)) {
      if (original) this.messages.splice(this.messages.indexOf(original), 1);
    } else if (typeof content === 'string') {
      return { status: 400, body: { ok: false, error: content } };
    } else if (isTrue(body.replace_original) && original) {
      this.edit(original, content);
    } else if (body.response_type === 'in_channel') {
      const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
      this.messages.push({ channel: context.channel, ...content, ts: this.nextTs(), thread_ts: threadTs, postedAt: new Date(), token: '', edits: [] });
    } else {
      this.ephemerals.push({ channel: context.channel, user: context.userId, ...content, ts: this.nextTs(), postedAt: new Date(), via: 'response_url' });
    }
    return { body: { ok: true } };
  }

  private edit(message: SlackMessage, content: { text?: string; blocks?: unknown[] }): void {
    message.edits.push({ editedAt: new Date(), text: message.text, blocks: message.blocks });
    message.text = content.text;
    message.blocks = content.blocks;
  }

  /** The channel an argument names, without `#`, or undefined when it is missing or not among `channels`. */
  private knownChannel(value: unknown): string | undefined {
    if (typeof value !== 'string' || !value) return undefined;
    const channel = channelName(value);
    return this.channels && !this.channels.has(channel) ? undefined : channel;
  }

  /** A reply's thread: Slack threads only one level deep, so a reply to a reply joins its parent's thread. */
  private threadRoot(channel: string, threadTs: unknown): string | undefined {
    if (typeof threadTs !== 'string' || !threadTs) return undefined;
    const named = this.messages.find((m) => m.channel === channel && m.ts === threadTs);
    return named?.thread_ts ?? threadTs;
  }

  /** A stored message as Slack's API shows it: a parent with replies carries the thread's counts. */
  private asSlackMessage(m: SlackMessage, withMetadata: boolean): Record<string, unknown> {
    const replies = m.thread_ts ? [] : this.messages.filter((r) => r.channel === m.channel && r.thread_ts === m.ts);
    const thread = replies.length
      ? { thread_ts: m.ts, reply_count: replies.length, reply_users_count: 1, latest_reply: replies.at(-1)!.ts, reply_users: [SLACK_SANDBOX_BOT_USER_ID], is_locked: false, subscribed: false }
      : { thread_ts: m.thread_ts, ...(m.thread_ts ? { parent_user_id: SLACK_SANDBOX_BOT_USER_ID } : {}) };
    const edit = m.edits.at(-1);
    return {
      type: 'message',
      user: SLACK_SANDBOX_BOT_USER_ID,
      bot_id: SLACK_SANDBOX_BOT_ID,
      app_id: SLACK_SANDBOX_APP_ID,
      text: m.text,
      blocks: m.blocks,
      ts: m.ts,
      ...thread,
      ...(edit ? { edited: { user: SLACK_SANDBOX_BOT_USER_ID, ts: tsOf(edit.editedAt) } } : {}),
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    };
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
    const inRange = timeRange(args);
    const found = this.messages.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts) && inRange(Number(m.ts))).reverse();
    const page = paginate(found, args);
    const withMetadata = isTrue(args.include_all_metadata);
    return {
      ok: true,
      messages: page.items.map((m) => this.asSlackMessage(m, withMetadata)),
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
    return message ? { body: { channel: message.channel, ...this.asSlackMessage(message, true) } } : { status: 404, body: { ok: false, error: 'message_not_found' } };
  }

  /** Slack timestamps are unique per channel and increase; microseconds of the clock, bumped on a tie. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    const seconds = Math.floor(this.lastTsMicros / 1e6);
    return `${seconds}.${String(this.lastTsMicros % 1e6).padStart(6, '0')}`;
  }

  private nextId(): string {
    this.sequence += 1;
    return `0SANDBOX${String(this.sequence).padStart(4, '0')}`;
  }
}

/** A Slack-style `seconds.micros` timestamp of a date. */
function tsOf(date: Date): string {
  const ms = date.getTime();
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}

/** `oldest`/`latest`/`inclusive` of `conversations.history` and `conversations.replies`. */
function timeRange(args: SlackArgs): (ts: number) => boolean {
  const inclusive = isTrue(args.inclusive);
  const oldest = Number(args.oldest ?? 0);
  const latest = args.latest === undefined ? Infinity : Number(args.latest);
  return (ts) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
}

/** The `text` and `blocks` of a message being posted or edited, or Slack's error for them. */
function messageContent(args: SlackArgs): { text?: string; blocks?: unknown[] } | string {
  const text = typeof args.text === 'string' ? args.text : undefined;
  const blocks = parseBlocks(args.blocks);
  if (blocks === 'invalid') return 'invalid_blocks_format';
  if (!text && !blocks?.length && !args.attachments) return 'no_text';
  return { text, blocks };
}

/** Cursor paging as Slack does it: `limit` (default 100, at most 999) and an opaque `next_cursor`, empty on the last page. */
function paginate<T>(items: T[], args: SlackArgs, defaultLimit = DEFAULT_PAGE): { items: T[]; nextCursor: string } {
  const requested = Number(args.limit ?? defaultLimit);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, Math.max(MAX_PAGE, defaultLimit)) : defaultLimit;
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

/** A JSON-encoded argument (WebClient form-encodes objects as JSON strings); a JSON body carries the object. */
function parseJsonArg(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
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
