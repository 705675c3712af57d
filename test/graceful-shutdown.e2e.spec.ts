import { JenkinsSandbox } from '@hydrator/sandbox';
import { ServiceProcess, TEST_REDIS_URL, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { ROLLOUTS_LOCK_DURATION_MS } from '../apps/runner/src/rollouts.processor';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { HoldingProxy } from './support/holding-proxy';
import { createJobs, doubleTriggers, FleetSpec, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

const FLEET: FleetSpec = {
  applications: [
    { name: 'auth', production: 2 },
    { name: 'billing', dependsOn: ['auth'], production: 2 },
  ],
};
const SHUTDOWN_TIMEOUT_MS = 6000;

/**
 * SIGTERM to a runner built from `dist/` while it is inside a deployment's execution: the trigger has
 * reached Jenkins (its build is running) but Jenkins' answer is held back by a proxy, so the job cannot
 * finish. The runner must turn unready, hand the job back and exit 0 within SHUTDOWN_TIMEOUT; the next
 * runner must take the job at once (not after the lock expires), adopt the build instead of triggering
 * again, and finish the rollout.
 */
describe('graceful shutdown', () => {
  const sandboxes = useRolloutSandboxes();
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;
  let proxy: HoldingProxy;
  const runners: ServiceProcess[] = [];

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await proxy?.stop();
    await hydrator?.close();
    await jenkins?.stop();
  });

  it('on SIGTERM mid-rollout turns unready, hands its job back and exits 0; the next runner finishes the rollout without a duplicate trigger or a lock to wait out', async () => {
    // Slow builds: one is running in Jenkins when the signal comes.
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 1500 } });
    const env = { ...(await sandboxes.env(jenkins)), MAX_PARALLEL_APPS: '2', JENKINS_POLL_INTERVAL: '300ms' };
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule, SchedulerModule, NotifierModule], env });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
    createJobs(jenkins, FLEET);
    proxy = new HoldingProxy(jenkins.url);
    const runnerEnv = {
      ...env,
      JENKINS_URL: await proxy.start(),
      DATABASE_URL: hydrator.config.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      HYDRATOR_REDIS_PREFIX: hydrator.config.redisPrefix,
      SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`,
      SHUTDOWN_DRAIN: '1s',
      LOG_FORMAT: 'json',
    };
    const startRunner = async () => {
      const runner = await ServiceProcess.start('runner', runnerEnv);
      runners.push(runner);
      return runner;
    };

    // Jenkins' answer to billing's first trigger is held: the runner's execute job stays in progress.
    let billingTriggers = 0;
    proxy.holdWhen((r) => r.method === 'POST' && r.path.includes('/job/billing/') && r.path.includes('/buildWithParameters') && ++billingTriggers === 1);

    const rolloutId = await planFleet(hydrator, FLEET);
    const first = await startRunner();
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await hydrator.waitFor(() => proxy.held.length === 1, 'billing to be triggered (its answer held)', 30_000);
    await hydrator.waitFor(() => jenkins.builds().some((b) => b.jobPath === 'deploy/billing' && b.state === 'running'), 'the billing build to run');

    expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);
    // Readiness, sampled until the process is gone.
    const readiness: Array<{ at: number; status: number | 'refused' }> = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const status = await fetch(`${first.url}/health/ready`, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.status,
          () => 'refused' as const,
        );
        readiness.push({ at: Date.now(), status });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const sigtermAt = Date.now();
    const exiting = first.terminate();
    await startRunner();
    const exit = await exiting;
    sampling = false;
    await sampler;
    const exitedAt = sigtermAt + exit.afterMs;

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    // Ready before the signal, then 503 (never 200 again) while it still served, before it exited.
    expect(readiness.find((r) => r.status === 503 && r.at < exitedAt)).toBeDefined();
    expect(readiness.filter((r) => r.status === 200)).toEqual([]);
    expect(first.log).toMatch(/handed job execute-deployment \S+ back to the queue/);
    for (const phase of ['phase 1: readiness is false', 'phase 2:', 'phase 3: closing HTTP', 'phase 4: closing PostgreSQL and Redis', 'shutdown complete']) expect(first.log).toContain(phase);

    proxy.release();
    await waitForRollout(hydrator, rolloutId, 'COMPLETED', 60_000);

    // Each deployment attempt was triggered exactly once in Jenkins: the held one was adopted, not triggered again.
    const attempts = await hydrator.orm.em.fork().getConnection().execute<Array<{ id: string; attempt: number }>>(`select id, attempt from deployment where rollout_id = ?`, [rolloutId]);
    expect(attempts).toHaveLength(4);
    expect(doubleTriggers(jenkins)).toEqual([]);
    expect(jenkins.events().filter((e) => e.kind === 'triggered')).toHaveLength(4);
    expect(jenkins.builds().every((b) => b.result === 'SUCCESS')).toBe(true);

    // The work moved on well before a lock left behind could have expired.
    const nextTrigger = jenkins.events().find((e) => e.kind === 'triggered' && e.date.getTime() > sigtermAt);
    expect(nextTrigger).toBeDefined();
    expect(nextTrigger!.date.getTime() - sigtermAt).toBeLessThan(ROLLOUTS_LOCK_DURATION_MS);
  }, 120_000);
});
