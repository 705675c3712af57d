import { RolloutStatus } from '@hydrator/database';
import { waitingReasons } from './run-waiting';
import { RunSnapshot } from './run-decision';
import { runDeployments as deployments, runSnapshot as snapshot } from './run-snapshot.fixtures';

const running = (s: RunSnapshot) => Object.fromEntries(waitingReasons(RolloutStatus.RUNNING, s));

describe('waitingReasons', () => {
  it('names the dependencies that have not finished, by application name', () => {
    const ds = deployments('search:0:RUNNING', 'billing:0', 'billing:1:SUCCEEDED', 'auth:0:SUCCEEDED', 'web:0');
    expect(running(snapshot(ds, { web: ['search', 'billing', 'auth'] }))['web-0']).toBe('waits for billing, search');
  });

  it('names the earlier target of the same application, the one in flight first', () => {
    const reasons = running(snapshot(deployments('web:0:RUNNING', 'web:1', 'web:2')));
    expect(reasons['web-1']).toBe('waits for t0 of web');
    expect(reasons['web-2']).toBe('waits for t0 of web');
    const waiting = running(snapshot(deployments('search:0:RUNNING', 'web:0', 'web:1'), { web: ['search'] }));
    expect(waiting['web-0']).toBe('waits for search');
    expect(waiting['web-1']).toBe('waits for search');
    expect(running(snapshot(deployments('web:0:SUCCEEDED', 'web:1:SUCCEEDED', 'web:2', 'web:3')))['web-3']).toBe('waits for t2 of web');
  });

  it('says why a frozen application waits, with the freeze reason, before anything else', () => {
    const s = snapshot(deployments('search:0:RUNNING', 'web:0'), { web: ['search'] }, { frozen: new Set(['web']), freezeReasons: new Map([['web', 'incident INC-42']]) });
    expect(running(s)['web-0']).toBe('frozen: incident INC-42');
  });

  it('says when only the parallel limit holds a deployment back', () => {
    const s = snapshot(deployments('a:0:RUNNING', 'b:0:QUEUED', 'c:0', 'c:1'), {}, { maxParallelApps: 2 });
    expect(running(s)).toEqual({
      'a-0': null,
      'b-0': 'queued in Jenkins',
      'c-0': 'no free slot (MAX_PARALLEL_APPS)',
      'c-1': 'waits for t0 of c',
    });
    // With a slot free, the runner starts it at its next step.
    expect(running(snapshot(deployments('a:0:RUNNING', 'c:0')))['c-0']).toBe('about to start');
  });

  it('is null for running, finished and blocked deployments', () => {
    const s = snapshot(deployments('a:0:RUNNING', 'a:1:SUCCEEDED', 'b:0:CANCELED', 'c:0:BLOCKED', 'd:0:FAILED'));
    expect(Object.values(Object.fromEntries(waitingReasons(RolloutStatus.HALTED, s)))).toEqual([null, null, null, null, null]);
  });

  it('tells what to do with a rollout that is not running', () => {
    expect(Object.fromEntries(waitingReasons(RolloutStatus.PLANNED, snapshot(deployments('a:0', 'a:1'))))).toEqual({
      'a-0': 'rollout is PLANNED: run it to start',
      'a-1': 'rollout is PLANNED: run it to start',
    });
    const failed = snapshot(deployments('a:0:FAILED', 'a:1', 'b:0:BLOCKED'));
    expect(waitingReasons(RolloutStatus.HALTED, failed).get('a-1')).toBe('rollout HALTED: retry or cancel the failed deployment');
    // Halted on freezes alone: the freeze is what to lift, then the rollout is run again.
    const frozen = snapshot(deployments('a:0', 'b:0'), { b: ['a'] }, { frozen: new Set(['a']), freezeReasons: new Map([['a', 'fleet freeze: Black Friday']]) });
    expect(Object.fromEntries(waitingReasons(RolloutStatus.HALTED, frozen))).toEqual({ 'a-0': 'frozen: fleet freeze: Black Friday', 'b-0': 'waits for a' });
    expect(waitingReasons(RolloutStatus.HALTED, snapshot(deployments('a:0'))).get('a-0')).toBe('rollout HALTED: run it again to resume');
  });

  it('says nothing new starts while a failure halts a running rollout', () => {
    expect(running(snapshot(deployments('a:0:FAILED', 'b:0:RUNNING', 'c:0')))['c-0']).toBe('a deployment failed: nothing new starts');
  });

  it('explains a 500-deployment rollout at once', () => {
    const ds = Array.from({ length: 100 }, (_, app) => deployments(...Array.from({ length: 5 }, (_, order) => `app-${app}:${order}`))).flat();
    const deps = Object.fromEntries(Array.from({ length: 99 }, (_, app) => [`app-${app + 1}`, [`app-${app}`]]));
    const started = Date.now();
    const reasons = running(snapshot(ds, deps));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reasons['app-0-0']).toBe('about to start');
    expect(reasons['app-7-0']).toBe('waits for app-6');
  });
});
