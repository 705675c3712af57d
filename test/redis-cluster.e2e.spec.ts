import { JenkinsSandbox } from '@hydrator/sandbox';
import { QueueName } from '@hydrator/queues';
import { OPERATOR_TOKEN, TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { LiveClient } from './support/live-client';
import { LocalRedisCluster, redisClusterUnsupported } from './support/redis-cluster';
import { createJobs, doubleTriggers, FleetSpec, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

interface DeploymentEvent {
  deploymentChanged: { id: string; status: string; version: number };
}
interface RolloutEvent {
  rolloutChanged: { id: string; status: string; version: number };
}

const unsupported = redisClusterUnsupported();
const ci = !!process.env.CI && process.env.CI !== 'false';
if (unsupported) console.warn(`Redis Cluster test ${ci ? 'will fail' : 'skipped'}: ${unsupported}`);
const describeCluster = unsupported && !ci ? describe.skip : describe;

/**
 * Hydrator on a three-master Redis Cluster this test starts on its own ports: every queue (BullMQ, under
 * the `{hash tag}` prefix), the live-change channel, readiness and Bull Board work on it, end to end.
 */
describeCluster('on a Redis Cluster', () => {
  const sandboxes = useRolloutSandboxes();
  let cluster: LocalRedisCluster;
  let hydrator: TestHydrator | undefined;
  let jenkins: JenkinsSandbox | undefined;
  let client: LiveClient | undefined;

  beforeAll(async () => {
    cluster = await LocalRedisCluster.start(3);
  }, 60_000);
  afterAll(async () => {
    await client?.dispose();
    await hydrator?.close();
    await jenkins?.stop();
    await cluster?.stop();
  });

  it('runs a rollout end to end: the queues each in one slot, live changes to a graphql-ws subscriber, readiness and Bull Board', async () => {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 60 } });
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule, NotifierModule],
      // REDIS_URL is refused together with REDIS_CLUSTER_NODES: one or the other.
      env: { ...(await sandboxes.env(jenkins)), REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodes, JENKINS_POLL_INTERVAL: '300ms', SLACK_SRE_CHANNEL: '#sre' },
    });
    expect(hydrator.config.redisCluster?.nodes).toHaveLength(3);
    const prefix = hydrator.config.redisPrefix;
    expect(prefix).toMatch(/^\{hydrator-test-.+\}$/);
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();

    const fleet: FleetSpec = {
      applications: [
        { name: 'ledger', production: 2 },
        { name: 'payments', dependsOn: ['ledger'], production: 2 },
      ],
    };
    const rolloutId = await planFleet(hydrator, fleet);
    createJobs(jenkins, fleet);
    client = new LiveClient(hydrator.url, VIEWER_TOKEN);
    const deployments = client.subscribe<DeploymentEvent>(`subscription($id: ID!) { deploymentChanged(rolloutId: $id) { id status version } }`, { id: rolloutId });
    const rollouts = client.subscribe<RolloutEvent>(`subscription { rolloutChanged { id status version } }`);
    await client.settled();

    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    expect(jenkins.builds()).toHaveLength(4);
    expect(doubleTriggers(jenkins)).toEqual([]);
    // The notifications queue too: the SRE summary of the results went out.
    await hydrator.waitFor(() => sandboxes.slack.messages.some((m) => m.channel === 'sre' && (m.text ?? '').includes('completed: 4 of 4')), 'the results in the SRE channel');

    // Live changes, published on `<prefix>:changes` through the cluster, reached the subscriber: every
    // deployment up to its final version, and the rollout's completion.
    const planned: Array<{ id: string; version: number }> = await hydrator.orm.em.fork().getConnection().execute(`select id, version from deployment where rollout_id = ?`, [rolloutId]);
    expect(planned).toHaveLength(4);
    const events = await deployments.until(
      (all) => planned.every((d) => all.some((e) => e.deploymentChanged.id === d.id && e.deploymentChanged.version === d.version)),
      'every final deployment version',
    );
    for (const { id } of planned) {
      const own = events.map((e) => e.deploymentChanged).filter((e) => e.id === id);
      expect(own.map((e) => e.status)).toEqual(expect.arrayContaining(['QUEUED', 'RUNNING', 'SUCCEEDED']));
      expect(own.at(-1)!.status).toBe('SUCCEEDED');
    }
    await rollouts.until((all) => all.some((e) => e.rolloutChanged.id === rolloutId && e.rolloutChanged.status === 'COMPLETED'), 'the rollout to complete live');
    expect(deployments.failure).toBeUndefined();

    // Every key Hydrator wrote is under the prefix, grouped by queue; each queue's keys hash to one slot
    // (the prefix's tag) and sit on the one master that owns it.
    const keysByPort = new Map<number, string[]>();
    for (const port of cluster.ports) keysByPort.set(port, await scanKeys(cluster, port, `${prefix}:*`));
    const all = [...keysByPort.values()].flat();
    const queueOf = (key: string) => key.slice(prefix.length + 1).split(':')[0];
    const queueNames: string[] = Object.values(QueueName);
    expect(new Set(all.map(queueOf))).toEqual(new Set(queueNames));
    const node = cluster.node(cluster.ports[0]);
    try {
      const tagSlot = await node.cluster('KEYSLOT', prefix);
      for (const queue of queueNames) {
        const keys = all.filter((key) => queueOf(key) === queue);
        expect(keys.length).toBeGreaterThan(1);
        const slots = new Set(await Promise.all(keys.map((key) => node.cluster('KEYSLOT', key))));
        expect({ queue, slots: [...slots] }).toEqual({ queue, slots: [tagSlot] });
        const holders = cluster.ports.filter((port) => keysByPort.get(port)!.some((key) => queueOf(key) === queue));
        expect({ queue, holders: holders.length }).toEqual({ queue, holders: 1 });
      }
    } finally {
      node.disconnect();
    }

    // Readiness pings the cluster; Bull Board reads every queue through it.
    const ready = await fetch(`${hydrator.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ info: { redis: { status: 'up' } } });
    const board = await fetch(`${hydrator.url}/admin/queues/api/queues`, { headers: { authorization: `Basic ${Buffer.from(`ops:${OPERATOR_TOKEN}`).toString('base64')}` } });
    expect(board.status).toBe(200);
    const { queues } = (await board.json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
    expect(new Set(queues.map((q) => q.name))).toEqual(new Set(queueNames));
    expect(queues.find((q) => q.name === String(QueueName.Rollouts))!.counts.completed).toBeGreaterThan(0);
  }, 90_000);
});

/** The keys matching `pattern` held by the master on `port` (SCAN sees one node's keys only). */
async function scanKeys(cluster: LocalRedisCluster, port: number, pattern: string): Promise<string[]> {
  const redis = cluster.node(port);
  const keys: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  } finally {
    redis.disconnect();
  }
}
