import { JenkinsSandbox } from '@hydrator/sandbox';
import { jenkinsNotification, OPERATOR_TOKEN, ServiceProcess, TEST_REDIS_URL, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { createJobs, FleetSpec, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

const FLEET: FleetSpec = { applications: [{ name: 'auth', production: 2 }] };
/** Sent in a webhook's body: payloads are never logged. */
const BODY_MARKER = 'body-marker-that-must-not-be-logged';

type Line = Record<string, unknown> & { service: string; level: string; msg: string };

/** Every stdout line of a process, each parsed as JSON: a line that is not JSON fails the test. */
function linesOf(process: ServiceProcess): Line[] {
  return process.log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Line;
      } catch {
        throw new Error(`${process.service} wrote a line that is not JSON: ${line}`);
      }
    });
}

/**
 * The gateway, registry and runner as production runs them (built from `dist/`, LOG_FORMAT=json), their
 * stdout parsed line by line while a webhook and a small rollout go through them.
 */
describe('structured logs', () => {
  const sandboxes = useRolloutSandboxes();
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;
  const processes: ServiceProcess[] = [];

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await hydrator?.close();
    await jenkins?.stop();
  });

  it('writes JSON lines with service, request id and rollout/deployment/attempt, and never a secret or a body', async () => {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 200 } });
    const env = { ...(await sandboxes.env(jenkins)), JENKINS_POLL_INTERVAL: '300ms' };
    // Planning and the notifier run in the test process; the services whose logs are read run from dist/.
    hydrator = await TestHydrator.start({ modules: [GatewayModule, SchedulerModule, NotifierModule], env });
    await hydrator.resetDatabase();
    createJobs(jenkins, FLEET);
    const serviceEnv = {
      ...env,
      DATABASE_URL: hydrator.config.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      HYDRATOR_REDIS_PREFIX: hydrator.config.redisPrefix,
      HYDRATOR_OPERATOR_TOKENS: `test-operator:${OPERATOR_TOKEN}`,
      JENKINS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
    };
    const [gateway, registry, runner] = await Promise.all(['gateway', 'registry', 'runner'].map((service) => ServiceProcess.start(service, serviceEnv)));
    processes.push(gateway, registry, runner);
    jenkins.webhookUrl = `${gateway.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;

    // A webhook with a request id of the caller's, and one without: the id is answered back either way.
    const notification = jenkinsNotification({ job: 'deploy/unknown', number: 7, extraParameters: { NOTE: BODY_MARKER } });
    const given = await fetch(`${gateway.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-from-the-caller-1', authorization: `Bearer ${OPERATOR_TOKEN}`, cookie: `session=${OPERATOR_TOKEN}` },
      body: JSON.stringify(notification),
    });
    expect(given.status).toBe(202);
    expect(given.headers.get('x-request-id')).toBe('req-from-the-caller-1');
    const generated = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_TOKEN}` },
      body: JSON.stringify({ query: '{ applications { name } }' }),
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const rolloutId = await planFleet(hydrator, FLEET);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED', 30_000);
    const deployments = await hydrator.orm.em.fork().getConnection().execute<Array<{ id: string; attempt: number }>>(`select id, attempt from deployment where rollout_id = ?`, [rolloutId]);
    await hydrator.waitFor(() => linesOf(registry).filter((l) => /recorded webhook/.test(l.msg) && l.deploymentId).length >= deployments.length, 'the registry to log the rollout reports');

    for (const process of processes) {
      const lines = linesOf(process);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.service).toBe(process.service);
        expect(typeof line.level).toBe('string');
        expect(typeof line.time).toBe('string');
        expect(JSON.stringify(line).length).toBeLessThanOrEqual(4096);
      }
      // Neither a credential nor a payload, wherever it was (query string, header, cookie, body).
      expect(process.log).not.toContain(WEBHOOK_SECRET);
      expect(process.log).not.toContain(OPERATOR_TOKEN);
      expect(process.log).not.toContain(BODY_MARKER);
    }

    const gatewayLines = linesOf(gateway);
    const webhookLine = gatewayLines.find((l) => l.requestId === 'req-from-the-caller-1' && l.msg === 'request completed');
    expect(webhookLine).toMatchObject({ req: { method: 'POST', url: '/webhooks/jenkins?token=[REDACTED]' }, res: { statusCode: 202 } });
    expect(gatewayLines.find((l) => l.requestId === generated.headers.get('x-request-id'))).toBeDefined();

    // Every line the runner writes inside a deployment's job carries the rollout, the deployment and the attempt.
    const runnerLines = linesOf(runner);
    for (const d of deployments) {
      const triggered = runnerLines.find((l) => l.deploymentId === d.id && /^triggered Jenkins/.test(l.msg));
      expect(triggered).toMatchObject({ rolloutId, deploymentId: d.id, attempt: d.attempt, queue: 'rollouts', job: 'execute-deployment' });
      expect(runnerLines.find((l) => l.deploymentId === d.id && / SUCCEEDED$/.test(l.msg))).toMatchObject({ rolloutId, attempt: d.attempt });
    }
    for (const line of runnerLines.filter((l) => l.job === 'execute-deployment' || l.job === 'check-deployment')) {
      expect(line).toEqual(expect.objectContaining({ rolloutId: expect.any(String), deploymentId: expect.any(String), attempt: expect.any(Number) }));
    }
    expect(runnerLines.some((l) => l.job === 'advance-rollout' && l.rolloutId === rolloutId)).toBe(true);

    // The registry's lines about a rollout's report name its deployment and attempt.
    const recorded = linesOf(registry).filter((l) => /recorded webhook/.test(l.msg) && l.deploymentId);
    expect(recorded.map((l) => l.deploymentId)).toEqual(expect.arrayContaining(deployments.map((d) => d.id)));
    for (const line of recorded) expect(line.attempt).toBe(deployments.find((d) => d.id === line.deploymentId)!.attempt);
  }, 90_000);
});
