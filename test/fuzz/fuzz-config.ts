import { randomInt } from 'node:crypto';

/**
 * How many cases each fuzz property runs and from which seed.
 *
 * - `npm test` / `npx jest test/fuzz`: the FIXED seed and each property's own small default, so the
 *   suite runs the same cases every time and stays within its time budget.
 * - `npm run test:fuzz` sets FUZZ_RUNS: a long run from a RANDOM seed, printed first thing so a failure
 *   can be replayed with `FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx jest test/fuzz --runInBand`.
 * - FUZZ_SEED alone replays a seed with the default counts.
 */
const FIXED_SEED = 20261130;

const runsOverride = process.env.FUZZ_RUNS ? positiveInteger('FUZZ_RUNS', process.env.FUZZ_RUNS) : undefined;

export const FUZZ_SEED: number = process.env.FUZZ_SEED ? Number.parseInt(process.env.FUZZ_SEED, 10) : runsOverride !== undefined ? randomInt(0, 2 ** 31 - 1) : FIXED_SEED;

if (!Number.isSafeInteger(FUZZ_SEED)) throw new Error(`FUZZ_SEED must be an integer, got ${process.env.FUZZ_SEED}`);

/** Per test: a long run's properties take minutes; the default ones well under one. */
export const FUZZ_TIMEOUT_MS = runsOverride !== undefined ? 60 * 60_000 : 5 * 60_000;

/** Cases for one property: FUZZ_RUNS when set, else the property's default for `npm test`. */
export function fuzzRuns(defaultRuns: number): number {
  return runsOverride ?? defaultRuns;
}

/** The line a failure is replayed from; printed by every fuzz file when it starts. */
export function replayHint(file: string): string {
  return `${file}: fuzz seed ${FUZZ_SEED}, ${runsOverride ?? 'default'} runs per property (replay: FUZZ_SEED=${FUZZ_SEED}${runsOverride ? ` FUZZ_RUNS=${runsOverride}` : ''} npx jest test/fuzz --runInBand)`;
}

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return parsed;
}
