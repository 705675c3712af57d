import { OutboxMessage, OutboxStatus } from '@hydrator/database';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn';
import { SlackMessagePayload, SlackResult } from './outbox-payloads';

/**
 * The SRE channel's summary of a rollout: the intro, then one line per team message in the order of
 * their labels, linked by its permalink (`<url|label>`), or marked as failed with the reason.
 */
export function composeSreSummary(intro: string, teamMessages: readonly OutboxMessage[]): string {
  const labelled = teamMessages.map((message) => ({ message, label: (message.payload as unknown as SlackMessagePayload).label ?? message.destination }));
  const lines = labelled
    .sort((a, b) => a.label.localeCompare(b.label))
    .map(({ message, label }) => {
      const permalink = (message.result as SlackResult | null | undefined)?.permalink;
      if (message.status === OutboxStatus.SENT) return permalink ? `• ${mrkdwnLink(permalink, label)}` : `• ${escapeMrkdwn(label)} (posted; no link)`;
      return `• ${escapeMrkdwn(label)}: failed to post${message.lastError ? ` (${escapeMrkdwn(message.lastError)})` : ''}`;
    });
  return [intro, ...lines].join('\n');
}
