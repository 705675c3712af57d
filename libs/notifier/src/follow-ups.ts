import { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentStatus, OutboxKind, OutboxMessage, OutboxStatus } from '@hydrator/database';
import { JiraCommentPayload, JiraResult, JiraTransitionPayload, SlackMessagePayload, SlackReplyPayload, SlackResult, SlackUpdatePayload } from './outbox-payloads';
import { AnnouncedDeploymentState, teamMessageUpdate } from './team-message-update';

/** Whether a follow-up (a message with a parent) may be sent now. */
export type FollowUpReadiness =
  | { status: 'ready' }
  /** Its parent or an older sibling is not sent yet. */
  | { status: 'waiting'; reason: string }
  /** Its parent or an older sibling is held: so is it, and it is released with them. */
  | { status: 'held' }
  /** Its parent failed for good: there is nothing to reply to, update or comment on. */
  | { status: 'failed'; error: string };

const DONE = new Set([OutboxStatus.SENT, OutboxStatus.FAILED]);

/**
 * Decides, inside the claim's transaction, whether a follow-up can go: only after its parent is SENT and
 * after every older sibling (same parent, created before it) is SENT or FAILED, so the replies of a thread
 * keep their order and the last update of a message is the last one shown. When it can, what the parent
 * answered is copied into its payload (the thread's ts, the issue's key). Only outbox rows are read here:
 * an update is composed afterwards ({@link composeUpdate}), outside the claim's row lock.
 */
export async function prepareFollowUp(em: EntityManager, message: OutboxMessage): Promise<FollowUpReadiness> {
  const parent = await em.findOneOrFail(OutboxMessage, { id: message.parent!.id });
  if (parent.status === OutboxStatus.FAILED) return { status: 'failed', error: `not sent: the ${describeKind(parent.kind)} it follows failed (${parent.lastError ?? 'no reason recorded'})` };
  if (parent.status === OutboxStatus.HELD) return { status: 'held' };
  if (parent.status !== OutboxStatus.SENT) return { status: 'waiting', reason: `waiting for the ${describeKind(parent.kind)} it follows` };
  const [older] = await em.execute<Array<{ status: OutboxStatus }>>(
    `select status from outbox_message where parent_id = ? and status not in (?) and (created_at, id) < (?::timestamptz, ?::uuid) order by status = ? desc limit 1`,
    [parent.id, [...DONE], message.createdAt, message.id, OutboxStatus.HELD],
  );
  if (older?.status === OutboxStatus.HELD) return { status: 'held' };
  if (older) return { status: 'waiting', reason: 'waiting for the messages written before it on the same thread' };
  resolveTarget(message, parent);
  return { status: 'ready' };
}

/**
 * Composes a claimed SLACK_UPDATE from its parent team message (as claimed with it) and the current state
 * of the deployments that message announced. It reads deployments before the outbox row is written, the
 * order every other transaction takes these tables in.
 */
export async function composeUpdate(em: EntityManager, message: OutboxMessage): Promise<void> {
  const parent = message.parent!;
  const composed = teamMessageUpdate(parent.payload as unknown as SlackMessagePayload, await deploymentStates(em, parent.deploymentIds));
  message.payload = { ...message.payload, ...composed };
}

/** Copies where the follow-up goes from its sent parent into its payload; an update is composed now. */
function resolveTarget(message: OutboxMessage, parent: OutboxMessage): void {
  switch (message.kind) {
    case OutboxKind.SLACK_REPLY: {
      const { channel, ts } = parent.result as unknown as SlackResult;
      message.payload = { ...(message.payload as unknown as SlackReplyPayload), thread: { channel, ts } };
      return;
    }
    case OutboxKind.SLACK_UPDATE: {
      const { channel, ts } = parent.result as unknown as SlackResult;
      message.payload = { ...(message.payload as unknown as SlackUpdatePayload), target: { channel, ts } };
      return;
    }
    case OutboxKind.JIRA_COMMENT:
    case OutboxKind.JIRA_TRANSITION: {
      const { key } = parent.result as unknown as JiraResult;
      message.payload = { ...(message.payload as unknown as JiraCommentPayload | JiraTransitionPayload), issueKey: key };
      return;
    }
    default:
      return;
  }
}

async function deploymentStates(em: EntityManager, ids: readonly string[]): Promise<AnnouncedDeploymentState[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<
    Array<{
      id: string;
      status: DeploymentStatus;
      cluster: string;
      environment: string;
      error: string | null;
      changed_by: string | null;
      change_reason: string | null;
      jenkins_build_url: string | null;
      started_at: Date | null;
      finished_at: Date | null;
    }>
  >(
    `select d.id, d.status, t.cluster, t.environment, d.error, d.changed_by, d.change_reason, d.jenkins_build_url, d.started_at, d.finished_at
       from deployment d join target t on t.id = d.target_id where d.id in (?) order by t.position, t.cluster`,
    [[...ids]],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    cluster: row.cluster,
    environment: row.environment,
    error: row.error,
    changedBy: row.changed_by,
    changeReason: row.change_reason,
    jenkinsBuildUrl: row.jenkins_build_url,
    startedAt: row.started_at && new Date(row.started_at),
    finishedAt: row.finished_at && new Date(row.finished_at),
  }));
}

/** How an error names a message of `kind`. */
export function describeKind(kind: OutboxKind): string {
  switch (kind) {
    case OutboxKind.SLACK_SRE_SUMMARY:
      return 'SRE summary';
    case OutboxKind.JIRA_ISSUE:
      return 'Jira issue';
    case OutboxKind.SLACK_MESSAGE:
      return 'Slack message';
    default:
      return kind;
  }
}
