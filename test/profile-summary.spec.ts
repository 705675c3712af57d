import { callerGroup, CpuProfile, packageOf, summarizeProfile } from '../bench/profile-summary';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });
const root = '/work/main';

/**
 * root → (program), (garbage collector), processTicksAndRejections (node:) → Client.query (pg) → writeBuffer (native),
 *        Redis.sendCommand (ioredis) → writev (native), decide (libs/runner) → writev (native)
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
    { id: 2, callFrame: frame('(program)') },
    { id: 3, callFrame: frame('(garbage collector)') },
    { id: 4, callFrame: frame('processTicksAndRejections', 'node:internal/process/task_queues', 94), children: [5, 7, 9] },
    { id: 5, callFrame: frame('query', `file://${root}/node_modules/pg/lib/client.js`, 500), children: [6] },
    { id: 6, callFrame: frame('writeBuffer') },
    { id: 7, callFrame: frame('sendCommand', `file://${root}/node_modules/ioredis/built/Redis.js`, 380), children: [8] },
    { id: 8, callFrame: frame('writev') },
    { id: 9, callFrame: frame('decide', `file://${root}/dist/libs/runner/src/rollout-runner.service.js`, 80), children: [10] },
    { id: 10, callFrame: frame('writev') },
  ],
  // Each sample lasts until the next one: the deltas after the first are the durations of the samples before them.
  samples: [2, 3, 6, 6, 8, 10, 9, 5],
  timeDeltas: [0, 1000, 2000, 3000, 3000, 4000, 4000, 1000],
};

describe('profile summary', () => {
  const summary = summarizeProfile(profile);

  it('adds up self time by package, V8 entries and natives included', () => {
    expect(summary.totalMs).toBe(18);
    expect(Object.fromEntries(summary.byPackage.map((p) => [p.name, p.ms]))).toEqual({ '(program)': 1, '(garbage collector)': 2, '(native)': 14, 'libs/runner': 1, pg: 0 });
    expect(summary.byPackage[0]).toEqual({ name: '(native)', ms: 14, share: 77.8 });
  });

  it('ranks functions by self time', () => {
    expect(summary.topFunctions.slice(0, 2).map((f) => [f.name, f.ms])).toEqual([
      ['writev', 8],
      ['writeBuffer', 6],
    ]);
    expect(summary.topFunctions.map((f) => f.name)).toContain('decide libs/runner/src/rollout-runner.service.js:81');
  });

  it("groups a native function's time by its nearest JavaScript caller", () => {
    const writev = summary.nativeCallers.find((n) => n.native === 'writev')!;
    expect(writev.ms).toBe(8);
    expect(writev.callers.map((c) => [c.name, c.ms])).toEqual([
      ['Redis (ioredis)', 4],
      ['libs/runner (decide libs/runner/src/rollout-runner.service.js:81)', 4],
    ]);
    expect(summary.nativeCallers.find((n) => n.native === 'writeBuffer')!.callers).toEqual([{ name: 'PostgreSQL (pg)', ms: 6, share: 33.3 }]);
  });

  it('names packages, scoped ones, Node internals and our code', () => {
    expect(packageOf(frame('x', `file://${root}/node_modules/@mikro-orm/core/index.js`))).toBe('@mikro-orm/core');
    expect(packageOf(frame('x', 'node:net'))).toBe('node:');
    expect(packageOf(frame('x', `file://${root}/dist/apps/gateway/src/main.js`))).toBe('apps/gateway');
    expect(packageOf(frame('x', `file://${root}/dist/bench/run.js`))).toBe('bench');
    expect(packageOf(frame('(idle)'))).toBe('(idle)');
    expect(callerGroup([frame('write', 'node:_http_outgoing'), frame('request', `file://${root}/node_modules/undici/index.js`)])).toBe('HTTP (undici)');
  });
});
