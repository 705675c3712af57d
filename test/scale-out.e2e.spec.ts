import { JenkinsSandbox } from '@hydrator/sandbox';
import { VIEWER_TOKEN, waitFor } from '@hydrator/testing';
import { LiveClient, LiveSubscription } from './support/live-client';
import { createJobs, deploymentsOf } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';
import { SCALE_OUT_FLEET, ScaleOutCluster } from './support/scale-out-cluster';
import { DeploymentChange, duplicatedTriggers, orderingViolations, sawAllSucceed, subscriberViolations, triggersWithoutBuild } from './support/timeline-rules';

const MAX_PARALLEL_APPS = 4;
const DEPLOYMENTS = deploymentsOf(SCALE_OUT_FLEET);

/**
 * Scale-out, shown rather than asserted: one rollout of 22 applications (53 deployments) run by three
 * runner, two registry and two gateway processes built from `dist/`, Jenkins reporting round-robin to
 * both gateways, live subscribers on each gateway; one runner is killed with SIGKILL half-way. Every
 * rule is checked from the Jenkins sandbox's timeline, every subscriber's view from what it received.
 */
describe('scale-out: replicas of every service from dist/', () => {
  const sandboxes = useRolloutSandboxes();
  let jenkins: JenkinsSandbox;
  let cluster: ScaleOutCluster | undefined;
  const clients: LiveClient[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await cluster?.stop();
    await jenkins?.stop();
  });

  it('completes one rollout with three runners (one killed half-way), two registries and two gateways: rules held, each attempt triggered once, every subscriber saw every change', async () => {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 300 } });
    createJobs(jenkins, SCALE_OUT_FLEET);
    const env = { ...(await sandboxes.env(jenkins)), MAX_PARALLEL_APPS: String(MAX_PARALLEL_APPS), JENKINS_POLL_INTERVAL: '1s' };
    cluster = await ScaleOutCluster.start({ jenkins, env, replicas: { gateway: 2, registry: 2, runner: 3 } });

    const rolloutId = await cluster.plan(SCALE_OUT_FLEET);
    const ids = (await cluster.deployments(rolloutId)).map((d) => d.id);
    expect(ids).toHaveLength(DEPLOYMENTS);

    // Two dashboards on each gateway, following the rollout live.
    const subscriptions: Array<LiveSubscription<DeploymentChange>> = [];
    for (const url of cluster.urls('gateway')) {
      for (let i = 0; i < 2; i++) {
        const client = new LiveClient(url, VIEWER_TOKEN);
        clients.push(client);
        subscriptions.push(client.subscribe<DeploymentChange>(`subscription($id: ID!) { deploymentChanged(rolloutId: $id) { id status version } }`, { id: rolloutId }));
        await client.settled();
      }
    }

    await cluster.graphql(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId }, 1);
    await waitFor(
      () => jenkins.builds().filter((b) => b.result === 'SUCCESS').length >= DEPLOYMENTS / 2 && jenkins.builds().some((b) => b.state === 'running'),
      'half of the deployments to be done with builds running',
      60_000,
    );
    const [victim] = cluster.of('runner');
    await cluster.kill(victim);
    expect(cluster.of('runner')).toHaveLength(2);

    await cluster.waitForRollout(rolloutId, 'COMPLETED', 90_000);
    const deployments = await cluster.deployments(rolloutId);
    expect(deployments.filter((d) => d.status !== 'SUCCEEDED')).toEqual([]);
    expect(jenkins.builds().filter((b) => b.result === 'SUCCESS')).toHaveLength(DEPLOYMENTS);

    // From Jenkins' timeline: ordering rules, each attempt (`<id>:<attempt>`) asked for once and built.
    expect(orderingViolations(jenkins, SCALE_OUT_FLEET, MAX_PARALLEL_APPS)).toEqual([]);
    expect(duplicatedTriggers(jenkins)).toEqual([]);
    expect(triggersWithoutBuild(jenkins)).toEqual([]);
    expect(new Set(jenkins.builds().map((b) => b.params.HYDRATOR_DEPLOYMENT_ID)).size).toBe(jenkins.builds().length);
    expect(deployments.map((d) => `${d.id}:${d.attempt}`).sort()).toEqual(
      jenkins
        .builds()
        .map((b) => b.params.HYDRATOR_DEPLOYMENT_ID)
        .sort(),
    );
    // Both gateways took Jenkins' reports.
    for (const url of cluster.urls('gateway')) expect(cluster.webhooks.served.get(url)).toBeGreaterThan(DEPLOYMENTS / 2);

    // Every subscriber, on either gateway, saw every deployment reach SUCCEEDED, versions only going up.
    for (const subscription of subscriptions) {
      await subscription.until((events) => sawAllSucceed(events, ids), 'every deployment to be seen SUCCEEDED', 20_000);
      expect(subscription.failure).toBeUndefined();
      expect(subscriberViolations(subscription.events, ids)).toEqual([]);
    }
  }, 240_000);
});
