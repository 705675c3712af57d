import { RunnerIntegrations } from '@hydrator/runner';
import { JenkinsSandbox } from '@hydrator/sandbox';
import { jenkinsNotification, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { createJobs, planFleet, waitForRollout } from './support/rollout-fixture';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

/** One sample of the exposition text: `name{label="value",…} number`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text exposition format, as Prometheus reads it: `# HELP`/`# TYPE` lines and samples. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string>; help: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  for (const line of text.split('\n')) {
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      (meta[1] === 'TYPE' ? types : help).set(meta[2], meta[3]);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const labels: Record<string, string> = {};
    for (const [, name, value] of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[name] = value;
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { samples, types, help };
}

describe('GET /metrics', () => {
  const sandboxes = useRolloutSandboxes();
  let hydrator: TestHydrator;
  let jenkins: JenkinsSandbox;

  beforeAll(async () => {
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 60 } });
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, RunnerModule, NotifierModule],
      env: { ...(await sandboxes.env(jenkins)), SLACK_SRE_CHANNEL: '#sre', SLACK_SUPPORT_CHANNEL: '#sre-support', MAX_PARALLEL_APPS: '2', JENKINS_POLL_INTERVAL: '300ms' },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
  });

  afterAll(async () => {
    await hydrator?.close();
    await jenkins?.stop();
  });

  async function scrape() {
    const response = await fetch(`${hydrator.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return parseExposition(await response.text());
  }

  it('shows every metric family with real values after a rollout', async () => {
    const fleet = {
      applications: [
        { name: 'auth', production: 2 },
        { name: 'billing', dependsOn: ['auth'], production: 1 },
        { name: 'search', production: 1 },
      ],
    };
    const rolloutId = await planFleet(hydrator, fleet);
    createJobs(jenkins, fleet);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');

    // Webhooks: a wrong secret is refused, a report sent twice is a duplicate, one for a job nobody registered is unmatched.
    const stray = jenkinsNotification({ job: 'deploy/nobody', number: 7, rev: 'a'.repeat(40), cluster: 'stage-1', namespace: 'nobody' });
    expect((await hydrator.post(`/webhooks/jenkins?token=not-the-secret-at-all`, stray)).status).toBe(401);
    expect((await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET}`, stray)).status).toBe(202);
    expect((await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET}`, stray)).status).toBe(202);
    const em = hydrator.orm.em.fork();
    await hydrator.waitFor(
      async () => Number((await em.getConnection().execute(`select count(*)::int as n from deployment_report where job_path = 'deploy/nobody'`))[0].n) === 1,
      'the stray report to be recorded',
    );
    // The team messages' updates and the thread's lines go out after the rollout completes.
    await hydrator.waitFor(
      async () => Number((await em.getConnection().execute(`select count(*)::int as n from outbox_message where status in ('PENDING', 'SENDING')`))[0].n) === 0,
      'the outbox to be delivered',
    );

    const { samples, types, help } = await scrape();
    const value = (name: string, labels: Record<string, string> = {}) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
    const has = (name: string, labels: Record<string, string> = {}) => samples.some((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

    // Every family has its help and type.
    for (const [family, type] of Object.entries({
      hydrator_deployments: 'gauge',
      hydrator_rollouts: 'gauge',
      hydrator_rollout_idle_seconds: 'gauge',
      hydrator_deployment_running_max_seconds: 'gauge',
      hydrator_outbox_messages: 'gauge',
      hydrator_outbox_oldest_unsent_seconds: 'gauge',
      hydrator_queue_jobs: 'gauge',
      hydrator_queue_oldest_waiting_seconds: 'gauge',
      hydrator_deployment_duration_seconds: 'histogram',
      hydrator_handoff_latency_seconds: 'histogram',
      hydrator_jenkins_webhooks_total: 'counter',
      hydrator_notification_deliveries_total: 'counter',
      hydrator_external_call_duration_seconds: 'histogram',
      hydrator_external_call_errors_total: 'counter',
      hydrator_metrics_collect_failures_total: 'counter',
      process_cpu_user_seconds_total: 'counter',
      nodejs_eventloop_lag_seconds: 'gauge',
    })) {
      expect([family, types.get(family)]).toEqual([family, type]);
      expect(help.get(family)).toBeTruthy();
    }

    // PostgreSQL, read on scrape: four deployments succeeded, one rollout completed, nothing running.
    expect(value('hydrator_deployments', { status: 'SUCCEEDED' })).toBe(4);
    expect(value('hydrator_deployments', { status: 'FAILED' })).toBe(0);
    expect(value('hydrator_rollouts', { status: 'COMPLETED' })).toBe(1);
    expect(value('hydrator_rollouts', { status: 'RUNNING' })).toBe(0);
    expect(value('hydrator_rollout_idle_seconds')).toBe(0);
    expect(value('hydrator_deployment_running_max_seconds')).toBe(0);
    expect(value('hydrator_outbox_messages', { channel: 'slack', status: 'PENDING' })).toBe(0);
    expect(has('hydrator_outbox_oldest_unsent_seconds', { channel: 'jira' })).toBe(true);

    // A duration observed per deployment, by application.
    expect(value('hydrator_deployment_duration_seconds_count', { application: 'auth', status: 'SUCCEEDED' })).toBe(2);
    expect(value('hydrator_deployment_duration_seconds_count', { application: 'billing', status: 'SUCCEEDED' })).toBe(1);
    expect(value('hydrator_deployment_duration_seconds_sum', { application: 'auth' })).toBeGreaterThan(0);
    // Hand-offs: auth's second target after its first, billing after auth (search started with the run: no hand-off).
    expect(value('hydrator_handoff_latency_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value('hydrator_handoff_latency_seconds_count')).toBeLessThanOrEqual(3);
    expect(value('hydrator_handoff_latency_seconds_sum')).toBeGreaterThan(0);

    // Webhooks: the staging reports, the rollout's builds (several phases each) and the stray one accepted.
    expect(value('hydrator_jenkins_webhooks_total', { outcome: 'accepted' })).toBeGreaterThanOrEqual(3 + 4);
    expect(value('hydrator_jenkins_webhooks_total', { outcome: 'duplicate' })).toBeGreaterThanOrEqual(1);
    expect(value('hydrator_jenkins_webhooks_total', { outcome: 'refused', reason: 'unauthenticated' })).toBe(1);
    expect(value('hydrator_jenkins_webhooks_total', { outcome: 'unmatched' })).toBeGreaterThanOrEqual(1);

    // Every queue, read from Redis on scrape.
    for (const queue of ['jenkins-reports', 'notifications', 'scheduling', 'rollouts']) {
      for (const state of ['waiting', 'prioritized', 'active', 'delayed', 'failed']) expect(has('hydrator_queue_jobs', { queue, state })).toBe(true);
      expect(has('hydrator_queue_oldest_waiting_seconds', { queue })).toBe(true);
    }

    // Slack deliveries; Jira is not configured here, so its ticket is held in the outbox, never attempted.
    expect(value('hydrator_notification_deliveries_total', { channel: 'slack', outcome: 'sent' })).toBeGreaterThanOrEqual(4);
    expect(value('hydrator_outbox_messages', { channel: 'jira', status: 'HELD' })).toBeGreaterThanOrEqual(1);

    // Calls out: Jenkins triggers one per deployment, Alertmanager silences, Slack posts.
    expect(value('hydrator_external_call_duration_seconds_count', { system: 'jenkins', operation: 'trigger', result: 'ok' })).toBe(4);
    expect(value('hydrator_external_call_duration_seconds_sum', { system: 'jenkins' })).toBeGreaterThan(0);
    expect(value('hydrator_external_call_duration_seconds_count', { system: 'alertmanager', operation: 'createSilence' })).toBe(4);
    expect(value('hydrator_external_call_duration_seconds_count', { system: 'slack', operation: 'chat.postMessage', result: 'ok' })).toBeGreaterThanOrEqual(4);
    expect(value('hydrator_external_call_errors_total', { system: 'jenkins' })).toBe(0);
  });

  it('counts a Jenkins error by its reason', async () => {
    const { jenkins: client } = hydrator.app.get(RunnerIntegrations);
    await expect(client!.build(`${hydrator.config.jenkins!.url}/job/deploy/job/missing/1/`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { samples } = await scrape();
    expect(samples.find((s) => s.name === 'hydrator_external_call_errors_total' && s.labels.system === 'jenkins' && s.labels.operation === 'build')).toMatchObject({
      labels: { reason: 'NOT_FOUND' },
      value: 1,
    });
  });
});
