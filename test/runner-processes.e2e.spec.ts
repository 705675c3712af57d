import { JenkinsSandbox } from '@hydrator/sandbox';
import { ServiceProcess, TEST_REDIS_URL, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { buildsOf, createJobs, doubleTriggers, FleetSpec, maxConcurrentApplications, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

const FLEET: FleetSpec = {
  applications: [
    { name: 'auth', production: 3 },
    { name: 'billing', dependsOn: ['auth'], production: 2 },
    { name: 'search', production: 3 },
    { name: 'web', dependsOn: ['billing', 'search'], production: 2 },
    { name: 'docs', production: 2 },
  ],
};
const DEPLOYMENTS = 12;
const MAX_PARALLEL_APPS = 2;

/**
 * The runner as separate OS processes, built from `dist/` like production: killed with SIGKILL in the
 * middle of a rollout, and two replicas at once. Every check reads Jenkins' own timeline.
 */
describe('runner processes', () => {
  const sandboxes = useRolloutSandboxes();
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;
  const runners: ServiceProcess[] = [];

  beforeEach(async () => {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 250 } });
    const env = {
      ...(await sandboxes.env(jenkins)),
      MAX_PARALLEL_APPS: String(MAX_PARALLEL_APPS),
      JENKINS_POLL_INTERVAL: '300ms',
    };
    // Everything but the runner runs in the test process; runners are child processes.
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule, SchedulerModule, NotifierModule], env });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
    createJobs(jenkins, FLEET);
    runnerEnv = { ...env, DATABASE_URL: hydrator.config.databaseUrl, REDIS_URL: TEST_REDIS_URL, HYDRATOR_REDIS_PREFIX: hydrator.config.redisPrefix };
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await hydrator?.close();
    await jenkins?.stop();
  });

  let runnerEnv: Record<string, string> = {};
  const startRunner = async () => {
    const runner = await ServiceProcess.start('runner', runnerEnv);
    runners.push(runner);
    return runner;
  };

  function expectOrderingRules(): void {
    for (const app of FLEET.applications) {
      const builds = buildsOf(jenkins, app.name).filter((b) => b.result === 'SUCCESS');
      expect(builds.map((b) => b.params.CLUSTER)).toEqual(Array.from({ length: app.production! }, (_, i) => `prod-${i}`));
      const all = buildsOf(jenkins, app.name);
      for (let i = 1; i < all.length; i++) expect(all[i].startedAtHr!).toBeGreaterThanOrEqual(all[i - 1].finishedAtHr!);
      for (const dependency of app.dependsOn ?? []) {
        expect(all[0].startedAtHr!).toBeGreaterThan(Math.max(...buildsOf(jenkins, dependency).map((b) => b.finishedAtHr!)));
      }
    }
    expect(maxConcurrentApplications(jenkins)).toBeLessThanOrEqual(MAX_PARALLEL_APPS);
    expect(doubleTriggers(jenkins)).toEqual([]);
  }

  it('survives a runner killed with SIGKILL mid-rollout: a new one finishes it, triggering nothing twice', async () => {
    const rolloutId = await planFleet(hydrator, FLEET);
    const first = await startRunner();
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await hydrator.waitFor(() => jenkins.builds().filter((b) => b.state === 'finished').length >= 3 && jenkins.builds().some((b) => b.state === 'running'), 'the rollout to be under way');
    await first.kill();
    await startRunner();
    await waitForRollout(hydrator, rolloutId, 'COMPLETED', 90_000);
    expect(jenkins.builds().filter((b) => b.result === 'SUCCESS')).toHaveLength(DEPLOYMENTS);
    expectOrderingRules();
  });

  it('runs one rollout correctly with two runner replicas at once', async () => {
    const rolloutId = await planFleet(hydrator, FLEET);
    await Promise.all([startRunner(), startRunner()]);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED', 60_000);
    expect(jenkins.builds()).toHaveLength(DEPLOYMENTS);
    expectOrderingRules();
  });
});
