import { LogLevel, WebClient } from '@slack/web-api';
import { Version3Client } from 'jira.js';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { OutboxStatus } from '@hydrator/database';
import { OutboxRecovery, OutboxService, recoveryLabel } from '@hydrator/notifier';
import { JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JiraSandbox, SLACK_SANDBOX_TOKEN, SlackSandbox } from '@hydrator/sandbox';
import { TestHydrator } from '@hydrator/testing';
import { inStatus as inStatusOf, outboxMessage, plannedRollout as plannedRolloutOf, produce as produceWith } from './support/outbox-fixture';

const slack = new SlackSandbox({ channels: ['team-api', 'sre'] });
// "Done" can be reached from any status, as in many Jira projects; the others from one status each.
const jira = new JiraSandbox({
  projects: ['HYD'],
  workflow: {
    statuses: ['To Do', 'In Progress', 'Done'],
    transitions: [
      { id: '11', name: 'Start progress', from: ['To Do'], to: 'In Progress' },
      { id: '31', name: 'Done', from: [], to: 'Done' },
      { id: '41', name: 'Reopen', from: ['Done'], to: 'To Do' },
    ],
  },
});

let hydrator: TestHydrator;

beforeAll(async () => {
  await slack.start();
  await jira.start();
  hydrator = await TestHydrator.start({
    modules: [NotifierModule],
    env: { SLACK_TOKEN: SLACK_SANDBOX_TOKEN, SLACK_API_URL: slack.apiUrl, JIRA_HOST: jira.url, JIRA_EMAIL: JIRA_SANDBOX_EMAIL, JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN, JIRA_PROJECT: 'HYD' },
  });
});
afterAll(async () => {
  await hydrator?.close();
  await slack.stop();
  await jira.stop();
});
beforeEach(async () => {
  await hydrator.resetDatabase();
  slack.messages.length = 0;
  slack.requests.length = 0;
  jira.issues.length = 0;
  jira.comments.length = 0;
  jira.requests.length = 0;
});

const plannedRollout = () => plannedRolloutOf(hydrator, '2026-W49');
const produce = (write: Parameters<typeof produceWith>[1]) => produceWith(hydrator, write);
const message = (id: string) => outboxMessage(hydrator, id);
const inStatus = (id: string, status: OutboxStatus, timeoutMs?: number) => inStatusOf(hydrator, id, status, timeoutMs);

/** Pretends the attempt that claimed `id` died after the remote call: SENDING, its lease long over. */
async function interrupted(id: string): Promise<void> {
  await hydrator.orm.em.fork().getConnection().execute(`update outbox_message set status = 'SENDING', attempts = 1, next_attempt_at = now() - interval '3 minutes' where id = ?`, [id]);
}

describe('outbox follow-ups', () => {
  it('replies in the summary thread only after the summary, in the order they were written', async () => {
    const { rollout } = await plannedRollout();
    const [summary] = await hydrator.orm.em
      .fork()
      .transactional((em) => [hydrator.app.get(OutboxService).sreSummary(em, { dedupKey: `rollout:${rollout.id}:sre-summary`, rollout, channel: '#sre', intro: 'Weekly rollout 2026-W49' }).id]);
    // Handed over before their parent: they wait for it, then go in order.
    const replies = await produce((outbox, em) =>
      ['api started', 'api finished', 'web started'].map((text, i) => outbox.slackReply(em, { dedupKey: `rollout:${rollout.id}:thread:${i}`, rollout, parentId: summary, channel: '#sre', text })),
    );
    await hydrator.app.get(OutboxService).dispatch([summary]);

    for (const id of replies) await inStatus(id, OutboxStatus.SENT);
    const parent = slack.messages.find((m) => m.channel === 'sre' && !m.thread_ts)!;
    const thread = slack.messages.filter((m) => m.thread_ts === parent.ts);
    expect(thread.map((m) => m.text)).toEqual(['api started', 'api finished', 'web started']);
    expect(thread.map((m) => m.metadata?.event_payload.outbox_id)).toEqual(replies);
    expect(Number(thread[0].ts)).toBeGreaterThan(Number(parent.ts));
    expect((await message(replies[0]))?.result).toMatchObject({ channel: 'sre', permalink: expect.stringContaining(`thread_ts=${parent.ts}`) });
  });

  it("updates a team message with its deployments' state, dropping the Cancel button of the one canceled", async () => {
    const { rollout, deploymentIds } = await plannedRollout();
    const [canceled, waiting] = deploymentIds;
    const blocks = deploymentIds.map((id, i) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: `*prod-${i}*` },
      accessory: { type: 'button', text: { type: 'plain_text', text: 'Cancel…' }, action_id: 'hydrator_cancel', value: id },
    }));
    const [team] = await produce((outbox, em) => [
      outbox.slackMessage(em, { dedupKey: `rollout:${rollout.id}:team:api`, rollout, deploymentIds, channel: '#team-api', text: 'api goes out Wednesday', blocks }),
    ]);
    await inStatus(team, OutboxStatus.SENT);
    await hydrator.orm.em
      .fork()
      .getConnection()
      .execute(`update deployment set status = 'CANCELED', changed_by = 'slack:U0ALICE', change_reason = 'needs the <!channel> migration first' where id = ?`, [canceled]);

    const [update] = await produce((outbox, em) => [
      outbox.slackUpdate(em, { dedupKey: `deployment:${canceled}:canceled:team-update`, rollout, parentId: team, channel: '#team-api', deploymentIds: [canceled], text: 'canceled' }),
    ]);

    await inStatus(update, OutboxStatus.SENT);
    expect(slack.messages).toHaveLength(1);
    const [posted] = slack.messages;
    expect(posted.edits).toHaveLength(1);
    expect(posted.text).toContain('api goes out Wednesday');
    expect(posted.text).toContain('canceled by slack:U0ALICE: needs the &lt;!channel&gt; migration first');
    expect(posted.text).toContain('*prod-eu/production*: scheduled');
    const buttons = JSON.stringify(posted.blocks);
    expect(buttons).not.toContain(canceled);
    expect(buttons).toContain(waiting);
    // The team message keeps its own metadata, so its outbox row is still found by it.
    expect(posted.metadata?.event_payload.outbox_id).toBe(team);
  });

  it('comments on the Jira issue and transitions it once, and reports a transition the issue does not offer', async () => {
    const { rollout } = await plannedRollout();
    const [issue] = await produce((outbox, em) => [
      outbox.jiraIssue(em, { dedupKey: `rollout:${rollout.id}:jira`, rollout, project: 'HYD', summary: 'Weekly rollout 2026-W49', description: 'planned' }),
    ]);
    const [comment, done] = await produce((outbox, em) => [
      outbox.jiraComment(em, { dedupKey: 'comment', rollout, parentId: issue, project: 'HYD', body: 'Hydrator completed the rollout.\nRollout: https://hydrator.example' }),
      outbox.jiraTransition(em, { dedupKey: 'done', rollout, parentId: issue, project: 'HYD', transition: 'done' }),
    ]);

    await inStatus(done, OutboxStatus.SENT);
    const [created] = jira.issues;
    expect(jira.commentsOf(created.key).map((c) => c.text)).toEqual([`Hydrator completed the rollout.\nRollout: https://hydrator.example\n— ${recoveryLabel(comment)}`]);
    expect(jira.issue(created.key)).toMatchObject({ status: 'Done', transitions: [expect.objectContaining({ name: 'Done', from: 'To Do' })] });
    expect((await message(comment))?.result).toMatchObject({ key: created.key, url: expect.stringContaining(`/browse/${created.key}?focusedCommentId=`) });
    // The comment went before the transition written after it.
    expect((await message(comment))!.sentAt!.getTime()).toBeLessThanOrEqual((await message(done))!.sentAt!.getTime());

    // Already there: done without another transition. Unknown: FAILED with the reason, nothing else stops.
    const [again, unknown] = await produce((outbox, em) => [
      outbox.jiraTransition(em, { dedupKey: 'done-again', rollout, parentId: issue, project: 'HYD', transition: 'Done' }),
      outbox.jiraTransition(em, { dedupKey: 'close', rollout, parentId: issue, project: 'HYD', transition: 'Close' }),
    ]);
    await inStatus(again, OutboxStatus.SENT);
    const failed = await inStatus(unknown, OutboxStatus.FAILED);
    expect(failed.lastError).toBe(`Jira issue ${created.key} (status "Done") offers no transition named "Close" (JIRA_DONE_TRANSITION); it offers "Reopen"`);
    expect(failed.attempts).toBe(1);
    expect(jira.issue(created.key)!.transitions).toHaveLength(1);
  });

  it('waits out a 429 from Slack and from Jira on follow-ups, then sends each once', async () => {
    const { rollout } = await plannedRollout();
    const [summary, issue] = await produce((outbox, em) => [
      outbox.slackMessage(em, { dedupKey: 'parent', rollout, channel: '#sre', text: 'the summary' }),
      outbox.jiraIssue(em, { dedupKey: 'issue', rollout, project: 'HYD', summary: 'Weekly rollout', description: 'x' }),
    ]);
    await inStatus(summary, OutboxStatus.SENT);
    await inStatus(issue, OutboxStatus.SENT);
    slack.failNext(1, { status: 429, retryAfterSeconds: 1 });
    jira.failNext(1, { status: 429, retryAfterSeconds: 1 });

    const [reply, comment] = await produce((outbox, em) => [
      outbox.slackReply(em, { dedupKey: 'reply', rollout, parentId: summary, channel: '#sre', text: 'after the limit' }),
      outbox.jiraComment(em, { dedupKey: 'comment', rollout, parentId: issue, project: 'HYD', body: 'after the limit' }),
    ]);

    expect((await inStatus(reply, OutboxStatus.SENT)).attempts).toBe(2);
    expect((await inStatus(comment, OutboxStatus.SENT)).attempts).toBe(2);
    expect(slack.messages.filter((m) => m.text === 'after the limit')).toHaveLength(1);
    expect(jira.comments).toHaveLength(1);
  });

  it('fails a follow-up whose parent failed, saying so', async () => {
    const [parent] = await produce((outbox, em) => [outbox.slackMessage(em, { dedupKey: 'lost', channel: '#nowhere', text: 'lost' })]);
    const [reply] = await produce((outbox, em) => [outbox.slackReply(em, { dedupKey: 'lost:reply', parentId: parent, channel: '#nowhere', text: 'in a thread that is not there' })]);

    const failed = await inStatus(reply, OutboxStatus.FAILED);
    expect(failed.lastError).toBe('not sent: the Slack message it follows failed (Slack answered channel_not_found)');
    expect(failed.attempts).toBe(0);
  });

  it('finds a reply and a comment an interrupted attempt made, and makes neither again', async () => {
    const { rollout } = await plannedRollout();
    const [summary, issue] = await produce((outbox, em) => [
      outbox.slackMessage(em, { dedupKey: 'parent', rollout, channel: '#sre', text: 'the summary' }),
      outbox.jiraIssue(em, { dedupKey: 'issue', rollout, project: 'HYD', summary: 'Weekly rollout', description: 'x' }),
    ]);
    const parent = await inStatus(summary, OutboxStatus.SENT);
    const { key } = (await inStatus(issue, OutboxStatus.SENT)).result as { key: string };
    const outbox = hydrator.app.get(OutboxService);
    // Written, not dispatched: the dead attempts below made them, then died before recording it.
    const [reply, comment] = await hydrator.orm.em
      .fork()
      .transactional((em) => [
        outbox.slackReply(em, { dedupKey: 'reply', rollout, parentId: summary, channel: '#sre', text: 'api started' }).id,
        outbox.jiraComment(em, { dedupKey: 'comment', rollout, parentId: issue, project: 'HYD', body: 'halted' }).id,
      ]);
    const { ts } = parent.result as { ts: string };
    const client = new WebClient(SLACK_SANDBOX_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: LogLevel.ERROR });
    await client.chat.postMessage({ channel: 'sre', thread_ts: ts, text: 'api started', metadata: { event_type: 'hydrator_outbox', event_payload: { outbox_id: reply } } });
    const jiraClient = new Version3Client({ host: jira.url, authentication: { basic: { email: JIRA_SANDBOX_EMAIL, apiToken: JIRA_SANDBOX_API_TOKEN } } });
    await jiraClient.issueComments.addComment({ issueIdOrKey: key, comment: `halted\n${recoveryLabel(comment)}` });
    await interrupted(reply);
    await interrupted(comment);

    await hydrator.app.get(OutboxRecovery).reconcile(0);
    await inStatus(reply, OutboxStatus.SENT);
    await inStatus(comment, OutboxStatus.SENT);
    expect(slack.messages.filter((m) => m.thread_ts === ts)).toHaveLength(1);
    expect(slack.requests.map((r) => r.path)).toContain('/api/conversations.replies');
    expect(jira.commentsOf(key)).toHaveLength(1);
  });
});
