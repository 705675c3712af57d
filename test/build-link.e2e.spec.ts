import { DeploymentExecutor, RunnerIntegrations } from '@hydrator/runner';
import { JenkinsSandbox } from '@hydrator/sandbox';
import { TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { LiveClient } from './support/live-client';
import { createJobs, doubleTriggers, planFleet, stagingRevOf, waitForRollout } from './support/rollout-fixture';

interface DeploymentEvent {
  deploymentChanged: { id: string; status: string; version: number; jenkinsBuildUrl: string | null };
}

interface DeploymentRead {
  deployment: {
    status: string;
    jenkinsBuildUrl: string | null;
    jenkinsQueueUrl: string | null;
    waitingFor: string | null;
    attempts: Array<{ attempt: number; buildNumber: number; buildUrl: string | null; result: string; finishedAt: string | null }>;
  };
}

const FLEET = { applications: [{ name: 'web', production: 1 }] };
const DEPLOYMENT = `query($id: ID!) { deployment(id: $id) { status jenkinsBuildUrl jenkinsQueueUrl waitingFor attempts { attempt buildNumber buildUrl result finishedAt } } }`;

/**
 * The Jenkins build link of a deployment shows while the build runs: the registry records it from the
 * build's STARTED notification, and deploymentChanged subscribers get it, without waiting for the runner
 * to poll Jenkins (here never: JENKINS_POLL_INTERVAL is an hour) or for the build to finish.
 */
describe('the Jenkins build link while the build runs', () => {
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;
  let client: LiveClient | undefined;

  /** `modules` without the runner's when the test plays the runner. */
  async function boot(modules: NonNullable<Parameters<typeof TestHydrator.start>[0]['modules']>) {
    // Every build runs until the test finishes it.
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, hold: true } });
    hydrator = await TestHydrator.start({ modules, env: { JENKINS_URL: await jenkins.start(), JENKINS_POLL_INTERVAL: '1h' } });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
  }
  afterEach(async () => {
    await client?.dispose();
    await hydrator?.close();
    await jenkins?.stop();
  });

  it('is on the deployment, and sent to deploymentChanged subscribers, as soon as Jenkins reports the build started', async () => {
    await boot([GatewayModule, RegistryServiceModule, RunnerModule]);
    const rolloutId = await planFleet(hydrator, FLEET);
    createJobs(jenkins, FLEET);
    client = new LiveClient(hydrator.url, VIEWER_TOKEN);
    const changes = client.subscribe<DeploymentEvent>(`subscription($id: ID!) { deploymentChanged(rolloutId: $id) { id status version jenkinsBuildUrl } }`, { id: rolloutId });
    await client.settled();
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });

    const build = await jenkins.waitFor(() => jenkins.builds().find((b) => b.state === 'running'), 10_000, 'the build to start');
    const buildUrl = `${jenkins.url}/job/deploy/job/web/${build.number}/`;
    const events = await changes.until((all) => all.some((e) => e.deploymentChanged.jenkinsBuildUrl === buildUrl), 'the build link on deploymentChanged');
    // Hydrator never asked Jenkins about the queue item or the build: the link came with the STARTED notification.
    const asked = jenkins.requests.filter((r) => r.path.startsWith('/queue/item/') || r.path.startsWith(`/job/deploy/job/web/${build.number}/`));
    expect(asked).toEqual([]);
    const withLink = events.find((e) => e.deploymentChanged.jenkinsBuildUrl === buildUrl)!.deploymentChanged;
    expect(withLink.status).toBe('RUNNING');
    expect(events.map((e) => e.deploymentChanged.version).every((version, i, all) => i === 0 || version > all[i - 1])).toBe(true);

    // Read over HTTP while the build is still running in Jenkins.
    const { deployment } = await hydrator.graphqlOk<DeploymentRead>(DEPLOYMENT, { id: withLink.id });
    expect(deployment).toMatchObject({
      status: 'RUNNING',
      jenkinsBuildUrl: buildUrl,
      waitingFor: null,
      attempts: [{ attempt: 1, buildNumber: build.number, buildUrl, result: 'STARTED', finishedAt: null }],
    });
    expect(deployment.jenkinsQueueUrl).toMatch(/\/queue\/item\/\d+\/$/);
    expect(jenkins.builds().find((b) => b.number === build.number)?.state).toBe('running');

    jenkins.finish('deploy/web', build.number!);
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    const { deployment: done } = await hydrator.graphqlOk<DeploymentRead>(DEPLOYMENT, { id: withLink.id });
    expect(done).toMatchObject({ status: 'SUCCEEDED', jenkinsBuildUrl: buildUrl, attempts: [{ attempt: 1, buildNumber: build.number, buildUrl, result: 'SUCCESS' }] });
    expect(done.attempts[0].finishedAt).not.toBeNull();
  });

  it('lets the runner adopt a build whose STARTED report brought the link while the deployment was still QUEUED', async () => {
    // No runner module: the test plays a runner that triggered the build and died before it committed.
    await boot([GatewayModule, RegistryServiceModule]);
    const rolloutId = await planFleet(hydrator, FLEET);
    createJobs(jenkins, FLEET);
    const sql = (query: string, params: unknown[]): Promise<Array<{ id: string; status: string; jenkins_build_url: string | null }>> => hydrator.orm.em.fork().getConnection().execute(query, params);
    await sql(`update rollout set status = 'RUNNING' where id = ?`, [rolloutId]);
    // That runner recorded its intent to trigger, as every execution does before calling Jenkins.
    const [{ id }] = await sql(`update deployment set status = 'QUEUED', attempt = 1, trigger_requested_at = now() where rollout_id = ? returning id`, [rolloutId]);
    await hydrator.app.get(RunnerIntegrations).jenkins!.trigger('deploy/web', {
      GIT_REV: stagingRevOf('web'),
      CLUSTER: 'prod-0',
      ENVIRONMENT: 'production',
      NAMESPACE: 'web',
      HYDRATOR_DEPLOYMENT_ID: `${id}:1`,
    });
    const build = await jenkins.waitFor(() => jenkins.builds().find((b) => b.state === 'running'), 10_000, 'the build to start');
    const buildUrl = `${jenkins.url}/job/deploy/job/web/${build.number}/`;
    const row = async () => (await sql(`select id, status, jenkins_build_url from deployment where id = ?`, [id]))[0];
    await hydrator.waitFor(async () => (await row()).jenkins_build_url === buildUrl, 'the link from the STARTED report');
    expect((await row()).status).toBe('QUEUED');

    // Within the intent's lease that runner may still be calling Jenkins: the next one waits it out.
    const executor = hydrator.app.get(DeploymentExecutor);
    expect(await executor.execute(id, 1)).toEqual({ waitUntil: expect.any(Number) });
    expect((await row()).status).toBe('QUEUED');
    await sql(`update deployment set trigger_requested_at = now() - interval '1 minute' where id = ?`, [id]);
    // Then it adopts that build instead of taking the link for its own trigger (which would leave it QUEUED for ever).
    expect(await executor.execute(id, 1)).toBe('triggered');
    expect(await row()).toMatchObject({ status: 'RUNNING', jenkins_build_url: buildUrl });
    expect(jenkins.builds()).toHaveLength(1);
    expect(doubleTriggers(jenkins)).toEqual([]);
  });
});
