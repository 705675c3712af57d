import { recoveryLabel } from '@hydrator/notifier';
import { JiraSandbox, SlackSandbox } from '@hydrator/sandbox';

/** An outbox row as the checks read it. */
export interface OutboxRow {
  id: string;
  kind: string;
  status: string;
}

const POSTED = ['SLACK_MESSAGE', 'SLACK_SRE_SUMMARY', 'SLACK_REPLY'];

/**
 * Compares the outbox with what Slack and Jira received (the sandboxes record it): each posted
 * message, issue and comment arrived at most once, and — when `settled` — every row is SENT and
 * arrived exactly once. Messages are matched by the outbox id Hydrator puts in each (Slack metadata,
 * the Jira label and comment footer), which is how its own crash recovery finds them.
 */
export function deliveryViolations(rows: OutboxRow[], slack: SlackSandbox, jira: JiraSandbox, settled: boolean): string[] {
  const violations: string[] = [];
  const posted = new Map<string, number>();
  for (const message of slack.messages) {
    const id = message.metadata?.event_payload.outbox_id;
    if (typeof id === 'string') posted.set(id, (posted.get(id) ?? 0) + 1);
  }
  const known = new Set(rows.map((row) => row.id));
  for (const id of posted.keys()) if (!known.has(id)) violations.push(`Slack got a message for outbox id ${id}, which the outbox does not hold`);
  for (const row of rows) {
    let arrived: number | undefined;
    if (POSTED.includes(row.kind)) arrived = posted.get(row.id) ?? 0;
    else if (row.kind === 'JIRA_ISSUE') arrived = jira.issues.filter((issue) => ((issue.fields.labels as string[] | undefined) ?? []).includes(recoveryLabel(row.id))).length;
    else if (row.kind === 'JIRA_COMMENT') arrived = jira.comments.filter((comment) => comment.text.includes(recoveryLabel(row.id))).length;
    if (arrived !== undefined && arrived > 1) violations.push(`${row.kind} ${row.id} arrived ${arrived} times`);
    if (!settled) continue;
    if (row.status !== 'SENT') violations.push(`${row.kind} ${row.id} is ${row.status}, not SENT`);
    else if (arrived === 0) violations.push(`${row.kind} ${row.id} is SENT but never arrived`);
  }
  if (settled) {
    const transitions = jira.issues.flatMap((issue) => issue.transitions);
    const wanted = rows.filter((row) => row.kind === 'JIRA_TRANSITION').length;
    if (transitions.length !== wanted) violations.push(`${transitions.length} Jira transitions made for ${wanted} in the outbox`);
  }
  return violations;
}
