import { Inject, Injectable } from '@nestjs/common';
import { KnownBlock, WebClient } from '@slack/web-api';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { OutboxKind, OutboxMessage } from '@hydrator/database';
import { HydratorMetrics, instrumentCalls } from '@hydrator/metrics';
import { Courier } from './courier';
import { slackWebClient } from './slack-client';
import { DeliveryResult, OUTBOX_EVENT_TYPE, SlackMessagePayload, SlackReplyPayload, SlackResult, SlackUpdatePayload } from './outbox-payloads';

/** One Slack call may not hold a delivery longer than this (the delivery lease is two minutes). */
const REQUEST_TIMEOUT_MS = 10_000;
/** How far back of the message's creation to look for it, for clocks that disagree. */
const CLOCK_SKEW_MS = 5 * 60_000;
const HISTORY_PAGE = 200;
const MAX_HISTORY_PAGES = 5;
/** Slack conversation IDs: C… public, G… private, D… direct. Anything else is a channel name. */
const CONVERSATION_ID = /^[CGD][A-Z0-9]{8,}$/;

/**
 * Posts to Slack with `@slack/web-api`. The client does not retry (BullMQ does, visibly and durably) and
 * surfaces a 429 as an error carrying `retryAfter`. Every message carries its outbox id as message metadata,
 * so after an interrupted attempt the channel's history (a thread's replies, for a reply) tells whether it
 * was posted. An update (`chat.update`) is simply made again: repeating it changes nothing.
 */
@Injectable()
export class SlackCourier implements Courier {
  readonly integration = 'Slack';
  /** A channel's history shows a message as soon as it is posted. */
  readonly settleMs = 0;
  private readonly client?: WebClient;

  constructor(@Inject(HYDRATOR_CONFIG) config: HydratorConfig, metrics: HydratorMetrics) {
    if (config.slack) {
      const client = slackWebClient(config.slack, REQUEST_TIMEOUT_MS);
      // The Web API methods the courier calls, timed and counted by name (`chat.postMessage`…): the SDK binds
      // each of them to `apiCall` when it is built, so they are wrapped one by one.
      instrumentCalls(client.chat, metrics, 'slack', ['postMessage', 'update', 'getPermalink'], (method) => `chat.${method}`);
      instrumentCalls(client.conversations, metrics, 'slack', ['history', 'replies', 'list'], (method) => `conversations.${method}`);
      this.client = client;
    }
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  async send(message: OutboxMessage): Promise<SlackResult> {
    if (message.kind === OutboxKind.SLACK_UPDATE) {
      const update = message.payload as unknown as SlackUpdatePayload;
      const { channel, ts } = targetOf(message, update.target);
      // Without `metadata` Slack keeps the message's own, which tags it with the team message's outbox id.
      await this.slack().chat.update({ channel, ts, text: update.text, blocks: update.blocks as KnownBlock[] | undefined });
      return { channel, ts };
    }
    const payload = message.payload as unknown as SlackMessagePayload | SlackReplyPayload;
    const thread = message.kind === OutboxKind.SLACK_REPLY ? targetOf(message, (payload as SlackReplyPayload).thread) : undefined;
    const posted = await this.slack().chat.postMessage({
      channel: thread?.channel ?? message.destination,
      thread_ts: thread?.ts,
      text: payload.text,
      blocks: payload.blocks as KnownBlock[] | undefined,
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: message.id } },
      unfurl_links: false,
    });
    return { channel: posted.channel!, ts: posted.ts! };
  }

  async findDelivered(message: OutboxMessage): Promise<SlackResult | undefined> {
    // An update made twice shows the same: it is made again rather than looked for.
    if (message.kind === OutboxKind.SLACK_UPDATE) return undefined;
    if (message.kind === OutboxKind.SLACK_REPLY) return this.findReply(message, targetOf(message, (message.payload as unknown as SlackReplyPayload).thread));
    const channel = await this.conversationId(message.destination);
    // Slack does not know the channel: nothing can have been posted there.
    if (!channel) return undefined;
    const oldest = ((message.createdAt.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      const history = await this.slack().conversations.history({ channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE, cursor });
      const found = history.messages?.find((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && outboxIdOf(m.metadata.event_payload) === message.id);
      if (found?.ts) return { channel, ts: found.ts };
      cursor = history.response_metadata?.next_cursor;
      if (!history.has_more || !cursor) return undefined;
    }
    return undefined;
  }

  /** A reply is in its thread: `conversations.replies` lists it with its metadata. */
  private async findReply(message: OutboxMessage, thread: { channel: string; ts: string }): Promise<SlackResult | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      const replies = await this.slack().conversations.replies({ channel: thread.channel, ts: thread.ts, include_all_metadata: true, limit: HISTORY_PAGE, cursor });
      const found = replies.messages?.find((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && outboxIdOf(m.metadata.event_payload) === message.id);
      if (found?.ts) return { channel: thread.channel, ts: found.ts };
      cursor = replies.response_metadata?.next_cursor;
      if (!replies.has_more || !cursor) return undefined;
    }
    return undefined;
  }

  async complete(_message: OutboxMessage, delivered: DeliveryResult): Promise<SlackResult> {
    const posted = delivered as SlackResult;
    if (posted.permalink) return posted;
    const { permalink } = await this.slack().chat.getPermalink({ channel: posted.channel, message_ts: posted.ts });
    return { ...posted, permalink: permalink ?? null };
  }

  /** `conversations.history` wants an ID: a channel name is looked up among the channels the bot can see. */
  private async conversationId(destination: string): Promise<string | undefined> {
    const name = destination.replace(/^#/, '');
    if (CONVERSATION_ID.test(name)) return name;
    let cursor: string | undefined;
    do {
      const page = await this.slack().conversations.list({ types: 'public_channel,private_channel', exclude_archived: true, limit: 1000, cursor });
      const found = page.channels?.find((c) => c.name === name);
      if (found?.id) return found.id;
      cursor = page.response_metadata?.next_cursor;
    } while (cursor);
    return undefined;
  }

  private slack(): WebClient {
    if (!this.client) throw new Error('Slack is not configured (SLACK_TOKEN)');
    return this.client;
  }
}

/** Where a follow-up goes: its parent's conversation and ts, copied in when it was claimed. */
function targetOf(message: OutboxMessage, target: { channel: string; ts: string } | undefined): { channel: string; ts: string } {
  if (!target) throw new Error(`${message.kind} ${message.id} has no parent message to go to`);
  return target;
}

/** The outbox id Hydrator stamped into a message's metadata (the SDK types the payload loosely). */
function outboxIdOf(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as { outbox_id?: unknown }).outbox_id : undefined;
}
