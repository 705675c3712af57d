import { RequestContext } from '@mikro-orm/postgresql';
import { JenkinsSandbox, TestJenkinsClient } from '@hydrator/sandbox';
import { TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../../gateway/src/gateway.module';
import { NotifierModule } from '../../notifier/src/notifier.module';
import { RegistryServiceModule } from '../../registry/src/registry-service.module';
import { RunnerModule } from '../../runner/src/runner.module';
import { SchedulerModule } from '../../scheduler/src/scheduler.module';
import { DEMO_FAILING_APPLICATION, prepareDemoJenkins, registerDemoFleet } from './demo-fleet';
import { continueSandboxNumbering, readEarlierBuilds } from './earlier-builds';

const REV_1 = 'c0ffee0000000000000000000000000000000001';
const REV_2 = 'c0ffee0000000000000000000000000000000002';

describe('the demo fleet on the Jenkins sandbox', () => {
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;

  beforeEach(async () => {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 50 } });
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule, NotifierModule],
      env: { JENKINS_URL: await jenkins.start(), JENKINS_POLL_INTERVAL: '300ms' },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
  });

  afterEach(async () => {
    await hydrator?.close();
    await jenkins?.stop();
  });

  /** The build numbers of the completion reports Hydrator has recorded for a job. */
  async function recordedNumbers(jobPath: string): Promise<number[]> {
    const rows = await hydrator.orm.em
      .fork()
      .execute<{ build_number: number }[]>(`select build_number from deployment_report where job_path = ? and phase = 'COMPLETED' order by build_number`, [jobPath]);
    return rows.map((row) => row.build_number);
  }

  /** What `npm start` does on a first start with the sandbox: ready its jobs, then register the fleet. */
  async function seedDemo(): Promise<void> {
    prepareDemoJenkins(jenkins);
    expect(await RequestContext.create(hydrator.orm.em, () => registerDemoFleet(hydrator.app, hydrator.config, jenkins.webhookUrl!))).toBe(true);
    await hydrator.waitFor(async () => (await recordedNumbers('deploy/auth')).length === 3, 'the seeded reports of auth');
  }

  /** npm start again: a new sandbox on the same port, which remembers nothing, readied as main does. */
  async function restartJenkins(): Promise<void> {
    const { port } = new URL(jenkins.url);
    await jenkins.stop();
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 50 }, webhookUrl: jenkins.webhookUrl });
    await jenkins.start(Number(port));
    const earlier = await readEarlierBuilds(hydrator.config.databaseUrl);
    prepareDemoJenkins(jenkins, earlier.deploymentAttempts);
    continueSandboxNumbering(jenkins, earlier.lastNumbers);
  }

  /** Deploys `auth` at `rev` to hydra-us through the sandbox, as the runner would; returns the build's number. */
  async function deployAuth(rev: string): Promise<number> {
    const client = new TestJenkinsClient(jenkins.url);
    const triggered = await client.trigger('deploy/auth', { GIT_REV: rev, CLUSTER: 'hydra-us', ENVIRONMENT: 'production', NAMESPACE: 'auth' });
    expect(triggered.status).toBe(201);
    const build = await client.resultOf(await client.buildUrlOf(triggered.headers.get('location')!));
    expect(build.result).toBe('SUCCESS');
    return build.number;
  }

  async function productionRevOfAuth(): Promise<string | null> {
    const data = await hydrator.graphqlOk<{ application: { targets: Array<{ cluster: string; currentRev: string | null }> } }>(`{ application(name: "auth") { targets { cluster currentRev } } }`);
    return data.application.targets.find((target) => target.cluster === 'hydra-us')!.currentRev;
  }

  it('gives a real build of a seeded job a number no seeded report has, so its completion is recorded', async () => {
    await seedDemo();
    const seeded = await recordedNumbers('deploy/auth');

    const number = await deployAuth(REV_1);
    expect(seeded).not.toContain(number);
    await hydrator.waitFor(async () => (await productionRevOfAuth()) === REV_1, 'hydra-us to run the new rev of auth', 5000);
    expect(await recordedNumbers('deploy/auth')).toEqual([...seeded, number]);
  });

  it('after a restart, numbers the builds of the fresh sandbox after every build Hydrator has received', async () => {
    await seedDemo();
    const before = await deployAuth(REV_1);
    await hydrator.waitFor(async () => (await productionRevOfAuth()) === REV_1, 'the first build to be recorded', 5000);

    await restartJenkins();
    const after = await deployAuth(REV_2);
    expect(after).toBe(before + 1);
    await hydrator.waitFor(async () => (await productionRevOfAuth()) === REV_2, 'hydra-us to run the rev of the build after the restart', 5000);
  });

  it.each([
    ['in the same process', false],
    ['after a restart of npm start (the first attempt fails once per database, not once per start)', true],
  ])('fails the first attempt of the ledger, halting the run with work after it; a retry passes and the rollout resumes to the end, %s', async (_when, restart) => {
    await seedDemo();
    const { scheduleRollout: rollout } = await hydrator.graphqlOk<{ scheduleRollout: { id: string } }>(`mutation { scheduleRollout { id } }`);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rollout.id });
    const halted = await waitForStatus(rollout.id, 'HALTED');

    const failed = halted.deployments.filter((deployment) => deployment.status === 'FAILED');
    expect(failed.map(describeDeployment)).toEqual([`${DEMO_FAILING_APPLICATION} hydra-us`]);
    // Work left after it: its second target, and what depends on it.
    const left = halted.deployments.filter((deployment) => deployment.status !== 'SUCCEEDED' && deployment.status !== 'FAILED').map(describeDeployment);
    expect(left).toEqual(expect.arrayContaining([`${DEMO_FAILING_APPLICATION} hydra-eu`, 'billing-api hydra-us', 'billing-api hydra-eu']));
    const ledgerResults = () => jenkins.buildsFor(`deploy/${DEMO_FAILING_APPLICATION}`).map((build) => build.result);
    expect(ledgerResults()).toEqual(['FAILURE']);
    if (restart) await restartJenkins();

    // Retry: its second attempt passes, and the rollout goes on with what the failure had blocked.
    await hydrator.graphqlOk(`mutation($id: ID!) { retryDeployment(id: $id) { id } }`, { id: failed[0].id });
    const completed = await waitForStatus(rollout.id, 'COMPLETED');
    expect(completed.deployments.filter((deployment) => deployment.status !== 'SUCCEEDED').map(describeDeployment)).toEqual([]);
    expect(ledgerResults()).toEqual(restart ? ['SUCCESS', 'SUCCESS'] : ['FAILURE', 'SUCCESS', 'SUCCESS']);
  });

  interface RolloutView {
    status: string;
    deployments: Array<{ id: string; status: string; application: { name: string }; target: { cluster: string } }>;
  }

  async function waitForStatus(id: string, status: string): Promise<RolloutView> {
    return hydrator.waitFor(
      async () => {
        const { rollout } = await hydrator.graphqlOk<{ rollout: RolloutView }>(`query($id: ID!) { rollout(id: $id) { status deployments { id status application { name } target { cluster } } } }`, {
          id,
        });
        return rollout.status === status && rollout;
      },
      `the demo rollout to be ${status}`,
      30_000,
    );
  }

  function describeDeployment(deployment: RolloutView['deployments'][number]): string {
    return `${deployment.application.name} ${deployment.target.cluster}`;
  }
});
