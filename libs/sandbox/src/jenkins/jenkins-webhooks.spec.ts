import { JenkinsSandbox } from './jenkins-sandbox';
import { NotificationPayload } from './notifier';
import { TestJenkinsClient, WebhookReceiver } from './testing';
import { JenkinsSandboxOptions } from './types';

const PARAMS = { GIT_REV: '9f8e7d', CLUSTER: 'eu-1', NAMESPACE: 'api', HYDRATOR_DEPLOYMENT_ID: 'dep-42' };

describe('JenkinsSandbox Notification Plugin webhooks', () => {
  let jenkins: JenkinsSandbox;
  let receiver: WebhookReceiver;
  let client: TestJenkinsClient;

  async function boot(options: JenkinsSandboxOptions = {}): Promise<void> {
    receiver = new WebhookReceiver();
    const webhookUrl = await receiver.start();
    jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, durationMs: 40 }, ...options });
    // Set after construction, as Hydrator's test setup does once its own server is up.
    jenkins.webhookUrl = webhookUrl;
    client = new TestJenkinsClient(await jenkins.start());
  }

  /** Triggers one build of deploy/api and polls it to its end, as Hydrator's fallback does. */
  async function runBuild(): Promise<string | null> {
    const response = await client.trigger('deploy/api', PARAMS);
    return (await client.resultOf(await client.buildUrlOf(response.headers.get('location')!))).result;
  }

  const received = (): NotificationPayload[] => receiver.received as NotificationPayload[];
  const phases = (): string[] => received().map((payload) => payload.build.phase);
  const webhookOutcomes = (): number => jenkins.events().filter((e) => e.kind === 'webhook-sent' || e.kind === 'webhook-dropped' || e.kind === 'webhook-failed').length;

  afterEach(async () => {
    await jenkins.stop();
    await receiver.stop();
  });

  it('posts STARTED then COMPLETED with the plugin payload, parameters and scm commit', async () => {
    await boot();
    await runBuild();
    await jenkins.waitFor(() => received().length === 2, 3000, 'two webhooks');

    const [started, completed] = received();
    const [build] = jenkins.buildsFor('deploy/api');
    expect(phases()).toEqual(['STARTED', 'COMPLETED']);
    expect(completed).toMatchObject({
      name: 'api',
      url: 'job/deploy/job/api/',
      build: {
        number: 1,
        queue_id: build.queueId,
        phase: 'COMPLETED',
        status: 'SUCCESS',
        url: 'job/deploy/job/api/1/',
        full_url: `${client.root}/job/deploy/job/api/1/`,
        scm: { commit: '9f8e7d' },
        parameters: PARAMS,
        log: '',
      },
    });
    expect(started.build.status).toBeUndefined();
    expect(started.build.timestamp).toBe(build.startedAt!.getTime());
    // As the plugin stamps them: the start on STARTED, the finish (start + duration) on COMPLETED.
    expect(completed.build.duration).toBe(build.finishedAt!.getTime() - build.startedAt!.getTime());
    expect(completed.build.timestamp).toBe(build.finishedAt!.getTime());
  });

  it('stamps FINALIZED with the moment it is sent, after the finish', async () => {
    await boot({ sendFinalized: true });
    const before = Date.now();
    await runBuild();
    await jenkins.waitFor(() => received().length === 3, 3000, 'three webhooks');

    const [build] = jenkins.buildsFor('deploy/api');
    const [started, completed, finalized] = received();
    expect(phases()).toEqual(['STARTED', 'COMPLETED', 'FINALIZED']);
    expect([started.build.timestamp, completed.build.timestamp]).toEqual([build.startedAt!.getTime(), build.finishedAt!.getTime()]);
    expect(finalized.build.timestamp).toBeGreaterThanOrEqual(build.finishedAt!.getTime());
    expect(finalized.build.timestamp).toBeGreaterThan(before);
  });

  it('drops a lost webhook while polling still shows the result', async () => {
    await boot({ webhookLoss: (_build, phase) => phase === 'COMPLETED' });

    expect(await runBuild()).toBe('SUCCESS');
    await jenkins.waitFor(() => webhookOutcomes() === 2, 3000, 'both webhooks decided');
    expect(phases()).toEqual(['STARTED']);
    expect(jenkins.timeline.ofKind('webhook-dropped')).toEqual([expect.objectContaining({ phase: 'COMPLETED', buildNumber: 1 })]);
  });

  it('drops by probability with the injected randomness', async () => {
    const draws = [0.9, 0.1];
    await boot({ webhookLoss: 0.5, random: () => draws.shift() ?? 0 });
    await runBuild();
    await jenkins.waitFor(() => webhookOutcomes() === 2, 3000, 'both webhooks decided');

    expect(phases()).toEqual(['STARTED']);
  });

  it('sends a duplicated webhook twice', async () => {
    await boot({ webhookDuplicates: (_build, phase) => phase === 'COMPLETED' });
    await runBuild();
    await jenkins.waitFor(() => received().length === 3, 3000, 'three webhooks');

    expect(phases()).toEqual(['STARTED', 'COMPLETED', 'COMPLETED']);
    expect(received()[1]).toEqual(received()[2]);
  });

  it('delivers a late STARTED after COMPLETED', async () => {
    await boot({ webhookDelayMs: (_build, phase) => (phase === 'STARTED' ? 800 : 0) });
    await runBuild();
    await jenkins.waitFor(() => received().length === 2, 3000, 'two webhooks');

    expect(phases()).toEqual(['COMPLETED', 'STARTED']);
  });

  it('records failed deliveries and keeps serving', async () => {
    await boot();
    receiver.status = 500;
    await runBuild();
    await jenkins.waitFor(() => jenkins.timeline.ofKind('webhook-failed').length === 2, 3000, 'two answered with 500');
    await receiver.stop();
    expect(await runBuild()).toBe('SUCCESS');
    await jenkins.waitFor(() => jenkins.timeline.ofKind('webhook-failed').length === 4, 3000, 'four failed deliveries');

    const failures = jenkins.timeline.ofKind('webhook-failed');
    expect(failures.slice(0, 2).map((e) => e.status)).toEqual([500, 500]);
    expect(failures.slice(2).every((e) => e.detail !== undefined)).toBe(true);
  });

  it('sends nothing when no webhook URL is set', async () => {
    await boot();
    jenkins.webhookUrl = undefined;
    expect(await runBuild()).toBe('SUCCESS');
    expect(webhookOutcomes()).toBe(0);
  });
});
