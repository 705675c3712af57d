import { TestHydrator, VIEWER_TOKEN } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { DeploymentHistory } from './support/deployment-history';

const STABILITY = `query($from: DateTime!, $to: DateTime!, $application: String) {
  stability(from: $from, to: $to, application: $application) {
    application week deployments succeeded failed successRate
    meanDurationSeconds p90DurationSeconds meanLeadTimeSeconds p90LeadTimeSeconds
  }
}`;

/** percentile_cont interpolates in floating point: compare to the microsecond. */
const about = (n: number) => expect.closeTo(n, 6);

/**
 * Expected figures, by hand. api in 2026-W48: durations 60, 120, 180, 240, 600 s (mean 240; p90 at
 * rank 3.6 = 240 + 0.6 × 360 = 456); lead times of the four successes 1 h, 2 h, 3 h, 10 h (mean 4 h;
 * p90 at rank 2.7 = 10800 + 0.7 × 25200 = 28440).
 */
const API_W48 = {
  application: 'api',
  week: '2026-W48',
  deployments: 5,
  succeeded: 4,
  failed: 1,
  successRate: about(0.8),
  meanDurationSeconds: about(240),
  p90DurationSeconds: about(456),
  meanLeadTimeSeconds: about(14400),
  p90LeadTimeSeconds: about(28440),
};
/** One failure that never started: counted, with no duration and no lead time. */
const API_W49 = {
  application: 'api',
  week: '2026-W49',
  deployments: 1,
  succeeded: 0,
  failed: 1,
  successRate: 0,
  meanDurationSeconds: null,
  p90DurationSeconds: null,
  meanLeadTimeSeconds: null,
  p90LeadTimeSeconds: null,
};
/** Durations 100, 200, 300 s (p90 at rank 1.8 = 280); the one success planned from staging took 5000 s. */
const WEB_W49 = {
  application: 'web',
  week: '2026-W49',
  deployments: 3,
  succeeded: 2,
  failed: 1,
  successRate: about(2 / 3),
  meanDurationSeconds: about(200),
  p90DurationSeconds: about(280),
  meanLeadTimeSeconds: about(5000),
  p90LeadTimeSeconds: about(5000),
};
/** Friday 1 January 2027 belongs to ISO week 53 of 2026. */
const WEB_W53 = {
  application: 'web',
  week: '2026-W53',
  deployments: 1,
  succeeded: 1,
  failed: 0,
  successRate: 1,
  meanDurationSeconds: about(30),
  p90DurationSeconds: about(30),
  meanLeadTimeSeconds: about(86400),
  p90LeadTimeSeconds: about(86400),
};

const EVERYTHING = { from: '2026-11-01T00:00:00Z', to: '2027-02-01T00:00:00Z' };

describe('deployment stability', () => {
  let hydrator: TestHydrator;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
    await hydrator.resetDatabase();
    const history = new DeploymentHistory(hydrator);
    await history.application('api');
    await history.application('web');
    await history.application('idle');
    const api = { application: 'api' } as const;
    for (const [durationSeconds, leadTimeSeconds, finishedAt] of [
      [60, 3600, '2026-11-24T10:00:00Z'],
      [120, 7200, '2026-11-24T11:00:00Z'],
      [180, 10800, '2026-11-26T09:00:00Z'],
    ] as const) {
      await history.deployment({ ...api, cluster: 'prod-us', status: 'SUCCEEDED', finishedAt, durationSeconds, leadTimeSeconds });
    }
    // The last second of Sunday in UTC: week 48, although it is already Monday in Paris.
    await history.deployment({ ...api, cluster: 'prod-eu', status: 'SUCCEEDED', finishedAt: '2026-11-29T23:59:59Z', durationSeconds: 240, leadTimeSeconds: 36000 });
    // Planned from staging, but a failure puts nothing in production: no lead time.
    await history.deployment({ ...api, cluster: 'prod-eu', status: 'FAILED', finishedAt: '2026-11-25T10:00:00Z', durationSeconds: 600, leadTimeSeconds: 7200 });
    // Deployments that never ran or have no outcome yet count nowhere, even with times set.
    await history.deployment({ ...api, cluster: 'prod-us', status: 'CANCELED', finishedAt: '2026-11-25T10:00:00Z', durationSeconds: 10, leadTimeSeconds: 10 });
    await history.deployment({ ...api, cluster: 'prod-us', status: 'BLOCKED', finishedAt: '2026-11-25T10:00:00Z' });
    await history.deployment({ ...api, cluster: 'prod-us', status: 'RUNNING' });
    await history.deployment({ ...api, cluster: 'prod-eu', status: 'SCHEDULED' });
    await history.deployment({ ...api, cluster: 'prod-us', status: 'FAILED', finishedAt: '2026-11-30T00:00:00Z' });

    const web = { application: 'web', cluster: 'prod-us' } as const;
    await history.deployment({ ...web, status: 'SUCCEEDED', finishedAt: '2026-12-01T10:00:00Z', durationSeconds: 100, leadTimeSeconds: 5000 });
    await history.deployment({ ...web, status: 'FAILED', finishedAt: '2026-12-02T10:00:00Z', durationSeconds: 300, leadTimeSeconds: 6000 });
    await history.deployment({ ...web, status: 'SUCCEEDED', finishedAt: '2026-12-03T10:00:00Z', durationSeconds: 200 });
    await history.deployment({ ...web, status: 'SUCCEEDED', finishedAt: '2027-01-01T12:00:00Z', durationSeconds: 30, leadTimeSeconds: 86400 });
  });
  afterAll(async () => {
    await hydrator?.close();
  });

  const stability = async (variables: Record<string, unknown>, token?: string) => (await hydrator.graphqlOk<{ stability: unknown[] }>(STABILITY, variables, token)).stability;
  const sql = (query: string) => hydrator.orm.em.fork().getConnection().execute(query);

  it('gives per application and ISO week the count, success rate, mean and p90 of durations and lead times', async () => {
    expect(await stability(EVERYTHING, VIEWER_TOKEN)).toEqual([API_W48, API_W49, WEB_W49, WEB_W53]);
  });

  it('narrows to one application', async () => {
    expect(await stability({ ...EVERYTHING, application: 'web' })).toEqual([WEB_W49, WEB_W53]);
    expect(await stability({ ...EVERYTHING, application: 'idle' })).toEqual([]);
  });

  it('answers the ISO weeks that overlap [from, to), with whole-week figures', async () => {
    // Half a day of week 48 brings all of it; `to` on Monday 00:00 leaves week 49 out.
    expect(await stability({ from: '2026-11-29T12:00:00Z', to: '2026-11-30T00:00:00Z' })).toEqual([API_W48]);
    expect(await stability({ from: '2026-11-30T00:00:00Z', to: '2026-11-30T00:00:01Z' })).toEqual([API_W49, WEB_W49]);
    expect(await stability({ from: '2026-12-07T00:00:00Z', to: '2026-12-28T00:00:00Z' })).toEqual([]);
  });

  it('refuses an empty, reversed or too long range and a date that is none, naming the field', async () => {
    for (const to of ['2026-11-01T00:00:00Z', '2026-10-31T00:00:00Z']) {
      const { errors } = await hydrator.graphql(STABILITY, { from: '2026-11-01T00:00:00Z', to });
      expect(errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^to: must be after from/), extensions: { code: 'BAD_USER_INPUT', field: 'to' } })]);
    }
    const tooLong = await hydrator.graphql(STABILITY, { from: '2024-11-24T00:00:00Z', to: '2026-11-24T00:00:01Z' });
    expect(tooLong.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('at most 2 years'), extensions: { code: 'BAD_USER_INPUT', field: 'to' } })]);
    expect(await stability({ from: '2024-11-24T00:00:00Z', to: '2026-11-24T00:00:00Z' })).toEqual([API_W48]); // exactly 2 years
    const notADate = await hydrator.graphql(STABILITY, { from: 'last monday', to: '2026-11-01T00:00:00Z' });
    // The DateTime scalar refuses what is not an ISO-8601 instant, before the service is asked.
    expect(notADate.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('"last monday" is not an ISO-8601 date-time'), extensions: { code: 'BAD_USER_INPUT' } })]);
  });

  it('says NOT_FOUND for an application nobody registered', async () => {
    const { errors } = await hydrator.graphql(STABILITY, { ...EVERYTHING, application: 'nope' });
    expect(errors).toEqual([expect.objectContaining({ message: 'application "nope" is not registered', extensions: { code: 'NOT_FOUND' } })]);
  });

  it('serves the same figures to Metabase through the SQL views', async () => {
    const weekly = await sql(
      `select application, week, week_start::text, deployments, succeeded, failed, success_rate, mean_duration_s, p90_duration_s, mean_lead_time_s, p90_lead_time_s
         from stability_weekly order by application, week`,
    );
    expect(weekly).toEqual(
      [API_W48, API_W49, WEB_W49, WEB_W53].map((w) =>
        expect.objectContaining({
          application: w.application,
          week: w.week,
          deployments: w.deployments,
          succeeded: w.succeeded,
          failed: w.failed,
          success_rate: w.successRate,
          mean_duration_s: w.meanDurationSeconds,
          p90_duration_s: w.p90DurationSeconds,
          mean_lead_time_s: w.meanLeadTimeSeconds,
          p90_lead_time_s: w.p90LeadTimeSeconds,
        }),
      ),
    );
    expect(weekly.map((w) => w.week_start)).toEqual(['2026-11-23', '2026-11-30', '2026-11-30', '2026-12-28']);

    const deployments = await sql(
      `select application, cluster, environment, status, week, duration_s, lead_time_s from stability_deployment
        where application = 'api' order by finished_at, cluster`,
    );
    expect(deployments).toEqual([
      { application: 'api', cluster: 'prod-us', environment: 'production', status: 'SUCCEEDED', week: '2026-W48', duration_s: 60, lead_time_s: 3600 },
      { application: 'api', cluster: 'prod-us', environment: 'production', status: 'SUCCEEDED', week: '2026-W48', duration_s: 120, lead_time_s: 7200 },
      { application: 'api', cluster: 'prod-eu', environment: 'production', status: 'FAILED', week: '2026-W48', duration_s: 600, lead_time_s: null },
      { application: 'api', cluster: 'prod-us', environment: 'production', status: 'SUCCEEDED', week: '2026-W48', duration_s: 180, lead_time_s: 10800 },
      { application: 'api', cluster: 'prod-eu', environment: 'production', status: 'SUCCEEDED', week: '2026-W48', duration_s: 240, lead_time_s: 36000 },
      { application: 'api', cluster: 'prod-us', environment: 'production', status: 'FAILED', week: '2026-W49', duration_s: null, lead_time_s: null },
    ]);
  });
});
