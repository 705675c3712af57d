import { OutboxMessage, OutboxStatus } from '@hydrator/database';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn';
import { SlackMessagePayload, SlackResult } from './outbox-payloads';
import { listSections, sectionBlock, SlackBlock } from './slack-blocks';

/** Sections the list of team messages may take (a message has at most 50 blocks). */
const TEAM_LIST_SECTIONS = 40;

/**
 * The SRE channel's summary of a rollout: the intro, then one line per team message in the order of
 * their labels, linked by its permalink (`<url|label>`), or marked as failed with the reason.
 */
export function composeSreSummary(intro: string, teamMessages: readonly OutboxMessage[]): string {
  return [intro, ...teamMessageLines(teamMessages)].join('\n');
}

/**
 * The summary as Block Kit, with {@link composeSreSummary}'s text as the fallback: the intro in a
 * section, then the team messages as a list, in as many sections as their length needs.
 */
export function composeSreSummaryMessage(intro: string, teamMessages: readonly OutboxMessage[]): { text: string; blocks: SlackBlock[] } {
  const lines = teamMessageLines(teamMessages);
  const list = listSections(lines, TEAM_LIST_SECTIONS);
  const blocks = [sectionBlock(intro), ...list.blocks];
  if (list.left > 0) blocks.push(sectionBlock(`… and ${list.left} more team message${list.left === 1 ? '' : 's'} (see the rollout page)`));
  return { text: [intro, ...lines].join('\n'), blocks };
}

function teamMessageLines(teamMessages: readonly OutboxMessage[]): string[] {
  const labelled = teamMessages.map((message) => ({ message, label: (message.payload as unknown as SlackMessagePayload).label ?? message.destination }));
  return labelled
    .sort((a, b) => a.label.localeCompare(b.label))
    .map(({ message, label }) => {
      const permalink = (message.result as SlackResult | null | undefined)?.permalink;
      if (message.status === OutboxStatus.SENT) return permalink ? `• ${mrkdwnLink(permalink, label)}` : `• ${escapeMrkdwn(label)} (posted; no link)`;
      return `• ${escapeMrkdwn(label)}: failed to post${message.lastError ? ` (${escapeMrkdwn(message.lastError)})` : ''}`;
    });
}
