import { DELIVERY_LEASE_MS } from '@hydrator/notifier';
import { GitHubSandbox, JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JenkinsSandbox, JiraSandbox, SLACK_SANDBOX_TOKEN } from '@hydrator/sandbox';
import { waitFor } from '@hydrator/testing';
import { DONE_ANYWHERE } from '../support/follow-up-checks';
import { createJobs, deploymentsOf } from '../support/rollout-fixture';
import { useRolloutSandboxes } from '../support/rollout-sandboxes';
import { SCALE_OUT_FLEET, ScaleOutCluster, Service } from '../support/scale-out-cluster';
import { duplicatedTriggers, orderingViolations, triggersWithoutBuild } from '../support/timeline-rules';
import { deliveryViolations, OutboxRow } from './support/delivery-ledger';
import { JenkinsFaultProxy } from './support/jenkins-fault-proxy';
import { PrivateRedis } from './support/redis-server';
import { TcpProxy } from './support/tcp-proxy';

const FLEET = SCALE_OUT_FLEET;
const DEPLOYMENTS = deploymentsOf(FLEET);
const MAX_PARALLEL_APPS = 3;
/** Each wait has a generous ceiling: none is an assertion about time, only a bound on a hung run. */
const CEILING_MS = 40_000;
/** A test's own bound: above the most its waits may add up to, so a slow fault fails by its wait, with the state it left. */
const PHASE_TIMEOUT_MS = 240_000;

/**
 * The fault suite: one rollout of the scale-out fleet, run by replicas of every service from `dist/`,
 * meets in turn a kill -9 of each kind of service, every PostgreSQL connection dropped, Redis restarted
 * empty, Jenkins answering 500 then hanging past the client's timeout, and Slack, Alertmanager, GitHub
 * and Jira unreachable then back. Builds are held running in Jenkins and finished by the test a few at
 * a time, so every fault strikes mid-rollout with deployments in flight. After each fault: no deployment
 * failed, the ordering rules held on Jenkins' timeline, no attempt was triggered twice, nothing reached
 * Slack or Jira twice; at the end the rollout completed and every outbox row arrived exactly once.
 */
describe('fault suite: one rollout through every fault', () => {
  const sandboxes = useRolloutSandboxes();
  const { slack } = sandboxes;
  const jira = new JiraSandbox({ workflow: DONE_ANYWHERE });
  const github = new GitHubSandbox();
  const jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 150 } });
  /** While true every build runs until the test finishes it. */
  let paced = true;
  let jenkinsProxy: JenkinsFaultProxy;
  let redis: PrivateRedis;
  const proxies: Record<'postgres' | 'alertmanager' | 'slack' | 'jira' | 'github', TcpProxy> = {} as never;
  let cluster: ScaleOutCluster;
  let rolloutId: string;
  /** The rev the GitHub test sets on admin's prod-1, which Jenkins must then be asked to deploy. */
  let changedRev: { id: string; sha: string } | undefined;

  beforeAll(async () => {
    jenkins.script(() => (paced ? { hold: true } : undefined));
    createJobs(jenkins, FLEET);
    jenkinsProxy = new JenkinsFaultProxy(await jenkins.start());
    await jenkinsProxy.start();
    await jira.start();
    await github.start();
    redis = await PrivateRedis.start();
    const databaseUrl = process.env.HYDRATOR_TEST_DATABASE_URL!;
    const upstreams = { postgres: databaseUrl, alertmanager: sandboxes.alertmanager.url, slack: slack.url, jira: jira.url, github: github.url };
    for (const [name, url] of Object.entries(upstreams)) {
      proxies[name as keyof typeof upstreams] = TcpProxy.to(url);
      await proxies[name as keyof typeof upstreams].start();
    }
    const env = {
      JENKINS_URL: jenkinsProxy.url,
      ALERTMANAGER_URL: proxies.alertmanager.rewrite(sandboxes.alertmanager.url),
      SLACK_TOKEN: SLACK_SANDBOX_TOKEN,
      SLACK_API_URL: `${proxies.slack.rewrite(slack.url)}/api/`,
      JIRA_HOST: proxies.jira.rewrite(jira.url),
      JIRA_EMAIL: JIRA_SANDBOX_EMAIL,
      JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN,
      GITHUB_API_URL: proxies.github.rewrite(github.url),
      MAX_PARALLEL_APPS: String(MAX_PARALLEL_APPS),
      JENKINS_POLL_INTERVAL: '1s',
    };
    cluster = await ScaleOutCluster.start({
      jenkins,
      env,
      databaseUrl: proxies.postgres.rewrite(databaseUrl),
      redisUrl: redis.url,
      replicas: { gateway: 2, registry: 2, scheduler: 1, runner: 2, notifier: 1 },
    });
    rolloutId = await cluster.plan(FLEET);
    await cluster.graphql(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
  }, PHASE_TIMEOUT_MS);

  afterAll(async () => {
    await cluster?.stop();
    await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
    await jenkinsProxy?.stop();
    await redis?.stop();
    await jenkins.stop();
    await jira.stop();
    await github.stop();
  });

  /** Set by the first fault the rollout did not survive: the later ones would only time out behind it. */
  let broken: string | undefined;
  /** Runs one fault's test; a failure says what state it left and where every replica's output is. */
  async function phase(body: () => Promise<void>): Promise<void> {
    if (broken) throw new Error(`not run: an earlier fault left the rollout broken (${broken})`);
    try {
      await body();
    } catch (error) {
      broken = (error as Error).message.split('\n')[0];
      throw new Error(`${(error as Error).message}\nstate: ${JSON.stringify(await violations(), null, 1)}\nservice logs: ${await cluster.writeLogs()}`, { cause: error });
    }
  }

  const succeeded = () => jenkins.builds().filter((b) => b.result === 'SUCCESS').length;

  /**
   * Finishes `count` running builds (SUCCESS), one at a time as Hydrator triggers them, and waits until
   * PostgreSQL records each as SUCCEEDED: the rollout goes on after the fault.
   */
  async function advance(count: number): Promise<void> {
    for (let i = 0; i < count && succeeded() < DEPLOYMENTS; i++) {
      const build = await waitFor(() => jenkins.builds().find((b) => b.state === 'running'), 'a build to be running', CEILING_MS);
      jenkins.finish(build.jobPath, build.number!);
      const [id] = build.params.HYDRATOR_DEPLOYMENT_ID.split(':');
      await waitFor(
        async () => (await cluster.sql<{ status: string }>(`select status from deployment where id = $1`, [id]))[0].status === 'SUCCEEDED',
        `${build.jobPath} #${build.number} to be recorded SUCCEEDED`,
        CEILING_MS,
      );
    }
  }

  const outbox = () => cluster.sql<OutboxRow>(`select id, kind, status from outbox_message`);

  /** The invariants after a fault, as violations in words (`[]` when they held). */
  async function violations(): Promise<string[]> {
    const deployments = await cluster.deployments(rolloutId);
    const [{ status, reason }] = await cluster.sql<{ status: string; reason: string | null }>(`select status, reason from rollout where id = $1`, [rolloutId]);
    return [
      ...(status === 'RUNNING' || status === 'COMPLETED' ? [] : [`the rollout is ${status}: ${reason}`]),
      // Terminal (SUCCEEDED) or resumable by the reconcilers (SCHEDULED, QUEUED, RUNNING): never failed by a fault.
      ...deployments.filter((d) => ['FAILED', 'BLOCKED', 'CANCELED'].includes(d.status)).map((d) => `${d.application} on ${d.cluster} is ${d.status}: ${d.error}`),
      ...orderingViolations(jenkins, FLEET, MAX_PARALLEL_APPS, false),
      ...duplicatedTriggers(jenkins).map((id) => `attempt ${id} was triggered more than once`),
      ...deliveryViolations(await outbox(), slack, jira, false),
    ];
  }

  async function crash(service: Service): Promise<void> {
    const [replica] = cluster.of(service);
    await cluster.crashAndRestart(replica);
    await advance(2);
    expect(await violations()).toEqual([]);
  }

  // The notifier first: a row it held SENDING has a two-minute lease, which runs out while the rest goes on.
  it.each<Service>(['notifier', 'runner', 'gateway', 'registry', 'scheduler'])(
    'survives a kill -9 of a %s (restarted)',
    async (service) => {
      await phase(async () => {
        await advance(2);
        await crash(service);
      });
    },
    PHASE_TIMEOUT_MS,
  );

  it(
    'survives every PostgreSQL connection dropped',
    async () => {
      await phase(async () => {
        const dropped = proxies.postgres.dropAll();
        expect(dropped).toBeGreaterThan(0);
        await advance(2);
        expect(await violations()).toEqual([]);
      });
    },
    PHASE_TIMEOUT_MS,
  );

  it(
    'survives Redis restarted empty',
    async () => {
      await phase(async () => {
        await redis.restartEmpty();
        await advance(2);
        expect(await redis.keys()).toBeGreaterThan(0);
        expect(await violations()).toEqual([]);
      });
    },
    PHASE_TIMEOUT_MS,
  );

  it(
    'survives Jenkins answering 500, then hanging past the client timeout, without a second build of any attempt',
    async () => {
      await phase(async () => {
        jenkinsProxy.mode = 'error';
        const finishing = advance(1);
        await waitFor(() => jenkinsProxy.errored >= 3, 'Jenkins to answer 500 to Hydrator', CEILING_MS);
        jenkinsProxy.mode = 'hang';
        await waitFor(() => jenkinsProxy.abandoned >= 1, 'a client to give up on a hung Jenkins request', CEILING_MS);
        jenkinsProxy.mode = 'pass';
        await finishing;
        await advance(2);
        expect(await violations()).toEqual([]);
      });
    },
    PHASE_TIMEOUT_MS,
  );

  it.each(['slack', 'alertmanager'] as const)(
    'survives %s unreachable, then back',
    async (name) => {
      await phase(async () => {
        proxies[name].setDown(true);
        const finishing = advance(1);
        await waitFor(() => proxies[name].refused >= 1, `Hydrator to try ${name} while it is down`, CEILING_MS);
        proxies[name].setDown(false);
        await finishing;
        await advance(1);
        expect(await violations()).toEqual([]);
      });
    },
    PHASE_TIMEOUT_MS,
  );

  it(
    'survives GitHub unreachable, then back: a rev change is refused while it is down, taken once it is back',
    async () => {
      await phase(async () => {
        // The last application's last target: still SCHEDULED, its rev may be changed.
        const target = (await cluster.deployments(rolloutId)).find((d) => d.application === 'admin' && d.cluster === 'prod-1')!;
        expect(target.status).toBe('SCHEDULED');
        const [sha] = github.addCommits('acme/admin', [{ author: 'Ada', message: 'Faster admin pages' }]);
        const setRev = () => cluster.graphql(`mutation($id: ID!, $rev: String!) { setDeploymentRev(id: $id, gitRev: $rev) { id } }`, { id: target.id, rev: sha });
        const revOf = async () => (await cluster.sql<{ git_rev: string }>(`select git_rev from deployment where id = $1`, [target.id]))[0].git_rev;
        const planned = await revOf();
        proxies.github.setDown(true);
        // The gateway must ask GitHub whether the rev exists: unreachable, the change is refused and nothing changes.
        await expect(setRev()).rejects.toThrow(/GraphQL errors/);
        expect(proxies.github.refused).toBeGreaterThan(0);
        expect(await revOf()).toBe(planned);
        proxies.github.setDown(false);
        await setRev();
        expect(await revOf()).toBe(sha);
        changedRev = { id: target.id, sha };
        await advance(1);
        expect(await violations()).toEqual([]);
      });
    },
    PHASE_TIMEOUT_MS,
  );

  it('survives Jira unreachable while the rollout completes, then back; the rollout ends with every rule held and every message delivered once', async () => {
    await phase(async () => {
      proxies.jira.setDown(true);
      paced = false;
      for (const build of jenkins.builds().filter((b) => b.state === 'running')) jenkins.finish(build.jobPath, build.number!);
      await cluster.waitForRollout(rolloutId, 'COMPLETED', CEILING_MS);
      // The week's Jira messages go out in order: behind one a killed notifier was sending, they wait out its lease.
      await waitFor(() => proxies.jira.refused >= 1, 'Hydrator to try Jira while it is down', DELIVERY_LEASE_MS + CEILING_MS);
      proxies.jira.setDown(false);
      // Everything owed to Slack and Jira goes out; a row a killed notifier held waits out its lease first.
      await waitFor(async () => (await outbox()).every((row) => row.status === 'SENT'), 'the outbox to be delivered', 180_000);

      const deployments = await cluster.deployments(rolloutId);
      expect(deployments.filter((d) => d.status !== 'SUCCEEDED')).toEqual([]);
      expect(succeeded()).toBe(DEPLOYMENTS);
      expect(orderingViolations(jenkins, FLEET, MAX_PARALLEL_APPS)).toEqual([]);
      expect(duplicatedTriggers(jenkins)).toEqual([]);
      expect(triggersWithoutBuild(jenkins)).toEqual([]);
      expect(deliveryViolations(await outbox(), slack, jira, true)).toEqual([]);
      if (changedRev) expect(jenkins.builds().find((b) => b.params.HYDRATOR_DEPLOYMENT_ID.startsWith(`${changedRev!.id}:`))?.params.GIT_REV).toBe(changedRev.sha);
      expect(jira.issues).toHaveLength(1);
      expect(jira.issues[0].status).toBe('Done');
    });
  }, 360_000);
});
