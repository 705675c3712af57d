import { JenkinsSandbox } from '@hydrator/sandbox';
import { OPERATOR_TOKEN, ServiceProcess, TEST_REDIS_URL, TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET, waitFor } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { LiveClient } from './support/live-client';
import { createJobs, FleetSpec, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

interface DeploymentEvent {
  deploymentChanged: { id: string; status: string; version: number; application: { name: string }; target: { cluster: string }; rollout: { id: string } };
}
interface RolloutEvent {
  rolloutChanged: { id: string; status: string; version: number };
}

const DEPLOYMENT_CHANGED = `subscription($rolloutId: ID!) {
  deploymentChanged(rolloutId: $rolloutId) { id status version application { name } target { cluster } rollout { id } }
}`;
const ROLLOUT_CHANGED = `subscription { rolloutChanged { id status version } }`;
const RUN = `mutation($id: ID) { runRollout(id: $id) { id } }`;

/** Consecutive equal statuses once: a change that is not a status change (the build URL learned) repeats one. */
function statusSequence(events: Array<{ status: string }>): string[] {
  return events.map((e) => e.status).filter((status, i, all) => i === 0 || status !== all[i - 1]);
}

function strictlyIncreasing(versions: number[]): boolean {
  return versions.every((version, i) => i === 0 || version > versions[i - 1]);
}

/**
 * Subscriptions over graphql-ws, through Redis: a change made by any process reaches the subscribers
 * of every gateway, each row in version order, with versions that let a client tell it missed nothing.
 */
describe('live updates', () => {
  const sandboxes = useRolloutSandboxes();
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;
  const clients: LiveClient[] = [];
  const gateways: ServiceProcess[] = [];

  beforeEach(async () => {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 20, durationMs: 150 } });
    // Everything in the test process: this gateway, the registry, the scheduler, the runner, the notifier.
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule, NotifierModule],
      env: { ...(await sandboxes.env(jenkins)), JENKINS_POLL_INTERVAL: '300ms' },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await Promise.all(gateways.splice(0).map((gateway) => gateway.stop()));
    await hydrator?.close();
    await jenkins?.stop();
  });

  const connect = (url: string, token?: string) => {
    const client = new LiveClient(url, token);
    clients.push(client);
    return client;
  };

  /** A second gateway replica as its own OS process, on the same PostgreSQL and Redis prefix: it runs nothing. */
  async function startSecondGateway(): Promise<ServiceProcess> {
    const gateway = await ServiceProcess.start('gateway', {
      DATABASE_URL: hydrator.config.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      HYDRATOR_REDIS_PREFIX: hydrator.config.redisPrefix,
      HYDRATOR_OPERATOR_TOKENS: `test-operator:${OPERATOR_TOKEN}`,
      HYDRATOR_VIEWER_TOKENS: `test-viewer:${VIEWER_TOKEN}`,
    });
    gateways.push(gateway);
    await waitFor(async () => (await fetch(`${gateway.url}/health/live`)).ok, 'the second gateway to listen');
    return gateway;
  }

  it('streams every status change of every deployment, in order, to a client of the gateway that ran nothing', async () => {
    const fleet: FleetSpec = {
      applications: [
        { name: 'auth', production: 2 },
        { name: 'billing', dependsOn: ['auth'], production: 1 },
        { name: 'search', production: 2 },
      ],
    };
    const rolloutId = await planFleet(hydrator, fleet);
    createJobs(jenkins, fleet);
    const gateway = await startSecondGateway();
    const client = connect(gateway.url, VIEWER_TOKEN);
    const deployments = client.subscribe<DeploymentEvent>(DEPLOYMENT_CHANGED, { rolloutId });
    const rollouts = client.subscribe<RolloutEvent>(ROLLOUT_CHANGED);
    await client.settled();

    await hydrator.graphqlOk(RUN, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');

    const planned: Array<{ id: string; version: number }> = await hydrator.orm.em.fork().getConnection().execute(`select id, version from deployment where rollout_id = ?`, [rolloutId]);
    expect(planned).toHaveLength(5);
    const finalVersion = new Map(planned.map((d) => [d.id, d.version]));
    // Every deployment's last change is its final row: nothing is still on its way or was lost.
    const events = (
      await deployments.until((all) => planned.every((d) => all.some((e) => e.deploymentChanged.id === d.id && e.deploymentChanged.version === d.version)), 'every final deployment version')
    ).map((e) => e.deploymentChanged);
    expect(deployments.failure).toBeUndefined();
    for (const { id } of planned) {
      const own = events.filter((e) => e.id === id);
      expect({ id, statuses: statusSequence(own) }).toEqual({ id, statuses: ['QUEUED', 'RUNNING', 'SUCCEEDED'] });
      expect(strictlyIncreasing(own.map((e) => e.version))).toBe(true);
      expect(own.at(-1)!.version).toBe(finalVersion.get(id));
      // The whole object, loaded from PostgreSQL: its links resolve.
      expect(own[0].rollout.id).toBe(rolloutId);
      expect(fleet.applications.map((a) => a.name)).toContain(own[0].application.name);
    }

    const rolloutEvents = (await rollouts.until((all) => all.some((e) => e.rolloutChanged.status === 'COMPLETED'), 'the rollout to complete live')).map((e) => e.rolloutChanged);
    expect(rolloutEvents.every((e) => e.id === rolloutId)).toBe(true);
    expect(statusSequence(rolloutEvents)).toEqual(['RUNNING', 'COMPLETED']);
    expect(strictlyIncreasing(rolloutEvents.map((e) => e.version))).toBe(true);
  });

  it('refuses a connection without a valid token, lets a viewer subscribe, and names what is wrong', async () => {
    const anonymous = connect(hydrator.url).subscribe(ROLLOUT_CHANGED);
    expect((await anonymous.failed()).refusal).toEqual({ code: 4401, reason: expect.stringContaining('a bearer token is required') });
    const stranger = connect(hydrator.url, 'not-a-token').subscribe(ROLLOUT_CHANGED);
    expect((await stranger.failed()).refusal).toEqual({ code: 4403, reason: expect.stringContaining('unknown token') });

    const viewer = connect(hydrator.url, VIEWER_TOKEN);
    const rollouts = viewer.subscribe<RolloutEvent>(ROLLOUT_CHANGED);
    const unknownRollout = viewer.subscribe(DEPLOYMENT_CHANGED, { rolloutId: '00000000-0000-4000-8000-000000000000' });
    const mutation = viewer.subscribe(`mutation { scheduleRollout { id } }`);
    await viewer.settled();
    const { scheduleRollout } = await hydrator.graphqlOk<{ scheduleRollout: { id: string } }>(`mutation { scheduleRollout { id } }`);
    const [event] = await rollouts.until((all) => all.length > 0, 'the planned rollout, live');
    expect(event.rolloutChanged).toEqual({ id: scheduleRollout.id, status: 'PLANNED', version: 1 });
    expect((await unknownRollout.failed()).errors?.[0]).toMatchObject({ message: expect.stringContaining('does not exist'), extensions: { code: 'NOT_FOUND' } });
    expect((await mutation.failed()).errors?.[0]).toMatchObject({ message: expect.stringContaining('over HTTP (POST /graphql)'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('applies the query depth limit to subscriptions too', async () => {
    const client = connect(hydrator.url, VIEWER_TOKEN);
    const deep = client.subscribe(
      `subscription { rolloutChanged { deployments { application { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { name } } } } } } } } } } } }`,
    );
    const failure = await deep.failed();
    expect(failure.errors?.[0].message).toBe('the query is nested 12 levels deep; the limit is 10');
  });

  it('lets a client that read a rollout, then subscribed, tell from the versions that it missed nothing', async () => {
    // Builds run until finished by the test, so nothing changes between the read and the subscription.
    jenkins.script(() => ({ hold: true }));
    const fleet: FleetSpec = { applications: [{ name: 'auth', production: 1 }] };
    const rolloutId = await planFleet(hydrator, fleet);
    createJobs(jenkins, fleet);
    await hydrator.graphqlOk(RUN, { id: rolloutId });
    type Read = { rollout: { version: number; deployments: Array<{ id: string; status: string; version: number; jenkinsBuildUrl: string | null }> } };
    const read = await waitFor(async () => {
      const data = await hydrator.graphqlOk<Read>(`query($id: ID!) { rollout(id: $id) { version deployments { id status version jenkinsBuildUrl } } }`, { id: rolloutId }, VIEWER_TOKEN);
      // Running, with its build known: its last change until Jenkins finishes.
      return data.rollout.deployments[0].status === 'RUNNING' && data.rollout.deployments[0].jenkinsBuildUrl !== null && data.rollout;
    }, 'the deployment to run');

    const client = connect(hydrator.url, VIEWER_TOKEN);
    const deployments = client.subscribe<DeploymentEvent>(DEPLOYMENT_CHANGED, { rolloutId });
    const rollouts = client.subscribe<RolloutEvent>(ROLLOUT_CHANGED);
    await client.settled();
    const [build] = jenkins.buildsFor('deploy/auth');
    jenkins.finish('deploy/auth', build.number!);

    const [deployment] = await deployments.until((all) => all.length > 0, 'the deployment to succeed, live');
    expect(deployment.deploymentChanged).toMatchObject({ id: read.deployments[0].id, status: 'SUCCEEDED', version: read.deployments[0].version + 1 });
    const [rollout] = await rollouts.until((all) => all.length > 0, 'the rollout to complete, live');
    expect(rollout.rolloutChanged).toEqual({ id: rolloutId, status: 'COMPLETED', version: read.version + 1 });
  });
});
