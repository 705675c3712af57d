/**
 * Block Kit pieces for Hydrator's Slack messages, within Slack's limits so a message is never refused for
 * its size (`invalid_blocks`): a section's text at most 3,000 characters, a header's 150, a context at
 * most 10 elements, a button's text 75, 50 blocks per message. Every mrkdwn text given here must already
 * be escaped ({@link escapeMrkdwn}) or built with {@link mrkdwnLink}: these helpers never escape, so they
 * cannot double-escape either. Plain-text objects (header, button, option) are not mrkdwn: Slack shows them
 * as written, apart from `:emoji:` codes.
 */

/** A block as Slack's Web API takes it (the shapes below are the ones Hydrator uses). */
export type SlackBlock = Record<string, unknown>;

export const MAX_SECTION_TEXT = 3000;
const MAX_HEADER_TEXT = 150;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_CONTEXT_TEXT = 2000;
const MAX_BUTTON_TEXT = 75;
/** Slack refuses more than 50 blocks in a message. */
export const MAX_BLOCKS = 50;

export function plainText(text: string, max = MAX_SECTION_TEXT): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

export function headerBlock(text: string): SlackBlock {
  return { type: 'header', text: plainText(text, MAX_HEADER_TEXT) };
}

/** A section of escaped mrkdwn, with an optional accessory (a button). */
export function sectionBlock(mrkdwn: string, accessory?: SlackBlock): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, MAX_SECTION_TEXT) }, ...(accessory ? { accessory } : {}) };
}

/** Small grey lines under a message; each piece is escaped mrkdwn. */
export function contextBlock(pieces: string[]): SlackBlock {
  return { type: 'context', elements: pieces.slice(0, MAX_CONTEXT_ELEMENTS).map((text) => ({ type: 'mrkdwn', text: truncate(text, MAX_CONTEXT_TEXT) })) };
}

export function dividerBlock(): SlackBlock {
  return { type: 'divider' };
}

export function buttonElement(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): SlackBlock {
  return { type: 'button', text: plainText(text, MAX_BUTTON_TEXT), action_id: actionId, value, ...(style ? { style } : {}) };
}

/**
 * Lines of escaped mrkdwn (a list) as few sections as fit: whole lines only, at most
 * {@link MAX_SECTION_TEXT} characters each (a longer line is cut, so keep lines short), at most
 * `maxSections`. Returns the sections and how many lines did not fit.
 */
export function listSections(lines: string[], maxSections: number): { blocks: SlackBlock[]; left: number } {
  const blocks: SlackBlock[] = [];
  let current: string[] = [];
  let size = 0;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (current.length > 0 && size + 1 + line.length > MAX_SECTION_TEXT) {
      if (blocks.length + 1 >= maxSections) break;
      blocks.push(sectionBlock(current.join('\n')));
      current = [];
      size = 0;
    }
    current.push(line);
    size += (current.length > 1 ? 1 : 0) + line.length;
  }
  if (current.length) blocks.push(sectionBlock(current.join('\n')));
  return { blocks, left: lines.length - i };
}

/**
 * Cuts text to `max` characters with an ellipsis. Cut what comes from git or people before escaping it:
 * cutting escaped mrkdwn may split an entity or a link (the helpers above cut only as a last resort, so
 * Slack never refuses the message).
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
