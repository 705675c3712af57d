import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import { SYSTEM_ACTOR } from '@hydrator/audit';
import { ConfigModule, HydratorConfig, loadConfig } from '@hydrator/config';
import { QueuesModule } from '@hydrator/queues';
import { ScheduleOutcome, ScheduleService, SchedulingCoreModule } from '@hydrator/scheduling';
import { FLEET_MIX, loadFleet, PRODUCTION_TARGETS, PROTOTYPE_REPORTS, REPORTS_PER_APPLICATION, REPORTS_PER_PRODUCTION_TARGET } from './fleet';
import { BenchContext, Benchmark, BenchResult, median, medianOf, round, timed } from './harness';
import { Measured, QueryLog } from './query-log';

/** Fleet sizes, in applications; the last is the issue's 2,000 applications × 4 targets, 50,000 reports. */
const SIZES = [500, 1000, 2000];
/** Measured first and not reported, so that the first reported size does not pay for JIT and ORM warm-up. */
const WARM_UP_SIZE = 100;
const PREVIEW_RUNS = 15;
/** Each on a fresh week (the rollouts and what they wrote are emptied before each), median reported. */
const SCHEDULE_RUNS = 3;
/** Monday 30 November 2026, 09:00 UTC: planning time. With CUTOFF `FRI 00:00`, the cutoff is 27 November 00:00 UTC. */
const NOW = new Date('2026-11-30T09:00:00Z');

interface SizeResult {
  /** The printed row. */
  row: Record<string, number | string>;
  /** Kept in the JSON only. */
  details: Record<string, unknown>;
  previewMs: number;
  previewQueries: number;
  scheduleMs: number;
  scheduleQueries: number;
  rawSqlMs: number;
}

/** What every size is measured with: the application, its query log and a bare connection for loading and checking. */
interface Harness {
  app: INestApplicationContext;
  log: QueryLog;
  loader: Client;
  databaseUrl: string;
}

/** The Nest root of the benchmark: the real scheduling module on the real wiring, with MikroORM logging every query. */
@Module({})
class PlanningBenchModule {}

/**
 * Weekly planning at fleet scale: `ScheduleService.preview` and `schedule` on 500, 1,000 and 2,000
 * applications, with wall time and SQL queries of each, against the bare SQL of the preview as baseline.
 */
export const schedulePlanning: Benchmark = {
  name: 'schedule-planning',
  async run(context: BenchContext): Promise<BenchResult> {
    const config = loadConfig({
      DATABASE_URL: context.databaseUrl,
      REDIS_URL: context.redisUrl,
      HYDRATOR_REDIS_PREFIX: context.redisPrefix,
      HYDRATOR_TIMEZONE: 'UTC',
      PUBLIC_URL: 'https://hydrator.example',
    });
    const log = new QueryLog();
    const app = await startScheduling(config, log);
    const loader = new Client({ connectionString: context.databaseUrl });
    // Interrupted, run.ts drops the database under it: the query in flight fails, the idle client must not crash the process.
    loader.on('error', () => undefined);
    await loader.connect();
    try {
      const harness: Harness = { app, log, loader, databaseUrl: context.databaseUrl };
      await measureSize(harness, WARM_UP_SIZE);
      const results: SizeResult[] = [];
      for (const size of SIZES) results.push(await measureSize(harness, size));
      return summarize(results);
    } finally {
      await loader.end();
      await app.close();
    }
  },
};

async function startScheduling(config: HydratorConfig, log: QueryLog): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    { module: PlanningBenchModule, imports: [ConfigModule.forRoot(config), MikroOrmModule.forRoot(log.ormOptions(config.databaseUrl)), QueuesModule, SchedulingCoreModule] },
    { logger: ['error', 'warn'] },
  );
}

async function measureSize({ app, log, loader, databaseUrl }: Harness, applications: number): Promise<SizeResult> {
  const scheduler = app.get(ScheduleService);
  const { cutoff } = scheduler.window(NOW);
  const load = await timed(() => loadFleet(loader, applications, cutoff, NOW));

  const previewTime = await medianOf(PREVIEW_RUNS, () => log.measure(() => scheduler.preview(NOW)));
  const preview = previewTime.last;
  const plan = preview.value;
  const rawSql = await rawSqlMs(app.get(MikroORM), databaseUrl, preview);

  const schedules: Array<Measured<ScheduleOutcome>> = [];
  for (let run = 0; run < SCHEDULE_RUNS; run++) {
    await loader.query('truncate rollout, audit_event cascade'); // deployments and outbox messages go with their rollout
    schedules.push(await log.measure(() => scheduler.schedule(SYSTEM_ACTOR, NOW)));
  }
  const schedule = schedules[schedules.length - 1];
  if (!schedule.value.created) throw new Error(`schedule(${NOW.toISOString()}) found a rollout already: the database was not emptied`);
  const written = await countWritten(loader, schedule.value.rollout.id);
  if (written.deployments !== plan.deployments.length) throw new Error(`preview planned ${plan.deployments.length} deployments, schedule wrote ${written.deployments}`);

  const [previewMs, scheduleMs] = [previewTime.ms, median(schedules.map((run) => round(run.ms)))];
  return {
    previewMs,
    previewQueries: preview.queries,
    scheduleMs,
    scheduleQueries: schedule.queries,
    rawSqlMs: rawSql.ms,
    row: {
      applications,
      reports: load.value.reports,
      planned: plan.deployments.length,
      skipped: plan.skipped.length,
      'preview ms': previewMs,
      'preview queries': preview.queries,
      'schedule ms': scheduleMs,
      'schedule queries': schedule.queries,
      'raw-sql ms': rawSql.ms,
      'preview/raw-sql': round(previewMs / rawSql.ms, 2),
    },
    details: {
      applications,
      rows: load.value,
      loadMs: round(load.ms),
      skippedByReason: countBy(plan.skipped.map((s) => s.reason.replace(/:.*| \(.*| [0-9a-f]{40}$/, ''))),
      previewRunsMs: previewTime.runsMs,
      previewQueriesByKind: preview.byKind,
      rawSqlRunsMs: rawSql.runsMs,
      scheduleRunsMs: schedules.map((run) => round(run.ms)),
      scheduleQueriesPerRun: schedules.map((run) => run.queries),
      scheduleQueriesByKind: schedule.byKind,
      scheduleSqlMsPerRun: schedules.map((run) => run.sqlMs),
      outboxByStatus: written.outbox,
    },
  };
}

/**
 * The read side's lower bound: the very statements the preview sent (parameters inlined as MikroORM
 * sent them), run again over bare `pg` connections, as many at once as the preview ran them.
 */
async function rawSqlMs(orm: MikroORM, databaseUrl: string, preview: Measured<unknown>): Promise<{ ms: number; runsMs: number[] }> {
  const platform = orm.em.getPlatform();
  const statements = preview.statements.map(({ sql, params }) => platform.formatQuery(sql, params));
  const pool = new Pool({ connectionString: databaseUrl, max: statements.length });
  pool.on('error', () => undefined); // as the loader: an idle connection dropped with the database is no crash
  try {
    await Promise.all(statements.map(() => pool.query('select 1'))); // open every connection before timing
    return await medianOf(PREVIEW_RUNS, () => Promise.all(statements.map((sql) => pool.query(sql))));
  } finally {
    await pool.end();
  }
}

async function countWritten(loader: Client, rolloutId: string): Promise<{ deployments: number; outbox: Record<string, number> }> {
  const deployments = await loader.query<{ n: number }>('select count(*)::int as n from deployment where rollout_id = $1', [rolloutId]);
  const outbox = await loader.query<{ status: string; n: number }>('select status, count(*)::int as n from outbox_message where rollout_id = $1 group by status order by status', [rolloutId]);
  return { deployments: deployments.rows[0].n, outbox: Object.fromEntries(outbox.rows.map((row) => [row.status, row.n])) };
}

function summarize(results: SizeResult[]): BenchResult {
  const [first, last] = [results[0], results[results.length - 1]];
  const growth = (pick: (result: SizeResult) => number) => round(pick(last) / pick(first), 2);
  const linear = round(SIZES[SIZES.length - 1] / SIZES[0], 2);
  const times = { 'preview time growth': growth((r) => r.previewMs), 'schedule time growth': growth((r) => r.scheduleMs) };
  const queries = { 'preview queries growth': growth((r) => r.previewQueries), 'schedule queries growth': growth((r) => r.scheduleQueries) };
  const rawSqlGrowth = growth((r) => r.rawSqlMs);
  const verdict = (growths: Record<string, number>, context = '') => {
    const faster = Object.entries(growths).filter(([, value]) => value > linear);
    return faster.length === 0 ? 'yes' : `NO: ${faster.map(([key, value]) => `${key} ${value}`).join(', ')}${context}`;
  };
  const summary = {
    sizes: SIZES.join(', '),
    'linear growth would be': linear,
    ...times,
    ...queries,
    'raw-sql time growth (PostgreSQL alone)': rawSqlGrowth,
    'preview/raw-sql at the largest size': last.row['preview/raw-sql'],
    'queries grow no faster than linearly': verdict(queries),
    'times grow no faster than linearly': verdict(times, ` (PostgreSQL alone, same statements: ${rawSqlGrowth})`),
  };
  return {
    name: schedulePlanning.name,
    title: `Weekly planning: ScheduleService.preview and schedule on ${SIZES.join(' / ')} applications × ${PRODUCTION_TARGETS + 1} targets, ${REPORTS_PER_APPLICATION} reports each`,
    rows: results.map((result) => result.row),
    details: results.map((result) => result.details),
    summary,
    notes: [
      `Fleet per size: every application has 1 PROTOTYPE and ${PRODUCTION_TARGETS} PRODUCTION targets and ${REPORTS_PER_APPLICATION} reports (${PROTOTYPE_REPORTS} prototype runs, the last 2 after the cutoff; ${REPORTS_PER_PRODUCTION_TARGET} per production target, on older revs), loaded with insert … select generate_series, then analyze. Mix, i being the application's number: ${Object.entries(
        FLEET_MIX,
      )
        .map(([kind, rule]) => `${kind} where ${rule}`)
        .join('; ')}; some prototype runs failed or never completed, so the latest run before the cutoff is often not the one picked.`,
      `Planning time ${NOW.toISOString()} (Monday) in UTC with CUTOFF FRI 00:00. preview ms is the median of ${PREVIEW_RUNS} runs after 1 warm-up; schedule ms is the median of ${SCHEDULE_RUNS} runs, each on a fresh week (rollouts, deployments, outbox and audit emptied before each; every table truncated and the fleet reloaded per size), after a whole unreported pass on ${WARM_UP_SIZE} applications warmed the process up.`,
      'Query counts are exact and the same every run; times vary from run to run (by a third or more on a small shared machine: see machine.loadAverage), so compare growth and ratios rather than single numbers.',
      "Queries are counted with MikroORM's own query logging (debug: ['query'] and a counting logger): every statement, raw em.execute ones included, and the begin/commit of the transaction.",
      `raw-sql ms is the lower bound of the read side: the statements the preview sent, parameters inlined, run again over bare pg connections as many at once as the preview ran them (median of ${PREVIEW_RUNS} after 1 warm-up); preview/raw-sql is the ORM, mapping and planning overhead on top (near 1, or just under within the noise: the preview costs what its SQL costs).`,
      "details[].scheduleSqlMsPerRun is the part of each schedule spent in SQL (the sum of what MikroORM logged each statement took); the rest is planning, message rendering and MikroORM's unit of work for every deployment and outbox message created, garbage collection included.",
      'Slack, Jira and GitHub are not configured: the outbox messages schedule writes are HELD (nothing is enqueued to Redis) and shortlogs are skipped with their reason, so schedule ms is the database and planning work alone, no network call.',
    ],
  };
}

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
