import { buttonElement, SlackBlock } from './slack-blocks';

/** "45s", "3m07s", "2h05m". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** The console page of a Jenkins build (`<build URL>console`). */
export function consoleUrlOf(buildUrl: string): string {
  return `${buildUrl.replace(/\/+$/, '')}/console`;
}

/** Slack refuses a button whose URL is longer than this. */
const MAX_BUTTON_URL = 3000;

/**
 * A button that opens `url`, or nothing when `url` is not an http(s) URL Slack takes (a URL from Jenkins
 * is not trusted to be one, and one bad button would make Slack refuse the whole message).
 */
export function linkButton(text: string, url: string | null | undefined, actionId: string): SlackBlock[] {
  if (!url || url.length > MAX_BUTTON_URL) return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return [];
  return [{ ...buttonElement(text, actionId, actionId), url: parsed.toString() }];
}
