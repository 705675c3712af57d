/**
 * Slack mrkdwn for text Hydrator does not write itself: commit subjects and authors from git, error
 * messages and build URLs from Jenkins, reasons and names typed by operators. Every such piece goes
 * through {@link escapeMrkdwn} before it is put into a Slack message, so it reads as plain text and can
 * neither add a link or a mention (`<https://evil|Cancel>`, `<!channel>`) nor end the code block it sits in.
 *
 * - `&`, `<` and `>` become `&amp;`, `&lt;` and `&gt;`, as Slack's formatting reference asks ("Escaping
 *   text"): those three are the only control characters, and Slack shows the entities as the characters.
 * - A backtick becomes `ˋ` (U+02CB, modifier letter grave accent), which looks the same: Slack has no
 *   escape for backticks, and one ``` in a commit subject would otherwise close the shortlog's code block
 *   and let the rest of the line be formatted, next to the real cancel link.
 *
 * `*`, `_` and `~` are left alone: at worst they make a word bold or italic outside a code block; they
 * cannot add a link or change which text is a link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '\u02cb');
}

/** A link `<url|label>` whose URL and label cannot end it early or add another one. */
export function mrkdwnLink(url: string, label: string): string {
  // In the URL the characters are percent-encoded, which browsers read the same; `&` stays a query separator.
  const target = url.replace(/&/g, '&amp;').replace(/[<>|`\s]/g, (c) => encodeURIComponent(c));
  return `<${target}|${escapeMrkdwn(label)}>`;
}
