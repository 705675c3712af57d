import { RolloutStatus } from '@hydrator/database';
import { DEFAULT_EXPECTED_SECONDS, estimateFinish, median } from './run-estimate';
import { RunSnapshot } from './run-decision';
import { runDeployments as deployments, runSnapshot as snapshot } from './run-snapshot.fixtures';

const NOW = new Date('2026-12-02T09:00:00Z');
const MINUTE = 60;

/** Minutes from NOW to the estimate. */
function minutesLeft(status: RolloutStatus, s: RunSnapshot, expected: Record<string, number | null> = {}): number | null {
  const at = estimateFinish(status, s, new Map(Object.entries(expected)), NOW);
  return at && (at.getTime() - NOW.getTime()) / 60_000;
}

describe('estimateFinish', () => {
  it('deploys the targets of one application one after the other', () => {
    expect(minutesLeft(RolloutStatus.PLANNED, snapshot(deployments('a:0', 'a:1', 'a:2')), { 'a-0': 2 * MINUTE, 'a-1': 3 * MINUTE, 'a-2': 4 * MINUTE })).toBe(9);
  });

  it('runs different applications in parallel, at most MAX_PARALLEL_APPS at once', () => {
    const ds = deployments('a:0', 'b:0', 'c:0');
    const ten = { 'a-0': 10 * MINUTE, 'b-0': 10 * MINUTE, 'c-0': 10 * MINUTE };
    expect(minutesLeft(RolloutStatus.PLANNED, snapshot(ds), ten)).toBe(10);
    expect(minutesLeft(RolloutStatus.PLANNED, snapshot(ds, {}, { maxParallelApps: 2 }), ten)).toBe(20);
  });

  it('starts an application when its dependencies are done, the longest chain first', () => {
    // b waits for a (5 + 5); c alone takes 7: with two slots c runs beside a, then b.
    const ds = deployments('a:0', 'b:0', 'c:0');
    const expected = { 'a-0': 5 * MINUTE, 'b-0': 5 * MINUTE, 'c-0': 7 * MINUTE };
    expect(minutesLeft(RolloutStatus.PLANNED, snapshot(ds, { b: ['a'] }, { maxParallelApps: 2 }), expected)).toBe(10);
    // One slot: the chain a → b first (it is longer), then c: 17 minutes whatever the order, all sequential.
    expect(minutesLeft(RolloutStatus.PLANNED, snapshot(ds, { b: ['a'] }, { maxParallelApps: 1 }), expected)).toBe(17);
  });

  it('counts what a running deployment has left, never less than nothing', () => {
    const ds = deployments('a:0:RUNNING', 'a:1', 'b:0:RUNNING');
    ds[0].startedAt = new Date(NOW.getTime() - 4 * 60_000);
    ds[2].startedAt = new Date(NOW.getTime() - 30 * 60_000);
    expect(minutesLeft(RolloutStatus.RUNNING, snapshot(ds), { 'a-0': 10 * MINUTE, 'a-1': 10 * MINUTE, 'b-0': 10 * MINUTE })).toBe(16);
    // Overdue: it could finish any moment.
    expect(minutesLeft(RolloutStatus.RUNNING, snapshot([ds[2]]), { 'b-0': 10 * MINUTE })).toBe(0);
  });

  it('skips what is done and gives unknown deployments the median of the known ones, else 5 minutes', () => {
    const ds = deployments('a:0:SUCCEEDED', 'a:1', 'b:0:CANCELED', 'c:0', 'd:0');
    expect(minutesLeft(RolloutStatus.RUNNING, snapshot(ds, {}, { maxParallelApps: 1 }), { 'a-0': 1 * MINUTE, 'a-1': 3 * MINUTE, 'c-0': 8 * MINUTE })).toBe(3 + 8 + 3);
    expect(minutesLeft(RolloutStatus.PLANNED, snapshot(deployments('a:0', 'a:1')))).toBe((2 * DEFAULT_EXPECTED_SECONDS) / 60);
  });

  it('assumes a HALTED rollout resumed now: failed and blocked deployments run again', () => {
    const ds = deployments('a:0:SUCCEEDED', 'a:1:FAILED', 'b:0:BLOCKED');
    expect(minutesLeft(RolloutStatus.HALTED, snapshot(ds, { b: ['a'] }), { 'a-1': 2 * MINUTE, 'b-0': 3 * MINUTE })).toBe(5);
  });

  it('is null for a COMPLETED rollout, and now when nothing is left', () => {
    expect(minutesLeft(RolloutStatus.COMPLETED, snapshot(deployments('a:0:SUCCEEDED')))).toBeNull();
    expect(minutesLeft(RolloutStatus.RUNNING, snapshot(deployments('a:0:SUCCEEDED')))).toBe(0);
  });

  it('ignores freezes: the estimate is the work left', () => {
    expect(minutesLeft(RolloutStatus.RUNNING, snapshot(deployments('a:0'), {}, { frozen: new Set(['a']) }), { 'a-0': 4 * MINUTE })).toBe(4);
  });

  it('estimates a 500-deployment rollout quickly', () => {
    const ds = Array.from({ length: 100 }, (_, app) => deployments(...Array.from({ length: 5 }, (_, order) => `app-${app}:${order}`))).flat();
    const started = Date.now();
    // 100 applications × 5 targets × 1 minute, 4 at a time: 125 minutes.
    expect(minutesLeft(RolloutStatus.PLANNED, snapshot(ds), Object.fromEntries(ds.map((d) => [d.id, MINUTE])))).toBe(125);
    expect(Date.now() - started).toBeLessThan(2000);
    // The same applications one after the other: 500 minutes.
    const chain = Object.fromEntries(Array.from({ length: 99 }, (_, app) => [`app-${app + 1}`, [`app-${app}`]]));
    expect(minutesLeft(RolloutStatus.PLANNED, snapshot(ds, chain), Object.fromEntries(ds.map((d) => [d.id, MINUTE])))).toBe(500);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
});
