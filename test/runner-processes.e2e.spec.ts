import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertmanagerClient, deploymentIdOfSilenceComment } from '@hydrator/alertmanager';
import { BuildParams, JenkinsSandbox } from '@hydrator/sandbox';
import { ServiceProcess, TEST_REDIS_URL, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { createJobs, deploymentsOf, FleetSpec, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';
import { duplicatedTriggers, orderingViolations, triggersWithoutBuild } from './support/timeline-rules';

const FLEET: FleetSpec = {
  applications: [
    { name: 'auth', production: 3 },
    { name: 'billing', dependsOn: ['auth'], production: 2 },
    { name: 'search', production: 3 },
    { name: 'web', dependsOn: ['billing', 'search'], production: 2 },
    { name: 'docs', production: 2 },
  ],
};
const DEPLOYMENTS = deploymentsOf(FLEET);
const MAX_PARALLEL_APPS = 2;

/**
 * Ten independent applications of four to six production targets, and two dependants at the end
 * (57 deployments): with MAX_PARALLEL_APPS 10 and builds of 30–80 ms, hand-offs happen constantly and many at once.
 */
const CRASH_FLEET: FleetSpec = {
  applications: [
    ...['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa'].map((name, i) => ({ name, production: 4 + (i % 3) })),
    { name: 'portal', dependsOn: ['alpha', 'beta'], production: 4 },
    { name: 'edge', dependsOn: ['portal', 'gamma'], production: 4 },
  ],
};
const CRASH_PARALLEL_APPS = 10;

/** A small seeded generator (mulberry32): the build durations and kill offsets of one run can be replayed from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const startRunner = async (env: Record<string, string> = {}) => {
    const runner = await ServiceProcess.start('runner', { ...runnerEnv, ...env });
    runners.push(runner);
    return runner;
  };

  /** Every rule, from Jenkins' timeline: ordering, parallelism, and each attempt asked for once and built. */
  function expectRulesHeld(fleet: FleetSpec, maxParallelApps: number): void {
    expect(duplicatedTriggers(jenkins)).toEqual([]);
    expect(triggersWithoutBuild(jenkins)).toEqual([]);
    expect(orderingViolations(jenkins, fleet, maxParallelApps)).toEqual([]);
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
    expectRulesHeld(FLEET, MAX_PARALLEL_APPS);
  });

  it('runs one rollout correctly with two runner replicas at once', async () => {
    const rolloutId = await planFleet(hydrator, FLEET);
    await Promise.all([startRunner(), startRunner()]);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED', 60_000);
    expect(jenkins.builds()).toHaveLength(DEPLOYMENTS);
    expectRulesHeld(FLEET, MAX_PARALLEL_APPS);
  });

  it('finishes a rollout of ten applications at once through four SIGKILLs of its runners: each attempt triggered once, every rule held, no silence left', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const crashEnv = { MAX_PARALLEL_APPS: String(CRASH_PARALLEL_APPS) };
    const kills: string[] = [];
    /** A kill -9 of `victims` from inside Jenkins at the first trigger `when` accepts: the trigger is in, its answer not yet sent. */
    let armed: { label: string; when: (params: BuildParams) => boolean; victims: ServiceProcess[] } | undefined;
    let triggers = 0;
    jenkins.script((params) => {
      triggers++;
      if (armed?.when(params)) {
        for (const victim of armed.victims) void victim.kill();
        kills.push(armed.label);
        armed = undefined;
      }
      return { queueDelayMs: 5, durationMs: 30 + Math.floor(random() * 51) };
    });
    const killAtTrigger = async (label: string, victims: ServiceProcess[], when: (params: BuildParams) => boolean) => {
      armed = { label, when, victims };
      await hydrator.waitFor(() => kills.includes(label), `the kill of ${label}`, 45_000);
      await Promise.all(victims.map((victim) => victim.kill()));
    };
    const db = hydrator.orm.em.fork().getConnection();
    createJobs(jenkins, CRASH_FLEET);
    const rolloutId = await planFleet(hydrator, CRASH_FLEET);
    try {
      // 1: the only runner, at the sixth trigger of the first wave; two replicas take over.
      const first = await startRunner(crashEnv);
      await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
      await killAtTrigger('the only runner at the sixth trigger', [first], () => triggers === 6);
      const [second, third] = await Promise.all([startRunner(crashEnv), startRunner(crashEnv)]);

      // 2: one of the two replicas, with builds running; a new one starts at once.
      // Whenever builds run: a job the first kill left may be under way again, and dies a second time (BullMQ runs it again).
      await hydrator.waitFor(() => jenkins.builds().some((b) => b.state === 'running'), 'builds running', 45_000);
      await second.kill();
      kills.push('one of two replicas with builds running');
      const fourth = startRunner(crashEnv);

      // 3: the other one, at a random offset after the second kill (well within its 5 s), while the new one boots.
      const offsetMs = 50 + Math.floor(random() * 500);
      await new Promise((resolve) => setTimeout(resolve, offsetMs));
      await third.kill();
      kills.push(`the other replica ${offsetMs} ms later`);
      const replicas = await Promise.all([fourth, startRunner(crashEnv)]);

      // 4: both replicas at once, at the next trigger; a last runner finishes.
      const remaining = deploymentsOf(CRASH_FLEET) - jenkins.builds().length;
      await killAtTrigger(`both replicas at a trigger, ${remaining} deployments to go`, replicas, () => true);
      await startRunner(crashEnv);
      await waitForRollout(hydrator, rolloutId, 'COMPLETED', 60_000);
    } catch (error) {
      const logs = await mkdtemp(join(tmpdir(), 'hydrator-crash-fleet-'));
      await Promise.all(runners.map((runner, i) => writeFile(join(logs, `runner-${i}.log`), runner.log)));
      throw new Error(`${(error as Error).message} (CRASH_SEED=${seed}; kills: ${kills.join('; ')}; runner logs in ${logs})`, { cause: error });
    }
    // Every deployment succeeded on its first attempt, with exactly one Jenkins build for it.
    const deployments = await db.execute<Array<{ id: string; status: string; attempt: number }>>(`select id, status, attempt from deployment where rollout_id = ?`, [rolloutId]);
    expect(deployments).toHaveLength(deploymentsOf(CRASH_FLEET));
    expect(deployments.filter((d) => d.status !== 'SUCCEEDED')).toEqual([]);
    expectRulesHeld(CRASH_FLEET, CRASH_PARALLEL_APPS);
    expect(jenkins.builds().length).toBe(deployments.length);
    expect(
      jenkins
        .builds()
        .map((b) => b.params.HYDRATOR_DEPLOYMENT_ID)
        .sort(),
    ).toEqual(deployments.map((d) => `${d.id}:${d.attempt}`).sort());

    // Silences, read back from Alertmanager: one per deployment, and none left active once the runners tidied up.
    const ids = new Set(deployments.map((d) => d.id));
    const am = new AlertmanagerClient(sandboxes.alertmanager.url);
    const silencesOfRollout = async () => (await am.findSilences({})).filter((silence) => ids.has(deploymentIdOfSilenceComment(silence.comment) ?? ''));
    await hydrator.waitFor(async () => (await silencesOfRollout()).every((silence) => silence.state === 'expired'), 'every silence of the rollout to be expired', 15_000);
    expect((await silencesOfRollout()).map((silence) => deploymentIdOfSilenceComment(silence.comment)).sort()).toEqual([...ids].sort());
  }, 120_000);
});
