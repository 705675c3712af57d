import path from 'node:path';
import { ServiceProcess } from '@hydrator/testing';
import { BenchContext, Benchmark, BenchResult } from './harness';
import { randomCredentials, serviceEnv } from './hostile.bench';
import { seedFleet } from './ingest-fleet';
import { currentRollout, Measured, withDatabaseAndBare } from './ingest.bench';

/** Set, the gateway runs under the CPU profiler (cpu-profile-preload.ts) and leaves its profile in this directory. */
const PROFILE_DIR = process.env.CURRENT_ROLLOUT_CPU_PROF;
/** Set, the first answer is written to this file (to compare answers across changes). */
const ANSWER_FILE = process.env.CURRENT_ROLLOUT_ANSWER;

/**
 * Only the last part of `ingest`: the dashboard's WeekCurrent query over a RUNNING rollout of 500
 * deployments on the gateway alone, without the webhook loads before it (a minute less per run, and a
 * CPU profile of the gateway that holds nothing else).
 */
export const currentRolloutBench: Benchmark = {
  name: 'current-rollout',
  async run(context: BenchContext): Promise<BenchResult> {
    const credentials = randomCredentials();
    const [measured, baseline] = await withDatabaseAndBare(context, async (db, bare) => {
      await seedFleet(db);
      const env = serviceEnv(context, credentials, 'current-rollout');
      const gateway = await ServiceProcess.start('gateway', PROFILE_DIR ? { ...env, NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile-preload.js')}`, CPU_PROFILE_DIR: PROFILE_DIR } : env);
      return currentRollout(db, gateway.url, credentials.operator, bare, ANSWER_FILE).finally(() => gateway.stop());
    });
    return summarize(measured, baseline);
  },
};

function summarize(measured: Measured, baseline: Measured): BenchResult {
  return {
    name: currentRolloutBench.name,
    title: "The dashboard's WeekCurrent query of a RUNNING 500-deployment rollout (4 in flight) on the gateway alone, as the end of the ingest benchmark",
    rows: [measured, baseline].map((m) => ({
      target: m.target,
      'req/s': m.result.perSecond,
      'p50 ms': m.result.latency.p50,
      'p99 ms': m.result.latency.p99,
      'max ms': m.result.latency.max,
      'one alone ms': m.aloneMs ?? '',
    })),
    summary: {
      'currentRollout one request alone, ms (median of 3)': measured.aloneMs!,
      'currentRollout req/s': measured.result.perSecond,
      'currentRollout p99 ms': measured.result.latency.p99,
      'currentRollout req/s / bare': Number((measured.result.perSecond / baseline.result.perSecond).toPrecision(2)),
    },
    notes: ['See the ingest benchmark for how the rollout is seeded and measured. The machine has 2 cores shared with other work: compare within one run.'],
    details: [measured, baseline].map((m) => ({ target: m.target, sent: m.result.sent, latency: m.result.latency, statuses: m.result.statuses })),
  };
}
