import { EntityManager } from '@mikro-orm/postgresql';
import { HydratorConfig } from '@hydrator/config';
import { Rollout } from '@hydrator/database';
import { OutboxService, SlackMessageInput, SlackReplyInput } from '@hydrator/notifier';
import { RunAnnouncements } from './run-announcements';

/** The Slack messages RunAnnouncements writes, caught instead of written to the outbox. */
function announcements() {
  const messages: Array<{ text: string; blocks?: unknown[] }> = [];
  const caught = (_em: EntityManager, input: SlackMessageInput | SlackReplyInput) => (messages.push(input), { id: `m${messages.length}` });
  const outbox = {
    slackMessage: caught,
    slackReply: caught,
    parentsOf: () => Promise.resolve({}),
    announcementOf: () => Promise.resolve(undefined),
  } as unknown as OutboxService;
  const config = { slackSreChannel: '#sre', slackSupportChannel: '#sre-support', publicUrl: 'https://hydrator.example' } as HydratorConfig;
  return { messages, run: new RunAnnouncements(outbox, config) };
}

const rollout = { id: 'r1', weekOf: '2026-W49' } as Rollout;

/** Every mrkdwn text of a message: its fallback and each text of its blocks. */
function mrkdwnOf(message: { text: string; blocks?: unknown[] }): string[] {
  const texts: string[] = [message.text];
  JSON.stringify(message.blocks ?? [], (key, value: unknown) => {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    return value;
  });
  return texts;
}

describe('RunAnnouncements', () => {
  it("escapes Jenkins' error and build URL in a failure alert, and links the console", async () => {
    const { messages, run } = announcements();
    await run.settled({} as EntityManager, rollout, 'd1', 1, {
      deploymentId: 'd1',
      attempt: 1,
      application: 'api',
      target: 'prod-us/production',
      gitRev: 'abc`def<x>',
      buildUrl: 'https://ci.example/job/1/<!channel>',
      error: 'build FAILURE: <https://evil.example|retry here> & <!here>',
    });

    const [alert] = messages;
    for (const text of mrkdwnOf(alert)) {
      // Every link is Hydrator's or the escaped Jenkins one; nothing else opens a link or a mention.
      expect(text.replace(/<https:\/\/(hydrator|ci)\.example[^<>]*>/g, '')).not.toMatch(/[<>]/);
    }
    expect(alert.text).toContain('build FAILURE: &lt;https://evil.example|retry here&gt; &amp; &lt;!here&gt;');
    expect(alert.text).toContain('`abcˋdef&lt;x&gt;`');
    expect(alert.text).toContain('<https://ci.example/job/1/%3C!channel%3E/console|console>');
    const buttons = JSON.stringify(alert.blocks);
    expect(buttons).toContain('"url":"https://hydrator.example/rollouts/r1"');
    expect(buttons).toContain('"url":"https://ci.example/job/1/%3C!channel%3E/console"');
  });

  it('keeps the link to each build one link in the results, and drops a button whose URL Slack would refuse', async () => {
    const { messages, run } = announcements();
    const row = {
      application: 'api',
      cluster: 'prod-us',
      environment: 'production',
      git_rev: 'abc',
      status: 'SUCCEEDED',
      started_at: new Date('2026-12-02T09:00:00Z'),
      finished_at: new Date('2026-12-02T09:03:07Z'),
      jenkins_build_url: 'https://ci.example/1|x><!channel>',
    };
    await run.completed({ execute: () => Promise.resolve([row]) } as unknown as EntityManager, rollout);

    const [report] = messages;
    expect(report.text).toContain('completed: 1 of 1 deployments succeeded');
    expect(report.text).toContain('succeeded in 3m07s (<https://ci.example/1%7Cx%3E%3C!channel%3E|build>)');
    expect(JSON.stringify(report.blocks)).toContain('(<https://ci.example/1%7Cx%3E%3C!channel%3E|build>)');
  });
});
