import { useQuery } from '../api/hooks';
import { graphql } from '../gql';
import { isJiraKind, OUTBOX_STATUSES, OutboxTable } from '../outbox/outbox-table';
import '../outbox/outbox.css';
import { Link } from '../router';
import { useDocumentTitle } from '../ui/document-title';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { StatusBadge } from '../ui/status';
import { allowedValue, UrlSelect, useUrlFilters } from '../ui/url-filters';

const OutboxQuery = graphql(`
  query OutboxMessages($rolloutId: ID, $status: OutboxStatus) {
    outbox(rolloutId: $rolloutId, status: $status) {
      id
      kind
      destination
      status
      text
      lastError
      link
      url
      createdAt
      sentAt
    }
  }
`);

/** What each status means, next to its badge. */
const MEANING = {
  PENDING: 'waiting for the notifier to send it',
  SENDING: 'being sent (or tried again after a temporary error)',
  SENT: 'delivered: the link is its Slack permalink or Jira key',
  FAILED: 'delivery gave up; the error says why',
  HELD: 'the integration is not configured: the message waits here and goes out once it is',
} as const;

/** Slack messages and Jira tickets Hydrator sent or holds, filtered by status (and rollout) in the URL. */
export function OutboxPage() {
  useDocumentTitle('Outbox');
  const { search, setFilters } = useUrlFilters();
  const status = allowedValue(search, 'status', OUTBOX_STATUSES);
  const rolloutId = search.get('rollout') || undefined;
  const { data, error, loading, reload } = useQuery(OutboxQuery, { rolloutId, status });
  const messages = [...(data?.outbox ?? [])].reverse();
  const held = messages.filter((message) => message.status === 'HELD');
  const unconfigured = [
    ...(held.some((message) => !isJiraKind(message.kind)) ? ['Slack (SLACK_TOKEN)'] : []),
    ...(held.some((message) => isJiraKind(message.kind)) ? ['Jira (JIRA_HOST, JIRA_EMAIL, JIRA_API_TOKEN)'] : []),
  ];

  return (
    <>
      <h1>Outbox</h1>
      <p>Every Slack message and Jira ticket Hydrator owes, newest first, and whether it went out.</p>
      <dl className="outbox-statuses">
        {OUTBOX_STATUSES.map((value) => (
          <div key={value}>
            <dt>
              <StatusBadge status={value} />
            </dt>
            <dd>{MEANING[value]}</dd>
          </div>
        ))}
      </dl>
      <form className="inline outbox-filters" aria-label="Filter the outbox" onSubmit={(event) => event.preventDefault()}>
        <UrlSelect name="status" label="Status" anyLabel="Any status" options={OUTBOX_STATUSES.map((value) => ({ value }))} value={status} />
        {rolloutId && (
          <p>
            Messages of rollout <Link to={`/rollouts/${encodeURIComponent(rolloutId)}`}>{rolloutId}</Link>{' '}
            <button type="button" onClick={() => setFilters({ rollout: undefined })}>
              Every rollout
            </button>
          </p>
        )}
        <button type="button" onClick={reload} disabled={loading}>
          Reload
        </button>
      </form>
      {held.length > 0 && (
        <p className="notice" role="note">
          <strong>{held.length} HELD:</strong> {unconfigured.join(' and ')} {unconfigured.length > 1 ? 'are' : 'is'} not configured in this Hydrator. Held messages stay here and go out once the
          integration is configured and the notifier restarted; nothing is lost meanwhile.
        </p>
      )}
      <section aria-busy={loading}>
        {error ? (
          <ErrorState error={error} retry={reload} />
        ) : !data ? (
          <Loading what="the outbox" />
        ) : messages.length === 0 ? (
          <EmptyState title={status ? `No ${status} message.` : 'The outbox is empty.'}>
            <p>Messages appear here when a week is planned (team messages, the SRE summary, the Jira ticket) and when a deployment fails.</p>
          </EmptyState>
        ) : (
          <OutboxTable messages={messages} />
        )}
      </section>
    </>
  );
}
