import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { applicationInput, jenkinsNotification, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';

const WEBHOOK = `/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
const CURRENT = `{ application(name: "api") { targets { cluster role currentRev currentReport { buildNumber result finishedAt } } } }`;

interface CurrentTargets {
  application: { targets: Array<{ cluster: string; role: string; currentRev: string | null; currentReport: { buildNumber: number; result: string; finishedAt: string } | null }> };
}

describe('Jenkins webhook ingestion', () => {
  let hydrator: TestHydrator;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule] });
  });
  afterAll(() => hydrator?.close());
  beforeEach(async () => {
    await hydrator.resetDatabase();
    await hydrator.graphqlOk(`mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`, { input: applicationInput('api') });
  });

  const stagingRev = async () => (await hydrator.graphqlOk<CurrentTargets>(CURRENT)).application.targets.find((t) => t.role === 'PROTOTYPE')!;
  const reportCount = async () => Number((await hydrator.orm.em.fork().getConnection().execute(`select count(*)::int as n from deployment_report`))[0].n);

  it('records a report as the target current rev, once however often it is posted', async () => {
    const payload = jenkinsNotification({ rev: 'f00dcafe', number: 7, timestamp: Date.parse('2026-11-20T10:00:00Z'), duration: 90_000 });
    const first = await hydrator.post(WEBHOOK, payload);
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ accepted: true, duplicate: false });
    const target = await hydrator.waitFor(async () => {
      const t = await stagingRev();
      return t.currentRev ? t : undefined;
    }, 'the report to be recorded');
    expect(target).toMatchObject({ currentRev: 'f00dcafe', currentReport: { buildNumber: 7, result: 'SUCCESS', finishedAt: '2026-11-20T10:01:30.000Z' } });

    const again = await hydrator.post(WEBHOOK, payload, { authorization: 'ignored' });
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await reportCount()).toBe(1);
  });

  it('accepts the secret as a bearer token', async () => {
    const response = await hydrator.post('/webhooks/jenkins', jenkinsNotification(), { authorization: `Bearer ${WEBHOOK_SECRET}` });
    expect(response.status).toBe(202);
  });

  it('answers 401 without the secret or with a wrong one, and stores nothing', async () => {
    expect((await hydrator.post('/webhooks/jenkins', jenkinsNotification())).status).toBe(401);
    const wrong = await hydrator.post('/webhooks/jenkins?token=nope', jenkinsNotification());
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect(Number((await hydrator.orm.em.fork().getConnection().execute(`select count(*)::int as n from jenkins_webhook`))[0].n)).toBe(0);
  });

  it('answers 400 naming the problem for malformed JSON and for a bad field', async () => {
    const malformed = await hydrator.post(WEBHOOK, '{"name": "api", "build": {');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toMatch(/not valid JSON/);

    const badPhase = jenkinsNotification();
    (badPhase.build as Record<string, unknown>).phase = 'DONE';
    const invalid = await hydrator.post(WEBHOOK, badPhase);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: 'BAD_USER_INPUT', field: 'build.phase' });

    const noNumber = jenkinsNotification();
    delete (noNumber.build as Record<string, unknown>).number;
    expect(await (await hydrator.post(WEBHOOK, noNumber)).json()).toMatchObject({ field: 'build.number' });
  });

  it('answers 413 above 1 MiB and 415 for a body that is not JSON', async () => {
    const huge = jenkinsNotification({ extraParameters: { BLOB: 'x'.repeat(1_100_000) } });
    expect((await hydrator.post(WEBHOOK, huge)).status).toBe(413);
    const text = await fetch(`${hydrator.url}${WEBHOOK}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(415);
  });

  it('keeps STARTED arriving after COMPLETED from undoing the current rev', async () => {
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'aaa111', number: 3 }));
    await hydrator.waitFor(async () => (await stagingRev()).currentRev === 'aaa111', 'the completed report');
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'bbb222', number: 4, phase: 'STARTED' }));
    await hydrator.waitFor(async () => (await reportCount()) === 2, 'the late STARTED report');
    expect((await stagingRev()).currentRev).toBe('aaa111');
  });

  it('orders by finish time, not by arrival', async () => {
    const older = jenkinsNotification({ rev: 'old', number: 10, timestamp: Date.parse('2026-11-18T10:00:00Z'), duration: 1000 });
    const newer = jenkinsNotification({ rev: 'new', number: 11, timestamp: Date.parse('2026-11-19T10:00:00Z'), duration: 1000 });
    await hydrator.post(WEBHOOK, newer);
    await hydrator.post(WEBHOOK, older);
    await hydrator.waitFor(async () => (await reportCount()) === 2, 'both reports');
    expect((await stagingRev()).currentRev).toBe('new');
  });

  it('does not let a failed build become the current rev', async () => {
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'good', number: 1 }));
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'broken', number: 2, status: 'FAILURE' }));
    await hydrator.waitFor(async () => (await reportCount()) === 2, 'both reports');
    expect((await stagingRev()).currentRev).toBe('good');
  });

  it('keeps a report for an unknown job or target as unmatched, with the reason', async () => {
    await hydrator.post(WEBHOOK, jenkinsNotification({ job: 'deploy/ghost', number: 1 }));
    await hydrator.post(WEBHOOK, jenkinsNotification({ number: 2, cluster: 'nowhere' }));
    const { unmatchedReports } = await hydrator.waitFor(async () => {
      const data = await hydrator.graphqlOk<{ unmatchedReports: Array<{ jobPath: string; unmatchedReason: string }> }>(`{ unmatchedReports { jobPath unmatchedReason } }`);
      return data.unmatchedReports.length === 2 ? data : undefined;
    }, 'two unmatched reports');
    expect(unmatchedReports).toEqual(
      expect.arrayContaining([
        { jobPath: 'deploy/ghost', unmatchedReason: 'no registered application deploys with Jenkins job "deploy/ghost"' },
        { jobPath: 'deploy/api', unmatchedReason: 'no target of job "deploy/api" is registered on nowhere/staging/api' },
      ]),
    );
  });

  it('records a webhook stored while the queue lost it, once the reconciler runs', async () => {
    const { JenkinsWebhookInbox } = await import('@hydrator/registry');
    const em = hydrator.orm.em.fork();
    await em.getConnection().execute(
      `insert into jenkins_webhook (id, dedup_key, payload, received_at, attempts) values (gen_random_uuid(), 'deploy/api#42#COMPLETED', ?, now() - interval '1 minute', 0)`,
      [JSON.stringify(jenkinsNotification({ rev: 'recovered', number: 42 }))],
    );
    const requeued = await hydrator.app.get(JenkinsWebhookInbox).requeuePending(10_000);
    expect(requeued).toBe(1);
    await hydrator.waitFor(async () => (await stagingRev()).currentRev === 'recovered', 'the recovered report');
  });
});
