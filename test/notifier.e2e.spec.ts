import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { LogLevel, WebClient } from '@slack/web-api';
import { Queue } from 'bullmq';
import { Version3Client } from 'jira.js';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { OutboxStatus } from '@hydrator/database';
import { DeliveryQueue, MessageDelivery, messageIdOf, NotificationsQueue, OutboxReader, OutboxRecovery, OutboxService, recoveryLabel } from '@hydrator/notifier';
import { deliverMessageJobOptions, NOTIFICATIONS_QUEUE } from '@hydrator/queues';
import { adfText, JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JiraSandbox, SLACK_SANDBOX_TOKEN, SlackSandbox } from '@hydrator/sandbox';
import { TestHydrator } from '@hydrator/testing';
import { inStatus as inStatusOf, outboxMessage, plannedRollout as plannedRolloutOf, produce as produceWith } from './support/outbox-fixture';

const slack = new SlackSandbox({ channels: ['team-api', 'team-web', 'sre'] });
const jira = new JiraSandbox({ projects: ['HYD'] });
const slackEnv = () => ({ SLACK_TOKEN: SLACK_SANDBOX_TOKEN, SLACK_API_URL: slack.apiUrl });
const jiraEnv = () => ({ JIRA_HOST: jira.url, JIRA_EMAIL: JIRA_SANDBOX_EMAIL, JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN, JIRA_PROJECT: 'HYD' });

let hydrator: TestHydrator;

beforeAll(async () => {
  await slack.start();
  await jira.start();
});
afterAll(async () => {
  await slack.stop();
  await jira.stop();
});
beforeEach(() => {
  slack.messages.length = 0;
  slack.requests.length = 0;
  jira.issues.length = 0;
});

const plannedRollout = () => plannedRolloutOf(hydrator, '2026-W48');
const produce = (write: Parameters<typeof produceWith>[1]) => produceWith(hydrator, write);
const message = (id: string) => outboxMessage(hydrator, id);
const inStatus = (id: string, status: OutboxStatus, timeoutMs?: number) => inStatusOf(hydrator, id, status, timeoutMs);

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return hydrator.orm.em.fork().getConnection().execute<T[]>(query, params);
}

const postRequests = () => slack.requests.filter((r) => r.path === '/api/chat.postMessage');

describe('notifier with Slack and Jira configured', () => {
  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [NotifierModule], env: { ...slackEnv(), ...jiraEnv() } });
  });
  afterAll(() => hydrator?.close());
  beforeEach(() => hydrator.resetDatabase());
  afterEach(() => slack.setDown(false));

  it('posts a team message once, tagged with its outbox id, and stores its permalink on the deployments', async () => {
    const { rollout, deploymentIds } = await plannedRollout();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*api* f00dcafe goes out Wednesday' } }];
    const [id] = await produce((outbox, em) => [
      outbox.slackMessage(em, { dedupKey: `rollout:${rollout.id}:team:api`, rollout, deploymentIds, channel: '#team-api', text: 'api f00dcafe goes out Wednesday', blocks }),
    ]);

    const sent = await inStatus(id, OutboxStatus.SENT);
    expect(slack.messages).toEqual([
      expect.objectContaining({ channel: 'team-api', text: 'api f00dcafe goes out Wednesday', blocks, metadata: { event_type: 'hydrator_outbox', event_payload: { outbox_id: id } } }),
    ]);
    const { ts } = slack.messages[0];
    const permalink = `${slack.url}/archives/team-api/p${ts.replace('.', '')}`;
    expect(sent).toMatchObject({ attempts: 1, lastError: null, result: { channel: 'team-api', ts, permalink } });
    expect(sent.sentAt).toBeInstanceOf(Date);
    const stored = await sql<{ slack_permalink: string }>(`select slack_permalink from deployment where id in (?)`, [deploymentIds]);
    expect(stored).toEqual([{ slack_permalink: permalink }, { slack_permalink: permalink }]);

    // Handed over again (a second dispatch, a reconciler pass), it is not posted again.
    await hydrator.app.get(OutboxService).dispatch([id]);
    await expect(hydrator.app.get(MessageDelivery).deliver(id, { finalAttempt: false })).resolves.toEqual({ status: 'skipped', reason: 'already sent' });
    expect(postRequests()).toHaveLength(1);
  });

  it('writes one row per dedup key, within one transaction or across two', async () => {
    const { rollout } = await plannedRollout();
    const input = { dedupKey: `rollout:${rollout.id}:team:api`, rollout, channel: '#team-api', text: 'first' };
    const [first, again] = await produce((outbox, em) => [outbox.slackMessage(em, input), outbox.slackMessage(em, { ...input, text: 'again' })]);
    const [later] = await produce((outbox, em) => [outbox.slackMessage(em, { ...input, text: 'later' })]);

    expect(new Set([first, again, later])).toEqual(new Set([messageIdOf(input.dedupKey)]));
    const rows = await sql<{ id: string; payload: { text: string } }>(`select id, payload from outbox_message`);
    expect(rows).toEqual([{ id: first, payload: { text: 'first' } }]);
    await inStatus(first, OutboxStatus.SENT);
    expect(slack.messages.map((m) => m.text)).toEqual(['first']);
  });

  it('sends the SRE summary after every team message, linking each and naming the failed one', async () => {
    const { rollout } = await plannedRollout();
    const outbox = hydrator.app.get(OutboxService);
    const [api, web, ghost, summary] = await hydrator.orm.em
      .fork()
      .transactional((em) =>
        [
          outbox.slackMessage(em, { dedupKey: `rollout:${rollout.id}:team:api`, rollout, channel: '#team-api', text: 'api', label: 'api' }),
          outbox.slackMessage(em, { dedupKey: `rollout:${rollout.id}:team:web`, rollout, channel: '#team-web', text: 'web', label: 'web' }),
          outbox.slackMessage(em, { dedupKey: `rollout:${rollout.id}:team:ghost`, rollout, channel: '#ghost', text: 'ghost', label: 'ghost' }),
          outbox.sreSummary(em, { dedupKey: `rollout:${rollout.id}:sre`, rollout, channel: '#sre', intro: '*Weekly rollout 2026-W48*: 3 applications' }),
        ].map((m) => m.id),
      );
    // The summary is handed over first: it must still wait for the team messages.
    await outbox.dispatch([summary, api, web, ghost]);

    const sent = await inStatus(summary, OutboxStatus.SENT);
    const link = async (id: string) => ((await message(id))!.result as { permalink: string }).permalink;
    const text = ['*Weekly rollout 2026-W48*: 3 applications', `• <${await link(api)}|api>`, '• ghost: failed to post (Slack answered channel_not_found)', `• <${await link(web)}|web>`].join('\n');
    expect(slack.messages.map((m) => m.channel)).toEqual(expect.arrayContaining(['team-api', 'team-web']));
    const posted = slack.messages.find((m) => m.channel === 'sre')!;
    expect(posted.text).toBe(text);
    // Posted after the team messages it links.
    expect(slack.messages.at(-1)).toBe(posted);
    // In Block Kit too: the intro, then the same lines as a list; composed once, so a resend posts the same.
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: '*Weekly rollout 2026-W48*: 3 applications' } },
      { type: 'section', text: { type: 'mrkdwn', text: text.split('\n').slice(1).join('\n') } },
    ];
    expect(posted.blocks).toEqual(blocks);
    expect(sent.payload).toEqual({ intro: '*Weekly rollout 2026-W48*: 3 applications', text, blocks });
    expect(await message(ghost)).toMatchObject({ status: OutboxStatus.FAILED, lastError: 'Slack answered channel_not_found' });
    const [row] = await sql<{ slack_summary_url: string }>(`select slack_summary_url from rollout where id = ?`, [rollout.id]);
    expect(row.slack_summary_url).toBe((sent.result as { permalink: string }).permalink);
    expect(row.slack_summary_url).toContain('/archives/sre/p');
  });

  it('opens the Jira ticket once, labelled for recovery, and stores its key on the rollout', async () => {
    const { rollout } = await plannedRollout();
    const description = 'api f00dcafe → prod-us, prod-eu\nRuns Wednesday 09:00';
    const [id] = await produce((outbox, em) => [
      outbox.jiraIssue(em, { dedupKey: `rollout:${rollout.id}:jira`, rollout, project: 'HYD', summary: 'Weekly rollout 2026-W48', description, labels: ['hydrator', 'weekly-rollout'] }),
    ]);

    const sent = await inStatus(id, OutboxStatus.SENT);
    expect(jira.issues).toHaveLength(1);
    const [issue] = jira.issues;
    expect(issue.fields).toMatchObject({ project: { key: 'HYD' }, issuetype: { name: 'Task' }, summary: 'Weekly rollout 2026-W48', labels: ['hydrator', 'weekly-rollout', recoveryLabel(id)] });
    expect(adfText(issue.fields.description)).toBe(description);
    expect(sent.result).toEqual({ key: issue.key, id: issue.id, url: `${jira.url}/browse/${issue.key}` });
    const [row] = await sql<{ jira_issue_key: string }>(`select jira_issue_key from rollout where id = ?`, [rollout.id]);
    expect(row.jira_issue_key).toBe(issue.key);
  });

  it('waits out a Slack 429 for its Retry-After without spending an attempt, then posts once', async () => {
    slack.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const [id] = await produce((outbox, em) => [outbox.slackMessage(em, { dedupKey: 'alert:429', channel: '#sre', text: 'after the limit' })]);

    const sent = await inStatus(id, OutboxStatus.SENT);
    const [limited, accepted] = postRequests();
    expect(postRequests()).toHaveLength(2);
    expect(accepted.at.getTime() - limited.at.getTime()).toBeGreaterThanOrEqual(1000);
    expect(slack.messages.map((m) => m.text)).toEqual(['after the limit']);
    expect(sent.attempts).toBe(2);
    const queue = hydrator.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE), { strict: false });
    const job = await queue.getJob(deliverMessageJobOptions(id).jobId!);
    // The one attempt BullMQ counted is the one that posted: the wait for Retry-After was not an attempt.
    expect(job?.attemptsMade).toBe(1);
  });

  it('retries while Slack is down and posts once it is back', async () => {
    await slack.setDown(true);
    const [id] = await produce((outbox, em) => [outbox.slackMessage(em, { dedupKey: 'alert:outage', channel: '#sre', text: 'through the outage' })]);
    const failing = await hydrator.waitFor(async () => {
      const found = await message(id);
      return found && found.attempts >= 2 ? found : undefined;
    }, 'two failed attempts');
    expect(failing.lastError).toMatch(/^Slack unreachable: .*ECONNREFUSED/);
    await slack.setDown(false);

    await inStatus(id, OutboxStatus.SENT, 15_000);
    expect(slack.messages.map((m) => m.text)).toEqual(['through the outage']);
  });

  it('finds a message posted by an attempt that died before recording it, and does not post it again', async () => {
    const { rollout, deploymentIds } = await plannedRollout();
    const dedupKey = `rollout:${rollout.id}:team:api`;
    let posted!: { ts?: string };
    // The dead attempt: the row says SENDING (lease long over) and Slack already has the message.
    const [id] = await hydrator.orm.em.fork().transactional(async (em) => {
      const written = hydrator.app.get(OutboxService).slackMessage(em, { dedupKey, rollout, deploymentIds, channel: '#team-api', text: 'api goes out' });
      Object.assign(written, { status: OutboxStatus.SENDING, attempts: 1, nextAttemptAt: new Date(Date.now() - 3 * 60_000) });
      const client = new WebClient(SLACK_SANDBOX_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: LogLevel.ERROR });
      posted = await client.chat.postMessage({ channel: '#team-api', text: 'api goes out', metadata: { event_type: 'hydrator_outbox', event_payload: { outbox_id: written.id } } });
      return [written.id];
    });

    await hydrator.app.get(OutboxRecovery).reconcile(0);
    const sent = await inStatus(id, OutboxStatus.SENT);
    expect(slack.messages).toHaveLength(1);
    expect(postRequests()).toHaveLength(1);
    expect(slack.requests.map((r) => r.path)).toContain('/api/conversations.history');
    expect(sent).toMatchObject({ attempts: 2, result: { channel: 'team-api', ts: posted.ts } });
    const [row] = await sql<{ slack_permalink: string }>(`select slack_permalink from deployment where id = ?`, [deploymentIds[0]]);
    expect(row.slack_permalink).toBe((sent.result as { permalink: string }).permalink);
  });

  it('finds a Jira issue created by an attempt that died before recording it, by its label', async () => {
    const { rollout } = await plannedRollout();
    const [id] = await hydrator.orm.em.fork().transactional(async (em) => {
      const written = hydrator.app.get(OutboxService).jiraIssue(em, { dedupKey: `rollout:${rollout.id}:jira`, rollout, project: 'HYD', summary: 'Weekly rollout', description: 'x' });
      Object.assign(written, { status: OutboxStatus.SENDING, attempts: 1, nextAttemptAt: new Date(Date.now() - 3 * 60_000) });
      const client = new Version3Client({ host: jira.url, authentication: { basic: { email: JIRA_SANDBOX_EMAIL, apiToken: JIRA_SANDBOX_API_TOKEN } } });
      await client.issues.createIssue({ fields: { project: { key: 'HYD' }, issuetype: { name: 'Task' }, summary: 'Weekly rollout', labels: [recoveryLabel(written.id)] } });
      return [written.id];
    });

    await hydrator.app.get(OutboxRecovery).reconcile(0);
    const sent = await inStatus(id, OutboxStatus.SENT);
    expect(jira.issues).toHaveLength(1);
    expect(sent.result).toMatchObject({ key: jira.issues[0].key });
    const [row] = await sql<{ jira_issue_key: string }>(`select jira_issue_key from rollout where id = ?`, [rollout.id]);
    expect(row.jira_issue_key).toBe(jira.issues[0].key);
  });

  it('sends once when two notifiers are handed the same message at the same time', async () => {
    const id = await hydrator.orm.em.fork().transactional((em) => hydrator.app.get(OutboxService).slackMessage(em, { dedupKey: 'alert:race', channel: '#sre', text: 'once' }).id);
    const delivery = hydrator.app.get(MessageDelivery);

    const outcomes = await Promise.all([delivery.deliver(id, { finalAttempt: false }), delivery.deliver(id, { finalAttempt: false })]);

    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(1);
    expect(outcomes.map((o) => o.status)).toEqual(expect.arrayContaining(['sent']));
    expect(outcomes.find((o) => o.status !== 'sent')?.status).toMatch(/^(delayed|skipped)$/);
    expect(slack.messages.map((m) => m.text)).toEqual(['once']);
  });

  it('keeps a message Redis would not take, and delivers it once the reconciler hands it over', async () => {
    // A producer whose Redis never answers, as ioredis behaves while Redis is down.
    const silentRedis = { getJob: () => new Promise<never>(() => undefined) } as unknown as NotificationsQueue;
    const producer = new OutboxService(hydrator.config, new DeliveryQueue(silentRedis), hydrator.orm.em);
    const stored = await hydrator.orm.em.fork().transactional((em) => hydrator.app.get(OutboxService).slackMessage(em, { dedupKey: 'alert:no-redis', channel: '#sre', text: 'stored first' }).id);

    await expect(producer.dispatch([stored])).resolves.toBeUndefined();
    expect((await message(stored))?.status).toBe(OutboxStatus.PENDING);
    await hydrator.app.get(OutboxRecovery).reconcile(0);
    await inStatus(stored, OutboxStatus.SENT);
    expect(slack.messages.map((m) => m.text)).toEqual(['stored first']);
  });

  it('fails a message Slack refuses for good, with the reason, after one attempt', async () => {
    const [id] = await produce((outbox, em) => [outbox.slackMessage(em, { dedupKey: 'alert:nowhere', channel: '#nowhere', text: 'lost' })]);
    const failed = await inStatus(id, OutboxStatus.FAILED);
    expect(failed).toMatchObject({ attempts: 1, lastError: 'Slack answered channel_not_found', sentAt: null });
    expect(slack.messages).toHaveLength(0);
  });
});

describe('notifier without Slack or Jira configured', () => {
  it('holds messages, says so at startup, and sends them once Slack is configured', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    hydrator = await TestHydrator.start({ modules: [NotifierModule] });
    let ids: string[];
    try {
      expect(warnings).toHaveBeenCalledWith('Slack is not configured (SLACK_TOKEN): messages stay in the outbox');
      expect(warnings).toHaveBeenCalledWith('Jira is not configured (JIRA_HOST, JIRA_EMAIL, JIRA_API_TOKEN): tickets stay in the outbox');
      await hydrator.resetDatabase();
      ids = await produce((outbox, em) => [
        outbox.slackMessage(em, { dedupKey: 'held:slack', channel: '#sre', text: 'kept for later' }),
        outbox.jiraIssue(em, { dedupKey: 'held:jira', project: 'HYD', summary: 'kept', description: 'for later' }),
      ]);
      await hydrator.app.get(OutboxRecovery).reconcile(0);
      const held = await hydrator.app.get(OutboxReader).list({ status: OutboxStatus.HELD });
      expect(held.map((m) => m.id).sort()).toEqual([...ids].sort());
      expect(held.every((m) => m.attempts === 0)).toBe(true);
    } finally {
      warnings.mockRestore();
      await hydrator.close();
    }

    // The same database, now with Slack configured: the Slack message goes out, the Jira one stays held.
    hydrator = await TestHydrator.start({ modules: [NotifierModule], env: slackEnv() });
    try {
      await inStatus(ids[0], OutboxStatus.SENT);
      expect(slack.messages.map((m) => m.text)).toEqual(['kept for later']);
      expect((await message(ids[1]))?.status).toBe(OutboxStatus.HELD);
      expect(jira.issues).toHaveLength(0);
    } finally {
      await hydrator.close();
    }
  });
});
