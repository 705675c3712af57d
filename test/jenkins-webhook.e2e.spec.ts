import { gzipSync } from 'node:zlib';
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
    // The plugin stamps COMPLETED with the finish: it started 90 s before.
    const payload = jenkinsNotification({ rev: 'f00dcafe', number: 7, timestamp: Date.parse('2026-11-20T10:01:30Z'), duration: 90_000 });
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

  const storedWebhooks = async () => Number((await hydrator.orm.em.fork().getConnection().execute(`select count(*)::int as n from jenkins_webhook`))[0].n);
  /** Posts `body` and expects a refusal with `status` naming `field`, and nothing stored. */
  async function expectRefused(path: string, body: string | object, status: number, field?: unknown, headers: Record<string, string> = {}) {
    const response = await hydrator.post(path, body, headers);
    const answer = (await response.json()) as { error: string; message: string; field?: string };
    expect({ status: response.status, field: answer.field }).toEqual({ status, field });
    expect(answer.message).toEqual(expect.any(String));
    expect(await storedWebhooks()).toBe(0);
    return answer;
  }
  const withUrl = (url: string) => ({ ...jenkinsNotification(), url });

  it('refuses a secret given twice with 401, never a 500', async () => {
    await expectRefused(`/webhooks/jenkins?token=a&token=b`, jenkinsNotification(), 401);
    await expectRefused(`/webhooks/jenkins?token=${WEBHOOK_SECRET}&token=${WEBHOOK_SECRET}`, jenkinsNotification(), 401);
  });

  it('answers 400 for a body that is not compressed as its content-encoding says, and reads a real gzip body', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const answer = await expectRefused('/webhooks/jenkins?token=a', JSON.stringify(jenkinsNotification()), 400, 'body', { 'content-encoding': encoding });
      expect(answer.message).toContain(`content-encoding ${encoding}`);
    }
    const gzipped = await fetch(`${hydrator.url}${WEBHOOK}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(jenkinsNotification({ number: 5 }))),
    });
    expect(gzipped.status).toBe(202);
  });

  it('answers 400 naming the url for a malformed escape, a path too long for the index, and names Jenkins refuses', async () => {
    expect((await expectRefused(WEBHOOK, withUrl('job/%E0%A4%A/'), 400, 'url')).message).toMatch(/well-formed %-escapes/);
    expect((await expectRefused(WEBHOOK, withUrl(`job/${'a'.repeat(5000)}/`), 400, 'url')).message).toMatch(/5005 characters long/);
    const deepFolders = withUrl(Array.from({ length: 25 }, (_, i) => `job/folder-${String(i).padStart(20, '0')}/`).join(''));
    expect((await expectRefused(WEBHOOK, deepFolders, 400, 'url')).message).toMatch(/the job path is 699 characters long, at most 512/);
    expect((await expectRefused(WEBHOOK, withUrl(`job/deploy/job/${'b'.repeat(300)}/`), 400, 'url')).message).toMatch(/at most 255/);
    for (const name of ['..', '.', '%3F', 'a%2Fb', 'a%25b', 'a%3Ab', 'a%5Bb', 'tab%09', '%20']) {
      await expectRefused(WEBHOOK, withUrl(`job/deploy/job/${name}/`), 400, 'url');
    }
    // What Jenkins allows in a name is accepted, decoded.
    const spaced = await hydrator.post(WEBHOOK, withUrl('job/team%20apps/job/api+v2/'));
    expect(spaced.status).toBe(202);
  });

  it('answers 400 for NUL, a lone surrogate or deep nesting anywhere in the payload', async () => {
    const nul = jenkinsNotification({ extraParameters: { NOTE: 'a\u0000b' } });
    await expectRefused(WEBHOOK, nul, 400, 'body.build.parameters.NOTE');
    await expectRefused(WEBHOOK, { ...jenkinsNotification(), log: ['fine', 'x\u0000'] }, 400, 'body.log[1]');
    await expectRefused(WEBHOOK, { ...jenkinsNotification(), artifacts: { 'key\u0000': 1 } }, 400, 'body.artifacts');
    // Raw JSON text: JSON.stringify would escape the surrogate the same way, but say it as Jenkins' wire does.
    const surrogate = JSON.stringify(jenkinsNotification()).replace('"main"', '"\\ud800"');
    expect((await expectRefused(WEBHOOK, surrogate, 400, 'body.build.scm.branch')).message).toMatch(/surrogate/);
    const lowAlone = JSON.stringify(jenkinsNotification()).replace('"api"', '"x\\udc00y"');
    await expectRefused(WEBHOOK, lowAlone, 400, 'body.name');
    const deep = `{"name":"api","url":"job/deploy/job/api/","build":{"number":1,"phase":"COMPLETED","status":"SUCCESS","nested":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    expect((await expectRefused(WEBHOOK, deep, 400, expect.stringMatching(/^body\.build\.nested/))).message).toMatch(/deeper than 32/);
    const deepObject = `{"a":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    await expectRefused(WEBHOOK, deepObject, 400, expect.stringMatching(/^body\.a/));
  });

  it('answers 400 for parameters past their limits and for a build number PostgreSQL cannot hold', async () => {
    expect((await expectRefused(WEBHOOK, jenkinsNotification({ extraParameters: { BLOB: 'x'.repeat(4097) } }), 400, 'build.parameters.BLOB')).message).toMatch(/at most 4096/);
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`P${i}`, 'v']));
    await expectRefused(WEBHOOK, jenkinsNotification({ extraParameters: many }), 400, 'build.parameters');
    await expectRefused(WEBHOOK, jenkinsNotification({ extraParameters: { ['K'.repeat(300)]: 'v' } }), 400, 'build.parameters (a name)');
    await expectRefused(WEBHOOK, jenkinsNotification({ extraParameters: { BELL: 'ring\u0007' } }), 400, 'build.parameters.BELL');
    await expectRefused(WEBHOOK, jenkinsNotification({ number: 2 ** 31 }), 400, 'build.number');
    await expectRefused(WEBHOOK, jenkinsNotification({ timestamp: 1e20 }), 400, 'build.timestamp');
    // Multi-line text parameters are ordinary.
    expect((await hydrator.post(WEBHOOK, jenkinsNotification({ extraParameters: { NOTES: 'line 1\r\n\tline 2' } }))).status).toBe(202);
  });

  it('keeps STARTED arriving after COMPLETED from undoing the current rev', async () => {
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'aaa1111', number: 3 }));
    await hydrator.waitFor(async () => (await stagingRev()).currentRev === 'aaa1111', 'the completed report');
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'bbb2222', number: 4, phase: 'STARTED' }));
    await hydrator.waitFor(async () => (await reportCount()) === 2, 'the late STARTED report');
    expect((await stagingRev()).currentRev).toBe('aaa1111');
  });

  it('orders by finish time, not by arrival', async () => {
    const older = jenkinsNotification({ rev: '01d0000', number: 10, timestamp: Date.parse('2026-11-18T10:00:00Z'), duration: 1000 });
    const newer = jenkinsNotification({ rev: 'aee0000', number: 11, timestamp: Date.parse('2026-11-19T10:00:00Z'), duration: 1000 });
    await hydrator.post(WEBHOOK, newer);
    await hydrator.post(WEBHOOK, older);
    await hydrator.waitFor(async () => (await reportCount()) === 2, 'both reports');
    expect((await stagingRev()).currentRev).toBe('aee0000');
  });

  it('does not let a failed build become the current rev', async () => {
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: '900d000', number: 1 }));
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'bad0000', number: 2, status: 'FAILURE' }));
    await hydrator.waitFor(async () => (await reportCount()) === 2, 'both reports');
    expect((await stagingRev()).currentRev).toBe('900d000');
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

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => hydrator.orm.em.fork().getConnection().execute<T[]>(query, params);

  /** A RUNNING deployment of `application` to its prod-us target, as the runner leaves one waiting for Jenkins. */
  async function runningDeployment(application: string): Promise<string> {
    const [rollout] = await sql<{ id: string }>(
      `insert into rollout (id, kind, status, skipped, created_at, updated_at) values (gen_random_uuid(), 'EMERGENCY', 'RUNNING', '[]', now(), now()) returning id`,
    );
    const [deployment] = await sql<{ id: string }>(
      `insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, started_at, created_at, updated_at)
       select gen_random_uuid(), ?, a.id, t.id, 'c0ffee1', '[]', 'RUNNING', 1, now(), now(), now()
         from application a join target t on t.application_id = a.id where a.name = ? and t.cluster = 'prod-us' returning id`,
      [rollout.id, application],
    );
    return deployment.id;
  }

  it("attaches a report to the deployment it names only when it comes from that deployment's own job", async () => {
    await hydrator.graphqlOk(`mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`, { input: applicationInput('web') });
    const deploymentId = await runningDeployment('api');
    const attempt = { HYDRATOR_DEPLOYMENT_ID: `${deploymentId}:1` };
    // The staging job of another application, which knows the webhook secret too.
    const foreign = await hydrator.post(WEBHOOK, jenkinsNotification({ job: 'deploy/web', number: 1, rev: 'c0ffee1', namespace: 'web', extraParameters: attempt }));
    expect(foreign.status).toBe(202);
    const own = await hydrator.post(WEBHOOK, jenkinsNotification({ job: 'deploy/api', number: 2, rev: 'c0ffee1', cluster: 'prod-us', environment: 'production', extraParameters: attempt }));
    expect(own.status).toBe(202);
    await hydrator.waitFor(async () => (await reportCount()) === 2, 'both reports');

    const reports = await sql<{ job_path: string; deployment_id: string | null; target_id: string | null }>(`select job_path, deployment_id, target_id from deployment_report order by build_number`);
    expect(reports).toEqual([
      { job_path: 'deploy/web', deployment_id: null, target_id: expect.any(String) },
      { job_path: 'deploy/api', deployment_id: deploymentId, target_id: expect.any(String) },
    ]);
  });

  it('keeps a report whose rev is no git sha as unmatched, naming the rev, and never as a current rev', async () => {
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'c0ffee1', number: 1, timestamp: Date.parse('2026-11-18T10:00:00Z') }));
    await hydrator.post(WEBHOOK, jenkinsNotification({ rev: 'main; echo pwned', number: 2, timestamp: Date.parse('2026-11-19T10:00:00Z') }));
    const scmOnly = jenkinsNotification({ number: 3, timestamp: Date.parse('2026-11-20T10:00:00Z') });
    delete (scmOnly.build.parameters as Record<string, string>).GIT_REV;
    scmOnly.build.scm.commit = 'HEAD';
    await hydrator.post(WEBHOOK, scmOnly);
    await hydrator.waitFor(async () => (await reportCount()) === 3, 'three reports');

    expect((await stagingRev()).currentRev).toBe('c0ffee1');
    const unmatched = await sql<{ build_number: number; target_id: string | null; unmatched_reason: string }>(
      `select build_number, target_id, unmatched_reason from deployment_report where target_id is null order by build_number`,
    );
    expect(unmatched).toEqual([
      { build_number: 2, target_id: null, unmatched_reason: expect.stringContaining('"main; echo pwned"') },
      { build_number: 3, target_id: null, unmatched_reason: expect.stringContaining('"HEAD"') },
    ]);
    expect(unmatched[0].unmatched_reason).toMatch(/is not a git commit sha/);
  });

  it('records a webhook stored while the queue lost it, once the reconciler runs', async () => {
    const { JenkinsWebhookInbox } = await import('@hydrator/registry');
    const em = hydrator.orm.em.fork();
    await em
      .getConnection()
      .execute(`insert into jenkins_webhook (id, dedup_key, payload, received_at, attempts) values (gen_random_uuid(), 'deploy/api#42#COMPLETED', ?, now() - interval '1 minute', 0)`, [
        JSON.stringify(jenkinsNotification({ rev: 'dec0de42', number: 42 })),
      ]);
    const requeued = await hydrator.app.get(JenkinsWebhookInbox).requeuePending(10_000);
    expect(requeued).toBe(1);
    await hydrator.waitFor(async () => (await stagingRev()).currentRev === 'dec0de42', 'the recovered report');
  });
});

describe('Jenkins webhook secret rotation', () => {
  const NEXT_SECRET = 'the-next-webhook-secret-0f3a9c';
  let hydrator: TestHydrator;

  beforeAll(async () => {
    // Mid-rotation: the new secret is added beside the old one until every Jenkins sends the new one.
    hydrator = await TestHydrator.start({ modules: [GatewayModule], env: { JENKINS_WEBHOOK_SECRET: `${WEBHOOK_SECRET},${NEXT_SECRET}` } });
  });
  afterAll(() => hydrator?.close());

  it('accepts the old and the new secret, and nothing else', async () => {
    expect((await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET}`, jenkinsNotification({ number: 1 }))).status).toBe(202);
    expect((await hydrator.post(`/webhooks/jenkins?token=${NEXT_SECRET}`, jenkinsNotification({ number: 2 }))).status).toBe(202);
    expect((await hydrator.post('/webhooks/jenkins', jenkinsNotification({ number: 3 }), { authorization: `Bearer ${NEXT_SECRET}` })).status).toBe(202);
    expect((await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET},${NEXT_SECRET}`, jenkinsNotification({ number: 4 }))).status).toBe(401);
    expect((await hydrator.post('/webhooks/jenkins?token=the-previous-secret-long-gone', jenkinsNotification({ number: 5 }))).status).toBe(401);
  });
});

describe('Jenkins webhook group commit', () => {
  // The gateway alone: nothing consumes the queue, so the jobs it enqueued stay there to be checked.
  let hydrator: TestHydrator;
  let inbox: import('@hydrator/registry').JenkinsWebhookInbox;
  let queue: import('@hydrator/registry').JenkinsReportsQueue;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
    const { JenkinsWebhookInbox } = await import('@hydrator/registry');
    const { JENKINS_REPORTS_QUEUE } = await import('@hydrator/queues');
    const { getQueueToken } = await import('@nestjs/bullmq');
    inbox = hydrator.app.get(JenkinsWebhookInbox);
    queue = hydrator.app.get(getQueueToken(JENKINS_REPORTS_QUEUE));
  });
  afterAll(() => hydrator?.close());
  beforeEach(() => hydrator.resetDatabase());
  afterEach(() => jest.restoreAllMocks());

  const storedRows = async () =>
    (await hydrator.orm.em.fork().getConnection().execute<Array<{ id: string; dedup_key: string }>>(`select id, dedup_key from jenkins_webhook order by dedup_key`)).map((row) => ({
      id: row.id,
      key: row.dedup_key,
    }));

  it('stores concurrent webhooks once each, answers duplicates with the stored id, and enqueues every new one', async () => {
    const earlier = await hydrator.post(WEBHOOK, jenkinsNotification({ number: 100 }));
    const earlierId = ((await earlier.json()) as { id: string }).id;
    // Builds 1–15 twice each (once STARTED for the odd ones, so two reports of one build), and build 100 again twice.
    const sent = [
      ...Array.from({ length: 15 }, (_, i) => jenkinsNotification({ number: i + 1 })),
      ...Array.from({ length: 15 }, (_, i) => jenkinsNotification({ number: i + 1 })),
      ...Array.from({ length: 15 }, (_, i) => i + 1)
        .filter((n) => n % 2 === 1)
        .map((number) => jenkinsNotification({ number, phase: 'STARTED' })),
      jenkinsNotification({ number: 100 }),
      jenkinsNotification({ number: 100 }),
    ];
    const answers = await Promise.all(
      sent.map(async (payload) => {
        const response = await hydrator.post(WEBHOOK, payload);
        return { status: response.status, body: (await response.json()) as { id: string; duplicate: boolean }, key: `deploy/api#${payload.build.number}#${payload.build.phase}` };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(sent.map(() => 202));

    const rows = await storedRows();
    const keys = [...new Set(answers.map((a) => a.key))];
    expect(rows.map((row) => row.key).sort()).toEqual(keys.sort());
    const idOf = new Map(rows.map((row) => [row.key, row.id]));
    expect(idOf.get('deploy/api#100#COMPLETED')).toBe(earlierId);
    for (const key of keys) {
      const group = answers.filter((a) => a.key === key);
      expect({ key, ids: group.map((a) => a.body.id) }).toEqual({ key, ids: group.map(() => idOf.get(key)) });
      // One new report per key sent now; build 100 was stored before, so all its answers are duplicates.
      expect({ key, fresh: group.filter((a) => !a.body.duplicate).length }).toEqual({ key, fresh: key === 'deploy/api#100#COMPLETED' ? 0 : 1 });
    }
    for (const row of rows) {
      const job = await queue.getJob(`webhook-${row.id}`);
      expect({ key: row.key, name: job?.name, data: job?.data, attempts: job?.opts.attempts }).toEqual({ key: row.key, name: 'record-report', data: { webhookId: row.id }, attempts: 8 });
    }
  });

  it('stores webhooks accepted together in one statement and enqueues them in one call', async () => {
    // The inbox's own Queue instance (each module registering the queue gets one).
    const own = (inbox as unknown as { queue: typeof queue }).queue;
    const addBulk = jest.spyOn(own, 'addBulk');
    const add = jest.spyOn(own, 'add');
    const accepted = await Promise.all(Array.from({ length: 40 }, (_, i) => inbox.accept(jenkinsNotification({ number: 200 + (i % 30) }))));
    expect((await storedRows()).length).toBe(30);
    expect(accepted.filter((a) => !a.duplicate).length).toBe(30);
    expect(new Set(accepted.map((a) => a.webhookId)).size).toBe(30);
    // The first goes at once, alone; the 39 that arrived meanwhile go together.
    expect(addBulk.mock.calls.map(([jobs]) => jobs.length)).toEqual([1, 29]);
    expect(add).not.toHaveBeenCalled();
  });

  it('forks no MikroORM request context for a webhook, and still does for other routes', async () => {
    const { RequestContext } = await import('@mikro-orm/core');
    const create = jest.spyOn(RequestContext, 'create');
    expect((await hydrator.post(WEBHOOK, jenkinsNotification({ number: 500 }))).status).toBe(202);
    expect(create).not.toHaveBeenCalled();
    await hydrator.graphqlOk(`{ application(name: "api") { name } }`);
    expect(create).toHaveBeenCalled();
  });

  it('gives every webhook of a batch the error when its insert fails, and stores none of them', async () => {
    const em = (inbox as unknown as { em: { execute: (...args: unknown[]) => Promise<unknown> } }).em;
    jest.spyOn(em, 'execute').mockRejectedValue(new Error('connection terminated'));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => inbox.accept(jenkinsNotification({ number: 300 + i }))));
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'stored'))).toEqual(outcomes.map(() => 'connection terminated'));
    jest.restoreAllMocks();
    // The inbox is not stuck: the next webhook is stored.
    expect(await inbox.accept(jenkinsNotification({ number: 399 }))).toMatchObject({ duplicate: false });
    expect((await storedRows()).map((row) => row.key)).toEqual(['deploy/api#399#COMPLETED']);
  });
});
