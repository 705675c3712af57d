import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** What `bench/run.ts` gives every benchmark: a database and a Redis key prefix of the run's own. */
export interface BenchContext {
  /** Migrated and empty at the start; a benchmark truncates what it fills before filling it again. */
  databaseUrl: string;
  redisUrl: string;
  /** Every key under it is deleted at the end of the run. */
  redisPrefix: string;
}

/** What a benchmark measured; `run.ts` adds the machine and the date and writes it to `bench/results/<name>.json`. */
export interface BenchResult {
  name: string;
  title: string;
  /** One row per measured size: the printed table. */
  rows: Array<Record<string, number | string>>;
  /** The headline numbers: baseline ratios, growth from the smallest to the largest size. */
  summary: Record<string, number | string | boolean>;
  /** What the numbers include and leave out, in sentences. */
  notes: string[];
  /** Anything more worth keeping in the JSON (individual runs, breakdowns); not printed. */
  details?: unknown;
}

/** One entry of the registry in `run.ts`. */
export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<BenchResult>;
}

export interface MachineInfo {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews the times. */
  loadAverage: number[];
  postgres: string;
}

export function machineInfo(postgresVersion: string): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => round(load, 2)),
    postgres: postgresVersion,
  };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** Runs `work` once to warm up, then `runs` times; the median is what gets reported. */
export async function medianOf<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number; runsMs: number[]; last: T }> {
  let last: T = await work();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await timed(work);
    runsMs.push(round(run.ms));
    last = run.value;
  }
  return { ms: median(runsMs), runsMs, last };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A plain-text table with right-aligned columns, headed by the keys of the first row. */
export function formatTable(rows: Array<Record<string, number | string>>): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]);
  const cells = [columns, ...rows.map((row) => columns.map((column) => String(row[column] ?? '')))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  const lines = cells.map((line) => line.map((cell, i) => cell.padStart(widths[i])).join('  '));
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return lines.join('\n');
}
