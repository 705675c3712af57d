import { decideNext } from './run-decision';
import { runDeployments as deployments, runSnapshot as snapshot } from './run-snapshot.fixtures';

describe('decideNext', () => {
  it('starts one target per application, the first in target order', () => {
    const decision = decideNext(snapshot(deployments('a:1', 'a:0', 'b:0')));
    expect(decision.start.sort()).toEqual(['a-0', 'b-0']);
    expect(decision.outcome).toEqual({ status: 'RUNNING' });
  });

  it('starts nothing more for an application that has one in flight', () => {
    expect(decideNext(snapshot(deployments('a:0:RUNNING', 'a:1'))).start).toEqual([]);
    expect(decideNext(snapshot(deployments('a:0:SUCCEEDED', 'a:1'))).start).toEqual(['a-1']);
  });

  it('waits until every dependency finished all its deployments', () => {
    const ds = deployments('auth:0:SUCCEEDED', 'auth:1', 'api:0');
    expect(decideNext(snapshot(ds, { api: ['auth'] })).start).toEqual(['auth-1']);
    const done = deployments('auth:0:SUCCEEDED', 'auth:1:CANCELED', 'api:0');
    expect(decideNext(snapshot(done, { api: ['auth'] })).start).toEqual(['api-0']);
  });

  it('ignores dependencies that are not part of the rollout', () => {
    expect(decideNext(snapshot(deployments('api:0'), { api: ['auth'] })).start).toEqual(['api-0']);
  });

  it('fills every free slot, longest remaining dependency path first', () => {
    // c → b → a is the long chain; x and y are independent singletons.
    const ds = deployments('a:0', 'b:0', 'c:0', 'x:0', 'y:0', 'z:0');
    const decision = decideNext(snapshot(ds, { b: ['a'], c: ['b'] }, { maxParallelApps: 2 }));
    expect(decision.start).toEqual(['a-0', 'x-0']);
    const busy = deployments('a:0:RUNNING', 'x:0', 'y:0');
    expect(decideNext(snapshot(busy, {}, { maxParallelApps: 2 })).start).toEqual(['x-0']);
  });

  it('gives an application part-way through its targets its slot back before starting a new one', () => {
    // b has a longer path ahead, but a already runs its first rev on t0: it finishes before b begins.
    const ds = deployments('a:0:SUCCEEDED', 'a:1', 'b:0', 'b:1', 'b:2');
    expect(decideNext(snapshot(ds, {}, { maxParallelApps: 1 })).start).toEqual(['a-1']);
  });

  it('after a failure starts nothing, blocks what is left and halts when nothing is in flight', () => {
    const running = deployments('a:0:FAILED', 'a:1', 'b:0:RUNNING', 'c:0');
    expect(decideNext(snapshot(running))).toEqual({ start: [], block: ['a-1', 'c-0'], outcome: { status: 'RUNNING' } });
    const stopped = deployments('a:0:FAILED', 'a:1:BLOCKED', 'b:0:SUCCEEDED');
    stopped[0].error = 'Jenkins build #12 FAILURE';
    expect(decideNext(snapshot(stopped)).outcome).toEqual({ status: 'HALTED', reason: 'a on t0 failed: Jenkins build #12 FAILURE' });
  });

  it('completes when every deployment succeeded or was canceled', () => {
    expect(decideNext(snapshot(deployments('a:0:SUCCEEDED', 'a:1:CANCELED'))).outcome).toEqual({ status: 'COMPLETED' });
  });

  it('halts with the reason when only frozen applications remain', () => {
    const decision = decideNext(snapshot(deployments('a:0:SUCCEEDED', 'b:0', 'c:0'), { c: ['b'] }, { frozen: new Set(['b']) }));
    expect(decision.outcome).toEqual({ status: 'HALTED', reason: 'b is frozen; c waits for b' });
  });
});
