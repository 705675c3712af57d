import type { OutboxMessagesQuery } from '../gql/graphql';
import type { OutboxStatus } from '../gql/schema-types';
import { ExternalLink } from '../ui/external-link';
import { StatusBadge } from '../ui/status';
import { TableHead } from '../ui/table';
import { Time } from '../ui/time';
import { SlackText } from './slack-text';

export type OutboxRow = OutboxMessagesQuery['outbox'][number];

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'HELD'];

const KIND_LABEL: Readonly<Record<string, string>> = {
  SLACK_MESSAGE: 'Slack message',
  SLACK_SRE_SUMMARY: 'Slack SRE summary',
  JIRA_ISSUE: 'Jira ticket',
  SLACK_REPLY: 'Slack thread reply',
  SLACK_UPDATE: 'Slack message update',
  JIRA_COMMENT: 'Jira comment',
  JIRA_TRANSITION: 'Jira transition',
};

/** Jira's kinds (ticket, comment, transition) start with `JIRA_`; the others are Slack's. */
export function isJiraKind(kind: string): boolean {
  return kind.startsWith('JIRA_');
}

/** Where the message is once sent: Slack's permalink, or the Jira issue by its key, linked to its page. */
function SentLink({ kind, link, url }: { kind: string; link: string | null | undefined; url: string | null | undefined }) {
  if (!link && !url) return <span className="muted">—</span>;
  return <ExternalLink href={url ?? link}>{isJiraKind(kind) ? `Jira ${link ?? 'issue'}` : 'permalink'}</ExternalLink>;
}

/** Messages, newest first: what they say, where they go, whether they went out. */
export function OutboxTable({ messages }: { messages: readonly OutboxRow[] }) {
  return (
    <table className="outbox">
      <TableHead columns={['Kind', 'Destination', 'Status', 'Text', 'Link', 'Created', 'Sent']} />
      <tbody>
        {messages.map((message) => (
          <tr key={message.id} data-message={message.id} data-status={message.status}>
            <td>{KIND_LABEL[message.kind] ?? message.kind}</td>
            <td>
              <code>{message.destination}</code>
            </td>
            <td>
              {OUTBOX_STATUSES.includes(message.status as OutboxStatus) ? <StatusBadge status={message.status as OutboxStatus} /> : message.status}
              {message.lastError && <div className="row-error">{message.lastError}</div>}
            </td>
            <td>{!message.text ? <span className="muted">—</span> : isJiraKind(message.kind) ? <div className="message-text">{message.text}</div> : <SlackText text={message.text} />}</td>
            <td>
              <SentLink kind={message.kind} link={message.link} url={message.url} />
            </td>
            <td>
              <Time value={message.createdAt} />
            </td>
            <td>
              <Time value={message.sentAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
