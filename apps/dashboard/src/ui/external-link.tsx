import type { ReactNode } from 'react';

/** Whether `value` is an http(s) URL: only those become links (a `javascript:` URL from the data stays text). */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value);
}

/** A link to another system (Jenkins, Slack, Jira), opened in a new tab; '—' when there is none. */
export function ExternalLink({ href, children }: { href: string | null | undefined; children?: ReactNode }) {
  if (!href) return <span className="muted">—</span>;
  if (!isWebUrl(href)) return <span>{children ?? href}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children ?? href}
    </a>
  );
}
