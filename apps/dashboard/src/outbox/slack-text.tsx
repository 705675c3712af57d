import { Fragment, type ReactNode } from 'react';
import { isWebUrl } from '../ui/external-link';

/** `<url|label>` or `<url>`, as Slack writes a link; mentions (`<!channel>`, `<@U…>`) and channels stay text. */
const SLACK_LINK = /<([^<>|\s]+)(?:\|([^<>]*))?>/g;

/** Slack's three escapes, undone for reading: what remains is shown as text, never as markup. */
function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A Slack message as a person reads it: its http(s) links clickable (the cancel links teams get), every
 * other character as plain text, so commit subjects in it can never become markup.
 */
export function SlackText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(SLACK_LINK)) {
    const [whole, url, label] = match;
    if (!isWebUrl(url)) continue;
    parts.push(unescapeMrkdwn(text.slice(last, match.index)));
    parts.push(
      <a href={unescapeMrkdwn(url)} target="_blank" rel="noopener noreferrer">
        {unescapeMrkdwn(label ?? url)}
      </a>,
    );
    last = match.index + whole.length;
  }
  parts.push(unescapeMrkdwn(text.slice(last)));
  return (
    <div className="message-text">
      {parts.map((part, index) => (
        <Fragment key={index}>{part}</Fragment>
      ))}
    </div>
  );
}
