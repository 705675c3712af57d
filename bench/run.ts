import 'reflect-metadata';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runMigrations } from '@hydrator/database';
import { databaseUrl, deleteRedisKeys, dropDatabase, TEST_REDIS_URL, withAdminClient } from '../libs/testing/src/test-services';
import { BenchContext, Benchmark, formatTable, machineInfo, round, timed } from './harness';
import { currentRolloutBench } from './current-rollout.bench';
import { handoff } from './handoff.bench';
import { hostile } from './hostile.bench';
import { ingest } from './ingest.bench';
import { makespan } from './makespan.bench';
import { schedulePlanning } from './schedule-planning.bench';
import { subscriptions } from './subscriptions.bench';

/**
 * Every benchmark, in the order they run. A new one is a `bench/<name>.bench.ts` exporting a
 * {@link Benchmark}, listed here; its result goes to `bench/results/<name>.json`.
 */
const BENCHMARKS: Benchmark[] = [schedulePlanning, handoff, makespan, subscriptions, hostile, ingest, currentRolloutBench];

/** The whole run, cleanup included, ends within this; past it the run is stopped and cleaned up. */
const RUN_TIMEOUT_MS = 10 * 60_000;
/** `dist/bench/run.js` → `bench/results/`, committed with the code they measure. */
const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'bench', 'results');

/**
 * `npm run bench [-- name…]`: runs the benchmarks (all, or those named) on a database and a Redis key
 * prefix of the run's own, on the machine's PostgreSQL and Redis (TEST_POSTGRES_URL, TEST_REDIS_URL),
 * and drops both at the end, also when interrupted or past {@link RUN_TIMEOUT_MS}.
 */
async function main(): Promise<void> {
  const selected = select(process.argv.slice(2));
  const database = `hydrator_bench_${process.pid}`;
  const context: BenchContext = { databaseUrl: databaseUrl(database), redisUrl: TEST_REDIS_URL, redisPrefix: `hydrator-bench-${process.pid}` };
  let cleaned: Promise<void> | undefined;
  const cleanup = () => (cleaned ??= Promise.all([withAdminClient((client) => dropDatabase(client, database)), deleteRedisKeys(context.redisPrefix)]).then(() => undefined));
  const abort = (reason: string, code: number) => {
    console.error(reason);
    void cleanup().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('interrupted: dropping the benchmark database', 130));
  process.once('SIGTERM', () => abort('terminated: dropping the benchmark database', 143));
  const deadline = setTimeout(() => abort(`the benchmarks took longer than ${RUN_TIMEOUT_MS / 60_000} minutes: stopped`, 1), RUN_TIMEOUT_MS);
  try {
    await runMigrations(context.databaseUrl);
    const postgres = await withAdminClient(async (client) => (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version);
    const machine = machineInfo(postgres);
    await mkdir(RESULTS_DIR, { recursive: true });
    for (const benchmark of selected) {
      console.log(`\n${benchmark.name}: running…`);
      const date = new Date().toISOString();
      const { value: result, ms } = await timed(() => benchmark.run(context));
      const file = path.join(RESULTS_DIR, `${result.name}.json`);
      const { name, title, rows, summary, notes, details } = result;
      // Written aside then renamed: an interrupted run never leaves a half-written result behind.
      await writeFile(`${file}.tmp`, `${JSON.stringify({ name, title, command: 'npm run bench', date, durationMs: round(ms, 0), machine, rows, summary, notes, details }, null, 2)}\n`);
      await rename(`${file}.tmp`, file);
      console.log(`${title}\n\n${formatTable(rows)}\n`);
      for (const [key, value] of Object.entries(summary)) console.log(`  ${key}: ${value}`);
      console.log(`\n  ${round(ms / 1000)} s; written to ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    clearTimeout(deadline);
    await cleanup();
  }
}

function select(names: string[]): Benchmark[] {
  const unknown = names.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}: there are ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  return names.length ? BENCHMARKS.filter((benchmark) => names.includes(benchmark.name)) : BENCHMARKS;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
