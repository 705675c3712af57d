import { EntityManager } from '@mikro-orm/postgresql';
import { HydratorConfig } from '@hydrator/config';
import { Rollout } from '@hydrator/database';
import { OutboxService, SlackMessageInput } from '@hydrator/notifier';
import { RunAnnouncements } from './run-announcements';

/** The Slack texts RunAnnouncements writes, caught instead of written to the outbox. */
function announcements() {
  const texts: string[] = [];
  const outbox = { slackMessage: (_em: EntityManager, input: SlackMessageInput) => (texts.push(input.text), { id: `m${texts.length}` }) } as unknown as OutboxService;
  const config = { slackSreChannel: '#sre', slackSupportChannel: '#sre-support', publicUrl: 'https://hydrator.example' } as HydratorConfig;
  return { texts, run: new RunAnnouncements(outbox, config) };
}

const rollout = { id: 'r1', weekOf: '2026-W49' } as Rollout;

describe('RunAnnouncements', () => {
  it("escapes Jenkins' error and build URL in a failure alert", async () => {
    const { texts, run } = announcements();
    await run.failed({} as EntityManager, rollout, {
      deploymentId: 'd1',
      attempt: 1,
      application: 'api',
      target: 'prod-us/production',
      gitRev: 'abc`def<x>',
      buildUrl: 'https://ci.example/job/1/<!channel>',
      error: 'build FAILURE: <https://evil.example|retry here> & <!here>',
    });

    expect(texts[0]).not.toMatch(/<(?!https:\/\/hydrator)/);
    expect(texts[0]).toContain('build FAILURE: &lt;https://evil.example|retry here&gt; &amp; &lt;!here&gt;');
    expect(texts[0]).toContain('`abcˋdef&lt;x&gt;`');
    expect(texts[0]).toContain('Jenkins: https://ci.example/job/1/&lt;!channel&gt;');
  });

  it('keeps the link to each build one link in the results', async () => {
    const { texts, run } = announcements();
    const row = {
      application: 'api',
      cluster: 'prod-us',
      environment: 'production',
      git_rev: 'abc',
      status: 'SUCCEEDED',
      started_at: null,
      finished_at: null,
      jenkins_build_url: 'https://ci.example/1|x><!channel>',
    };
    await run.completed({ execute: () => Promise.resolve([row]) } as unknown as EntityManager, rollout);

    expect(texts[0]).toContain('(<https://ci.example/1%7Cx%3E%3C!channel%3E|build>)');
  });
});
