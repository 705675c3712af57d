import { JenkinsSandbox } from '@hydrator/sandbox';
import { TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { PlannedRollout } from './support/planned-rollout';
import { createJobs, planFleet } from './support/rollout-fixture';

const FLEET = { applications: [{ name: 'api' }, { name: 'web', dependsOn: ['api'] }] };

/**
 * The signed cancel link of a team message: it cancels its own deployment without any Hydrator token,
 * through GET/POST /api/cancel-links/:id, and nothing else; it stops working once the rollout started.
 */
describe('signed cancel links', () => {
  let hydrator: TestHydrator;
  // Builds run until the test ends, so the rollout stays started.
  const jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, hold: true } });
  let planned: PlannedRollout;
  const deployment = (application: string, cluster: string) => planned.deployment(application, cluster);
  const statusOf = (id: string) => planned.statusOf(id);
  const cancels = async () => (await planned.cancels()).map(({ actor, subject_id }) => ({ actor, subject_id }));

  /** The link of `id` as the team message (held: Slack is not configured) carries it. */
  async function linkOf(id: string): Promise<{ url: URL; token: string }> {
    const url = await planned.cancelLink(id);
    return { url, token: url.searchParams.get('token')! };
  }
  const show = (id: string, token?: string) => fetch(`${hydrator.url}/api/cancel-links/${id}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`);
  const cancel = (id: string, body: Record<string, unknown>) => hydrator.post(`/api/cancel-links/${id}`, body);

  beforeAll(async () => {
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule],
      env: { JENKINS_URL: await jenkins.start(), JENKINS_POLL_INTERVAL: '1h', PUBLIC_URL: 'https://hydrator.example' },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    createJobs(jenkins, FLEET);
  });
  afterAll(async () => {
    await hydrator?.close();
    await jenkins.stop();
  });
  beforeEach(async () => {
    await hydrator.resetDatabase();
    planned = await PlannedRollout.plan(hydrator, FLEET);
  });

  it('shows and cancels its own deployment without any token, as link:<id prefix>', async () => {
    const id = deployment('web', 'prod-0');
    const { url, token } = await linkOf(id);
    expect(url.origin + url.pathname).toBe(`https://hydrator.example/deployments/${id}/cancel`);
    expect(token).toMatch(/^[\w-]{43}$/);

    const shown = await show(id, token);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({
      id,
      status: 'SCHEDULED',
      application: { name: 'web', githubRepo: 'acme/web', slackChannel: '#team-web' },
      target: { cluster: 'prod-0', environment: 'production', namespace: 'web' },
      rollout: { id: planned.id, status: 'PLANNED', weekOf: '2026-W49' },
      cancelable: true,
      notCancelable: null,
    });

    const missingReason = await cancel(id, { token, reason: '  ' });
    expect(missingReason.status).toBe(400);
    expect(await missingReason.json()).toMatchObject({ error: 'BAD_USER_INPUT', field: 'reason' });
    expect(await statusOf(id)).toBe('SCHEDULED');

    const canceled = await cancel(id, { token, reason: 'web team: not this week' });
    expect(canceled.status).toBe(200);
    expect(await canceled.json()).toMatchObject({ id, status: 'CANCELED', changedBy: `link:${id.slice(0, 8)}`, changeReason: 'web team: not this week', cancelable: false });
    expect(await statusOf(id)).toBe('CANCELED');
    expect(await cancels()).toEqual([{ actor: `link:${id.slice(0, 8)}`, subject_id: id }]);
    // The other target of the same application is untouched.
    expect(await statusOf(deployment('web', 'prod-1'))).toBe('SCHEDULED');

    // Again: nothing left to cancel.
    const again = await cancel(id, { token, reason: 'twice' });
    expect(again.status).toBe(409);
    expect((await again.json()) as { message: string }).toMatchObject({ error: 'CONFLICT', message: expect.stringContaining('is CANCELED') });
  });

  it('is refused, with 401 and nothing changed, for another deployment, without a token or with a forged one', async () => {
    const web = deployment('web', 'prod-0');
    const api = deployment('api', 'prod-0');
    const { token } = await linkOf(web);
    for (const [id, given] of [
      [api, token], // web's link used on api
      [deployment('web', 'prod-1'), token], // or on web's other target
      [api, undefined],
      [api, ''],
      [api, 'A'.repeat(43)],
      ['not-a-uuid', token],
    ] as const) {
      expect((await show(id, given)).status).toBe(401);
      const refused = await cancel(id, { token: given, reason: 'not mine' });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: 'UNAUTHENTICATED', message: expect.stringContaining('this cancel link is not valid') });
    }
    // A token given twice (?token=a&token=b) is no token.
    expect((await fetch(`${hydrator.url}/api/cancel-links/${web}?token=${token}&token=${token}`)).status).toBe(401);
    // GraphQL stays closed to a link holder.
    expect((await hydrator.graphql(`mutation($id: ID!) { cancelDeployment(id: $id, reason: "x") { id } }`, { id: api }, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(planned.deployments).toHaveLength(4);
    for (const d of planned.deployments) expect(await statusOf(d.id)).toBe('SCHEDULED');
    expect(await cancels()).toEqual([]);
  });

  it('expires when the rollout starts, even for a deployment still waiting its turn', async () => {
    const web = deployment('web', 'prod-1');
    const { token } = await linkOf(web);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: planned.id });
    await hydrator.waitFor(async () => (await statusOf(deployment('api', 'prod-0'))) === 'RUNNING', 'api on prod-0 to be RUNNING');
    // web depends on api: still SCHEDULED, but its rollout has started.
    expect(await statusOf(web)).toBe('SCHEDULED');

    const shown = await show(web, token);
    expect(await shown.json()).toMatchObject({ status: 'SCHEDULED', rollout: { status: 'RUNNING' }, cancelable: false, notCancelable: expect.stringContaining('expired when the rollout started') });
    const refused = await cancel(web, { token, reason: 'too late' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'CONFLICT', message: 'this cancel link expired when the rollout started (it is RUNNING): ask an SRE to cancel it' });

    // api's own link, for a deployment already handed to Jenkins: refused too.
    const api = deployment('api', 'prod-0');
    const late = await cancel(api, { token: (await linkOf(api)).token, reason: 'too late' });
    expect(late.status).toBe(409);
    expect(await statusOf(web)).toBe('SCHEDULED');
    expect(await statusOf(api)).toBe('RUNNING');
    expect(await cancels()).toEqual([]);
  });
});

describe('signed cancel links off (no CANCEL_LINK_SECRET)', () => {
  let hydrator: TestHydrator;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule, SchedulerModule], env: { CANCEL_LINK_SECRET: '' } });
    await hydrator.resetDatabase();
  });
  afterAll(async () => {
    await hydrator?.close();
  });

  it("links the team message to the operator's cancel page and refuses every link", async () => {
    await planFleet(hydrator, { applications: [{ name: 'solo', production: 1 }] });
    const [{ id, text }] = await hydrator.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ id: string; text: string }>>(`select d.id, m.payload->>'text' as text from deployment d join outbox_message m on d.id = any(m.deployment_ids)`);
    expect(text).toMatch(new RegExp(`<http://localhost:\\d+/deployments/${id}/cancel\\|cancel this deployment>`));
    expect(text).toContain('Reply in this thread if this rev must not go out; the SRE team will cancel it.');
    const refused = await hydrator.post(`/api/cancel-links/${id}`, { token: 'anything-at-all-0123456789', reason: 'x' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ message: expect.stringContaining('CANCEL_LINK_SECRET is not configured') });
  });
});
