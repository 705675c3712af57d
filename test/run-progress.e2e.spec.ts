import { jenkinsNotification, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { DeploymentHistory } from './support/deployment-history';
import { queryCounter, seedRollout } from './support/seeded-rollout';

interface Progress {
  id: string;
  status: string;
  waitingFor: string | null;
  expectedSeconds: number | null;
  jenkinsQueueUrl: string | null;
  attempts: Array<{ attempt: number; buildNumber: number; buildUrl: string | null; result: string; startedAt: string; finishedAt: string | null }>;
  application: { name: string };
  target: { cluster: string };
}

const PROGRESS = `id status waitingFor expectedSeconds jenkinsQueueUrl attempts { attempt buildNumber buildUrl result startedAt finishedAt } application { name } target { cluster }`;
const ROLLOUT_PROGRESS = `query($id: ID!) { rollout(id: $id) { id status estimatedFinishAt deployments { ${PROGRESS} } } }`;

/** How the dashboard sees a run going: waitingFor, attempts, expectedSeconds, estimatedFinishAt and the deployments history. */
describe('run progress over GraphQL', () => {
  let hydrator: TestHydrator;
  let countQueries: (run: () => Promise<unknown>) => Promise<number>;

  beforeAll(async () => {
    // The registry service records the Jenkins reports that `attempts` reads; no runner: rollouts stay as the test leaves them.
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule], env: { MAX_PARALLEL_APPS: '4' } });
    countQueries = queryCounter(hydrator);
  });
  afterAll(() => hydrator?.close());
  beforeEach(() => hydrator.resetDatabase());

  const sql = (query: string, params: unknown[] = []): Promise<Array<{ id: string; n: number }>> => hydrator.orm.em.fork().getConnection().execute(query, params);

  async function rolloutProgress(id: string) {
    const { rollout } = await hydrator.graphqlOk<{ rollout: { status: string; estimatedFinishAt: string | null; deployments: Progress[] } }>(ROLLOUT_PROGRESS, { id });
    const of = (application: string, cluster: string) => rollout.deployments.find((d) => d.application.name === application && d.target.cluster === cluster)!;
    return { rollout, of };
  }

  it('reads every progress field of a 500-deployment rollout, and of 500 deployments of history, in a constant number of SQL queries', async () => {
    /** SQL queries of a rollout page and of a page of history, each with every progress field. */
    const measure = async (id: string) => {
      let rollout: Awaited<ReturnType<typeof rolloutProgress>>['rollout'] | undefined;
      let deployments: unknown[] = [];
      const counts = [
        await countQueries(async () => ({ rollout } = await rolloutProgress(id))),
        // Within the cost limit: attempts count as 25 each.
        await countQueries(
          async () =>
            ({ deployments } = await hydrator.graphqlOk<{ deployments: unknown[] }>(
              `{ deployments(limit: 500) { id waitingFor expectedSeconds jenkinsQueueUrl attempts { attempt } rollout { estimatedFinishAt } } }`,
            )),
        ),
      ];
      return { counts, rollout: rollout!, deployments };
    };
    /** A running rollout: each application after the previous one, the first one deploying, with Jenkins reports and history. */
    const seed = async (applications: number) => {
      const id = await seedRollout(hydrator, applications, 'RUNNING');
      await sql(`insert into dependency (id, application_id, depends_on_id, created_at)
                 select gen_random_uuid(), a.id, b.id, now() from application a join application b on b.name = 'app-' || (substr(a.name, 5)::int - 1)`);
      await sql(`update deployment d set status = 'RUNNING', attempt = 1, started_at = now() - interval '1 minute', jenkins_queue_url = 'http://jenkins/queue/item/1/'
                  from target t, application a where t.id = d.target_id and a.id = d.application_id and a.name = 'app-1' and t.position = 0`);
      await sql(`insert into deployment_report (id, job_path, build_number, phase, result, build_url, parameters, deployment_id, started_at, finished_at, received_at)
                 select gen_random_uuid(), 'deploy/' || a.name, row_number() over (), 'STARTED', 'STARTED', 'http://jenkins/b/1/', jsonb_build_object('HYDRATOR_DEPLOYMENT_ID', d.id || ':1'), d.id, now(), now(), now()
                   from deployment d join application a on a.id = d.application_id`);
      const [past] = await sql(`insert into rollout (id, kind, status, skipped, created_at, updated_at) values (gen_random_uuid(), 'EMERGENCY', 'COMPLETED', '[]', now(), now()) returning id`);
      await sql(
        `insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, started_at, finished_at, created_at, updated_at)
         select gen_random_uuid(), ?, t.application_id, t.id, 'old', '[]', 'SUCCEEDED', 1, now() - interval '1 day 2 minutes', now() - interval '1 day', now(), now() from target t`,
        [past.id],
      );
      return id;
    };

    const small = await measure(await seed(20));
    await hydrator.resetDatabase();
    const large = await measure(await seed(100));
    expect(large.rollout.deployments).toHaveLength(500);
    expect(large.deployments).toHaveLength(500);
    expect(large.counts).toEqual(small.counts);
    expect(Math.max(...large.counts)).toBeLessThanOrEqual(12);

    const of = (application: string, cluster: string) => large.rollout.deployments.find((d) => d.application.name === application && d.target.cluster === cluster)!;
    expect(of('app-1', 'prod-0')).toMatchObject({ status: 'RUNNING', waitingFor: null, expectedSeconds: 120, jenkinsQueueUrl: 'http://jenkins/queue/item/1/' });
    expect(of('app-1', 'prod-0').attempts).toMatchObject([{ attempt: 1, result: 'STARTED', finishedAt: null, buildUrl: 'http://jenkins/b/1/' }]);
    expect(of('app-1', 'prod-1').waitingFor).toBe('waits for prod-0/production of app-1');
    expect(of('app-2', 'prod-0').waitingFor).toBe('waits for app-1');
    // 100 applications one after the other, 5 targets of 2 minutes each; the running one has 1 minute left.
    const left = (Date.parse(large.rollout.estimatedFinishAt!) - Date.now()) / 60_000;
    expect(left).toBeGreaterThan(1000 - 2);
    expect(left).toBeLessThan(1000);
  });

  it('explains why each deployment waits, with the freeze reason, and estimates the finish from what is left', async () => {
    const history = new DeploymentHistory(hydrator);
    for (const name of ['search', 'billing', 'web']) await history.application(name);
    await hydrator.graphqlOk(`mutation { addDependency(application: "billing", dependsOn: "search") { name } }`);
    await hydrator.graphqlOk(`mutation { freezeApplication(name: "web", reason: "incident INC-42") { name } }`);
    const [rollout] = await sql(
      `insert into rollout (id, kind, status, week_of, skipped, created_at, updated_at) values (gen_random_uuid(), 'WEEKLY', 'PLANNED', '2026-W49', '[]', now(), now()) returning id`,
    );
    await sql(
      `insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, created_at, updated_at)
       select gen_random_uuid(), ?, t.application_id, t.id, 'rev', '[]', 'SCHEDULED', 0, now(), now() from target t where t.role = 'PRODUCTION'`,
      [rollout.id],
    );

    const planned = await rolloutProgress(rollout.id);
    expect(new Set(planned.rollout.deployments.map((d) => d.waitingFor))).toEqual(new Set(['rollout is PLANNED: run it to start']));
    // No history: 5 minutes each; billing's two targets after search's two: 20 minutes.
    const plannedLeft = Date.parse(planned.rollout.estimatedFinishAt!) - Date.now();
    expect(plannedLeft).toBeGreaterThan(20 * 60_000 - 5000);
    expect(plannedLeft).toBeLessThanOrEqual(20 * 60_000);

    await sql(`update rollout set status = 'RUNNING' where id = ?`, [rollout.id]);
    await sql(
      `update deployment d set status = 'RUNNING', attempt = 1, started_at = now() - interval '1 minute' from target t, application a
        where d.rollout_id = ? and t.id = d.target_id and a.id = d.application_id and a.name = 'search' and t.cluster = 'prod-us'`,
      [rollout.id],
    );
    const running = await rolloutProgress(rollout.id);
    expect(running.of('search', 'prod-us').waitingFor).toBeNull();
    expect(running.of('search', 'prod-eu').waitingFor).toBe('waits for prod-us/production of search');
    expect(running.of('billing', 'prod-us').waitingFor).toBe('waits for search');
    expect(running.of('billing', 'prod-eu').waitingFor).toBe('waits for search');
    expect(running.of('web', 'prod-us').waitingFor).toBe('frozen: incident INC-42');
    expect(running.of('web', 'prod-eu').waitingFor).toBe('frozen: incident INC-42');
    // search has 4 minutes left, then 5; billing 5 + 5 after it: 19 minutes (web, freezes set aside, runs beside them).
    const left = Date.parse(running.rollout.estimatedFinishAt!) - Date.now();
    expect(left).toBeGreaterThan(19 * 60_000 - 5000);
    expect(left).toBeLessThanOrEqual(19 * 60_000);

    await sql(`update rollout set status = 'COMPLETED' where id = ?`, [rollout.id]);
    expect((await rolloutProgress(rollout.id)).rollout.estimatedFinishAt).toBeNull();
  });

  it('expects the median of the last 10 successes to the same target before the deployment, else to any target', async () => {
    const history = new DeploymentHistory(hydrator);
    for (const name of ['web', 'search', 'api']) await history.application(name);
    const successes: string[] = [];
    // web to prod-us: 12 successes of 1, 2 … 12 minutes, one a day; the last 10 are 3 … 12 minutes.
    for (let day = 1; day <= 12; day++) {
      const finishedAt = `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`;
      successes.push(await history.deployment({ application: 'web', cluster: 'prod-us', status: 'SUCCEEDED', finishedAt, durationSeconds: day * 60 }));
    }
    // Neither a failure, nor a success with no start, counts.
    await history.deployment({ application: 'web', cluster: 'prod-us', status: 'FAILED', finishedAt: '2026-11-20T10:00:00Z', durationSeconds: 5000 });
    await history.deployment({ application: 'web', cluster: 'prod-us', status: 'SUCCEEDED', finishedAt: '2026-11-21T10:00:00Z' });
    await history.deployment({ application: 'web', cluster: 'prod-eu', status: 'SUCCEEDED', finishedAt: '2026-11-21T10:00:00Z', durationSeconds: 30 });
    await history.deployment({ application: 'search', cluster: 'prod-us', status: 'SUCCEEDED', finishedAt: '2026-11-21T10:00:00Z', durationSeconds: 100 });
    const next = {
      webUs: await history.deployment({ application: 'web', cluster: 'prod-us', status: 'SCHEDULED' }),
      webEu: await history.deployment({ application: 'web', cluster: 'prod-eu', status: 'SCHEDULED' }),
      searchEu: await history.deployment({ application: 'search', cluster: 'prod-eu', status: 'SCHEDULED' }),
      api: await history.deployment({ application: 'api', cluster: 'prod-us', status: 'SCHEDULED' }),
    };
    const expected = async (id: string) =>
      (await hydrator.graphqlOk<{ deployment: { expectedSeconds: number | null } }>(`query($id: ID!) { deployment(id: $id) { expectedSeconds } }`, { id })).deployment.expectedSeconds;
    expect(await expected(next.webUs)).toBe(((7 + 8) / 2) * 60);
    expect(await expected(next.webEu)).toBe(30);
    expect(await expected(next.searchEu)).toBe(100); // no history on prod-eu: search's to any target
    expect(await expected(next.api)).toBeNull();
    // A past deployment: only what finished before it started (the 4 earlier ones: 1 … 4 minutes).
    expect(await expected(successes[4])).toBe(((2 + 3) / 2) * 60);
  });

  it('lists each Jenkins build of a deployment with its latest phase, newest first, as Jenkins reported them', async () => {
    const history = new DeploymentHistory(hydrator);
    await history.application('web');
    const id = await history.deployment({ application: 'web', cluster: 'prod-us', status: 'SCHEDULED' });
    const t0 = Date.parse('2026-12-02T09:00:00Z');
    const report = (number: number, attempt: number, phase: 'QUEUED' | 'STARTED' | 'COMPLETED', timestamp: number, extra: Record<string, unknown> = {}) =>
      hydrator.post(
        `/webhooks/jenkins?token=${WEBHOOK_SECRET}`,
        jenkinsNotification({
          job: 'deploy/web',
          number,
          phase,
          timestamp,
          cluster: 'prod-us',
          environment: 'production',
          namespace: 'web',
          extraParameters: { HYDRATOR_DEPLOYMENT_ID: `${id}:${attempt}` },
          ...extra,
        }),
      );
    await report(7, 1, 'STARTED', t0);
    await report(7, 1, 'COMPLETED', t0 + 90_000, { status: 'FAILURE', duration: 90_000 });
    await report(9, 2, 'QUEUED', t0 + 600_000);
    await report(9, 2, 'STARTED', t0 + 605_000);
    await hydrator.waitFor(async () => Number((await sql(`select count(*)::int as n from deployment_report where deployment_id = ?`, [id]))[0].n) === 4, 'the reports to be recorded');

    const { deployment } = await hydrator.graphqlOk<{ deployment: Progress }>(`query($id: ID!) { deployment(id: $id) { ${PROGRESS} } }`, { id });
    expect(deployment.attempts).toEqual([
      { attempt: 2, buildNumber: 9, buildUrl: 'http://jenkins.example/job/deploy/job/web/9/', result: 'STARTED', startedAt: new Date(t0 + 605_000).toISOString(), finishedAt: null },
      {
        attempt: 1,
        buildNumber: 7,
        buildUrl: 'http://jenkins.example/job/deploy/job/web/7/',
        result: 'FAILURE',
        startedAt: new Date(t0).toISOString(),
        finishedAt: new Date(t0 + 90_000).toISOString(),
      },
    ]);
  });

  it('lists the deployments history newest first, filtered by application, status and week', async () => {
    const history = new DeploymentHistory(hydrator);
    for (const name of ['web', 'api']) await history.application(name);
    const ids = {
      webOld: await history.deployment({ application: 'web', cluster: 'prod-us', status: 'SUCCEEDED', finishedAt: '2026-11-02T10:00:00Z', durationSeconds: 60 }),
      webFailed: await history.deployment({ application: 'web', cluster: 'prod-eu', status: 'FAILED', finishedAt: '2026-11-09T10:00:00Z', durationSeconds: 60 }),
      apiNew: await history.deployment({ application: 'api', cluster: 'prod-us', status: 'SUCCEEDED', finishedAt: '2026-11-16T10:00:00Z', durationSeconds: 60 }),
      webPlanned: await history.deployment({ application: 'web', cluster: 'prod-us', status: 'SCHEDULED' }),
    };
    await sql(`update rollout r set week_of = '2026-W45' from deployment d where d.rollout_id = r.id and d.id in (?)`, [[ids.webOld, ids.apiNew]]);
    const list = async (args: string) => (await hydrator.graphqlOk<{ deployments: Array<{ id: string }> }>(`{ deployments${args} { id } }`)).deployments.map((d) => d.id);

    // Planned now: newer than every finish.
    expect(await list('')).toEqual([ids.webPlanned, ids.apiNew, ids.webFailed, ids.webOld]);
    expect(await list('(limit: 2)')).toEqual([ids.webPlanned, ids.apiNew]);
    expect(await list('(application: "web")')).toEqual([ids.webPlanned, ids.webFailed, ids.webOld]);
    expect(await list('(application: "web", status: FAILED)')).toEqual([ids.webFailed]);
    expect(await list('(weekOf: "2026-W45")')).toEqual([ids.apiNew, ids.webOld]);
    expect(await list('(application: "nobody")')).toEqual([]);

    for (const [args, field] of [
      ['(weekOf: "2026-49")', 'weekOf'],
      ['(weekOf: "2026-W54")', 'weekOf'],
      ['(weekOf: "")', 'weekOf'],
      ['(limit: 0)', 'limit'],
      ['(limit: 501)', 'limit'],
    ]) {
      const result = await hydrator.graphql(`{ deployments${args} { id } }`);
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
      expect(result.errors?.[0].message).toMatch(new RegExp(`^${field}: `));
    }
  });
});
