import { CoalescedRuns } from './coalesced-runs';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('CoalescedRuns', () => {
  it('runs one at a time per key, and serves every request that came during a run with one more run', async () => {
    const runs = new CoalescedRuns();
    const gates = [deferred(), deferred()];
    let started = 0;
    const run = () => gates[started++].promise;
    const first = runs.request('r', run);
    const during = Array.from({ length: 10 }, () => runs.request('r', run));
    expect(started).toBe(1);
    gates[0].resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(2);
    gates[1].resolve();
    await Promise.all([first, ...during]);
    expect(started).toBe(2);
  });

  it('runs different keys side by side', () => {
    const runs = new CoalescedRuns();
    const gate = deferred();
    let started = 0;
    void runs.request('a', () => (started++, gate.promise));
    void runs.request('b', () => (started++, gate.promise));
    expect(started).toBe(2);
    gate.resolve();
  });

  it('gives a failed run’s error to those it served, and starts afresh on the next request', async () => {
    const runs = new CoalescedRuns();
    await expect(runs.request('r', () => Promise.reject(new Error('lock timeout')))).rejects.toThrow('lock timeout');
    let ran = false;
    await runs.request('r', async () => void (ran = true));
    expect(ran).toBe(true);
  });
});
