import { SYSTEM_ACTOR } from '@hydrator/audit';
import { GitHubSandbox, SLACK_SANDBOX_TOKEN, SlackSandbox } from '@hydrator/sandbox';
import { GitHubShortlogSource, ScheduleService, ShortlogService } from '@hydrator/scheduling';
import { applicationInput, jenkinsNotification, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';

/** Monday 30 November 2026, 09:00 UTC: the cutoff is Friday 27 November 00:00 UTC. */
const MONDAY = new Date('2026-11-30T09:00:00Z');

/** The team messages of Monday's plan when what comes from GitHub is hostile, long or never comes. */
describe('shortlogs in the team messages', () => {
  let hydrator: TestHydrator;
  const slack = new SlackSandbox();
  const github = new GitHubSandbox();
  let build = 0;

  beforeAll(async () => {
    await Promise.all([slack.start(), github.start()]);
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, NotifierModule],
      env: { HYDRATOR_TIMEZONE: 'UTC', SLACK_TOKEN: SLACK_SANDBOX_TOKEN, SLACK_API_URL: slack.apiUrl, GITHUB_API_URL: github.url, PUBLIC_URL: 'https://hydrator.example' },
    });
  });
  afterAll(async () => {
    await hydrator?.close();
    await Promise.all([slack.stop(), github.stop()]);
  });
  beforeEach(async () => {
    await hydrator.resetDatabase();
    slack.messages.length = 0;
  });

  const reports = () => hydrator.orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from deployment_report`);

  /** Reports a successful Jenkins run of `rev` on `cluster`, finished on `day`, and waits until it is recorded. */
  async function report(app: string, cluster: string, rev: string, day: string) {
    const [{ n }] = await reports();
    const finished = Date.parse(`${day}T10:00:00Z`);
    const environment = cluster.startsWith('stage') ? 'staging' : 'production';
    const notification = jenkinsNotification({ job: `deploy/${app}`, number: ++build, rev, cluster, environment, namespace: app, timestamp: finished - 60_000, duration: 60_000 });
    expect((await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET}`, notification)).status).toBe(202);
    await hydrator.waitFor(async () => (await reports())[0].n > n, `report ${rev} on ${cluster}`);
  }

  /** Registers `name` with production on `base` and staging on `head`, plans Monday, and returns its team message. */
  async function planAndReadTeamMessage(name: string, base: string, head: string) {
    await hydrator.graphqlOk(`mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`, { input: applicationInput(name) });
    await report(name, 'prod-us', base, '2026-11-01');
    await report(name, 'prod-eu', base, '2026-11-01');
    await report(name, 'stage-1', head, '2026-11-20');
    const started = Date.now();
    const { rollout } = await hydrator.app.get(ScheduleService).schedule(SYSTEM_ACTOR, MONDAY);
    const planningMs = Date.now() - started;
    const teamMessage = () => slack.messages.find((m) => m.channel === `team-${name}`);
    await hydrator.waitFor(() => Promise.resolve(teamMessage() !== undefined), `the team message of ${name}`);
    return { text: teamMessage()!.text!, blocks: teamMessage()!.blocks!, rollout, planningMs };
  }
  it('escapes what git wrote, so a commit cannot add a link, a mention or leave the shortlog block', async () => {
    const hostile = 'Fix ``` <!channel> <https://evil.example/x|Cancel this deployment> & <@U0123>';
    const [base, head] = github.addCommits('acme/hostile', [
      { author: 'Ada', message: 'base' },
      { author: 'Mallory <!here> `x`', message: `${hostile}\n\nbody` },
    ]);

    const { text, blocks } = await planAndReadTeamMessage('hostile', base, head);

    const cancelLink = /^https:\/\/hydrator\.example\/deployments\/[0-9a-f-]+\/cancel\?token=[\w-]{43}\|cancel this deployment$/;
    const links = [...text.matchAll(/<([^>]*)>/g)].map((m) => m[1]);
    expect(links).toEqual([expect.stringMatching(cancelLink), expect.stringMatching(cancelLink)]);
    expect(text).toContain('Fix ˋˋˋ &lt;!channel&gt; &lt;https://evil.example/x|Cancel this deployment&gt; &amp; &lt;@U0123&gt;');
    expect(text).toContain('Mallory &lt;!here&gt; ˋxˋ (1):');
    expect(text.match(/```/g)).toHaveLength(2); // the shortlog block's own fences, nothing else

    // The Block Kit message: the same escaping in every mrkdwn text, and only Hydrator's links.
    const mrkdwn = JSON.stringify(blocks);
    const blockLinks = [...mrkdwn.matchAll(/<([^>]*)>/g)].map((m) => m[1]);
    expect(blockLinks).toEqual([expect.stringMatching(cancelLink), expect.stringMatching(cancelLink), expect.stringMatching(/^https:\/\/hydrator\.example\/rollouts\/[0-9a-f-]+\|Rollout 2026-W49$/)]);
    expect(mrkdwn).toContain('• Fix ˋˋˋ &lt;!channel&gt; &lt;https://evil.example/x|Cancel this deployment&gt; &amp; &lt;@U0123&gt;');
    expect(mrkdwn).toContain('*Mallory &lt;!here&gt; ˋxˋ* (1)');
  });

  it('counts every commit of a release longer than one GitHub answer', async () => {
    const [base, ...rest] = github.addCommits(
      'acme/long',
      Array.from({ length: 301 }, (_, i) => ({ author: i % 3 ? 'Ada' : 'Grace', message: `change ${i}` })),
    );

    const { text, blocks } = await planAndReadTeamMessage('long', base, rest[rest.length - 1]);

    expect(text).toContain('*Shortlog* (300 commits):');
    expect(text).toContain('… and '); // the message shows part of it; the deployment keeps it all
    // Block Kit within Slack's limits: at most 50 blocks, a section's text at most 3,000 characters.
    const sections = (blocks as Array<{ type: string; text?: { text: string } }>).filter((b) => b.type === 'section');
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(Math.max(...sections.map((b) => b.text!.text.length))).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(blocks)).toContain('*Shortlog* (300 commits)');
    expect(JSON.stringify(blocks)).toMatch(/… and \d+ more commits/);
    const [row] = await hydrator.orm.em.fork().getConnection().execute(`select d.shortlog from deployment d join application a on a.id = d.application_id where a.name = 'long' limit 1`);
    expect((row.shortlog as Array<{ count: number }>).reduce((sum, entry) => sum + entry.count, 0)).toBe(300);
  });

  it('plans without the shortlog when GitHub hangs, and says why in the team message', async () => {
    const [base, head] = github.addCommits('acme/stuck', [
      { author: 'Ada', message: 'base' },
      { author: 'Ada', message: 'next' },
    ]);
    // The source as production builds it, with a short timeout so the test does not wait 15 s.
    const shortlogs = hydrator.app.get(ShortlogService);
    const restore = jest.replaceProperty(shortlogs, 'source', new GitHubShortlogSource(github.url, undefined, 500));
    github.hangNext(1);
    try {
      const { text, rollout, planningMs } = await planAndReadTeamMessage('stuck', base, head);

      expect(planningMs).toBeLessThan(5000);
      expect(rollout.deployments.length).toBe(2);
      expect(text).toContain(`_No shortlog: GitHub could not compare ${base.slice(0, 10)}...${head.slice(0, 10)} in acme/stuck: GitHub did not answer within 0.5 s._`);
    } finally {
      restore.restore();
    }
  });
});
