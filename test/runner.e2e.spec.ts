import { AlertmanagerClient } from '@hydrator/alertmanager';
import { JenkinsSandbox } from '@hydrator/sandbox';
import { deleteRedisKeys, freePort, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { buildsOf, createJobs, doubleTriggers, maxConcurrentApplications, planFleet, rolloutStatus, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

const RUN = `mutation($id: ID) { runRollout(id: $id) { id status } }`;

describe('running rollouts', () => {
  const sandboxes = useRolloutSandboxes();
  const { slack } = sandboxes;
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;

  /** A fresh Hydrator and Jenkins per test, so Jenkins' timeline holds only this test's builds. */
  async function boot(options: ConstructorParameters<typeof JenkinsSandbox>[0] = {}, env: Record<string, string> = {}) {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 60 }, ...options });
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule, NotifierModule],
      env: {
        ...(await sandboxes.env(jenkins)),
        SLACK_SUPPORT_CHANNEL: '#sre-support',
        SLACK_SRE_CHANNEL: '#sre',
        MAX_PARALLEL_APPS: '2',
        JENKINS_POLL_INTERVAL: '300ms',
        HYDRATOR_TIMEZONE: 'UTC',
        ...env,
      },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
  }

  afterEach(async () => {
    await hydrator?.close();
    await jenkins?.stop();
  });

  const fleet = {
    applications: [
      { name: 'auth', production: 2 },
      { name: 'billing', dependsOn: ['auth'], production: 2 },
      { name: 'search', production: 2 },
      { name: 'web', dependsOn: ['billing', 'search'], production: 1 },
    ],
  };

  it('follows every ordering rule, as Jenkins saw it, with a silence around each deployment', async () => {
    await boot();
    const rolloutId = await planFleet(hydrator, fleet);
    createJobs(jenkins, fleet);
    await hydrator.graphqlOk(RUN, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    // With nothing left to run, the current rollout is the newest, completed one.
    expect(await hydrator.graphqlOk(`{ currentRollout { id status } }`)).toEqual({ currentRollout: { id: rolloutId, status: 'COMPLETED' } });

    // One target at a time per application, in target order.
    for (const app of fleet.applications) {
      const builds = buildsOf(jenkins, app.name);
      expect(builds.map((b) => b.params.CLUSTER)).toEqual(Array.from({ length: app.production }, (_, i) => `prod-${i}`));
      for (let i = 1; i < builds.length; i++) expect(builds[i].startedAtHr!).toBeGreaterThanOrEqual(builds[i - 1].finishedAtHr!);
    }
    // Dependencies: an application's first build starts after every build of what it depends on finished.
    for (const app of fleet.applications) {
      for (const dependency of app.dependsOn ?? []) {
        const lastOfDependency = Math.max(...buildsOf(jenkins, dependency).map((b) => b.finishedAtHr!));
        expect(buildsOf(jenkins, app.name)[0].startedAtHr!).toBeGreaterThan(lastOfDependency);
      }
    }
    // Different applications in parallel, never more than MAX_PARALLEL_APPS.
    expect(maxConcurrentApplications(jenkins)).toBe(2);
    expect(doubleTriggers(jenkins)).toEqual([]);

    // Silences, read back from Alertmanager: one per deployment, created before its build, expired after it.
    const am = new AlertmanagerClient(sandboxes.alertmanager.url);
    for (const build of jenkins.builds()) {
      const deploymentId = build.params.HYDRATOR_DEPLOYMENT_ID.split(':')[0];
      const [silence] = await am.findSilences({ cluster: build.params.CLUSTER, namespace: build.params.NAMESPACE }, { commentContains: deploymentId });
      expect(silence).toBeDefined();
      expect(silence.state).toBe('expired');
      expect(silence.startsAt.getTime()).toBeLessThanOrEqual(build.queuedAt.getTime());
      expect(silence.endsAt.getTime()).toBeGreaterThanOrEqual(build.finishedAt!.getTime() - 5);
    }
    await hydrator.waitFor(() => slack.messages.some((m) => m.channel === 'sre' && (m.text ?? '').includes('completed: 7 of 7')), 'the results in the SRE channel');
  });

  it('halts on a failure, blocks what cannot run, alerts support, then resumes where it stopped', async () => {
    let broken = true;
    await boot();
    jenkins.script((params) => (broken && params.NAMESPACE === 'auth' && params.CLUSTER === 'prod-1' ? { result: 'FAILURE' } : undefined));
    const rolloutId = await planFleet(hydrator, fleet);
    createJobs(jenkins, fleet);
    await hydrator.graphqlOk(RUN, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'HALTED');

    const statuses: Array<{ name: string; cluster: string; status: string }> = await hydrator.orm.em
      .fork()
      .getConnection()
      .execute(
        `select a.name, t.cluster, d.status from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id where d.rollout_id = ? order by a.name, t.position`,
        [rolloutId],
      );
    const statusOf = (name: string, cluster: string) => statuses.find((s) => s.name === name && s.cluster === cluster)?.status;
    expect(statusOf('auth', 'prod-0')).toBe('SUCCEEDED');
    expect(statusOf('auth', 'prod-1')).toBe('FAILED');
    expect(statusOf('billing', 'prod-0')).toBe('BLOCKED');
    expect((await rolloutStatus(hydrator, rolloutId)).reason).toContain('auth on prod-1/production failed: Jenkins build');
    await hydrator.waitFor(() => slack.messages.find((m) => m.channel === 'sre-support' && (m.text ?? '').includes('*auth* failed to deploy')), 'the support alert');

    broken = false;
    const triggersBefore = buildsOf(jenkins, 'auth').length;
    await hydrator.graphqlOk(RUN, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    // The succeeded auth/prod-0 was kept: only prod-1 ran again for auth.
    expect(
      buildsOf(jenkins, 'auth')
        .slice(triggersBefore)
        .map((b) => b.params.CLUSTER),
    ).toEqual(['prod-1']);
    expect(doubleTriggers(jenkins)).toEqual([]);
  });

  it('does not deploy when Alertmanager cannot be reached: the deployment fails and the rollout halts', async () => {
    const closed = await freePort();
    await boot({}, { ALERTMANAGER_URL: `http://127.0.0.1:${closed}` });
    const rolloutId = await planFleet(hydrator, { applications: [{ name: 'auth', production: 1 }] });
    createJobs(jenkins, { applications: [{ name: 'auth' }] });
    await hydrator.graphqlOk(RUN, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'HALTED', 60_000);
    expect(jenkins.builds()).toHaveLength(0);
    const [failed] = await hydrator.orm.em.fork().getConnection().execute(`select status, error from deployment where rollout_id = ?`, [rolloutId]);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toContain('no silence could be created, so nothing was deployed');
    expect(failed.error).toContain(`127.0.0.1:${closed}`);
  }, 90_000);

  it('learns outcomes by polling Jenkins when every webhook is lost', async () => {
    await boot({ webhookLoss: 1 });
    const rolloutId = await planFleet(hydrator, { applications: [{ name: 'auth' }, { name: 'billing', dependsOn: ['auth'] }] });
    createJobs(jenkins, { applications: [{ name: 'auth' }, { name: 'billing', dependsOn: ['auth'] }] });
    // The staging reports of planFleet come over HTTP from the test, not from the lossy sandbox.
    await hydrator.graphqlOk(RUN, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    expect(doubleTriggers(jenkins)).toEqual([]);
  });

  it('is unmoved by duplicate and late webhooks', async () => {
    await boot({ webhookDuplicates: 1, webhookDelayMs: (_build, phase) => (phase === 'STARTED' ? 150 : 0) });
    const rolloutId = await planFleet(hydrator, { applications: [{ name: 'auth' }, { name: 'billing', dependsOn: ['auth'] }] });
    createJobs(jenkins, { applications: [{ name: 'auth' }, { name: 'billing', dependsOn: ['auth'] }] });
    await hydrator.graphqlOk(RUN, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    expect(doubleTriggers(jenkins)).toEqual([]);
    expect(jenkins.builds()).toHaveLength(4);
  });

  it('finishes after Redis lost all its data mid-rollout, triggering nothing twice', async () => {
    await boot({ defaults: { queueDelayMs: 10, durationMs: 400 } });
    const rolloutId = await planFleet(hydrator, fleet);
    createJobs(jenkins, fleet);
    await hydrator.graphqlOk(RUN, { id: rolloutId });
    await hydrator.waitFor(() => jenkins.builds().some((b) => b.state === 'running'), 'a build to be running');
    await deleteRedisKeys(hydrator.config.redisPrefix); // what FLUSHALL does to Hydrator's keys
    await waitForRollout(hydrator, rolloutId, 'COMPLETED', 60_000);
    expect(doubleTriggers(jenkins)).toEqual([]);
    expect(jenkins.builds()).toHaveLength(7);
  });
});
