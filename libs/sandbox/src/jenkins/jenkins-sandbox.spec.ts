import { JenkinsSandbox } from './jenkins-sandbox';
import { basicAuth, BuildJson, paramOf, TestJenkinsClient } from './testing';

const USER = 'hydrator';
const TOKEN = '11aa22bb33cc';
const AUTH = { authorization: basicAuth(USER, TOKEN) };

describe('JenkinsSandbox remote access API', () => {
  let jenkins: JenkinsSandbox;
  let client: TestJenkinsClient;

  async function boot(options: ConstructorParameters<typeof JenkinsSandbox>[0] = {}): Promise<void> {
    jenkins = new JenkinsSandbox({ auth: { user: USER, token: TOKEN }, defaults: { queueDelayMs: 20, durationMs: 40 }, ...options });
    client = new TestJenkinsClient(await jenkins.start(), AUTH);
  }

  afterEach(async () => {
    await jenkins.stop();
  });

  it('queues a trigger, turns the queue item into a numbered build and reports its result', async () => {
    // A queue delay long enough that the first read surely finds the item still waiting.
    await boot({ defaults: { queueDelayMs: 300, durationMs: 40 } });
    const response = await client.trigger('deploy/api', { GIT_REV: 'abc123', CLUSTER: 'eu-1' });

    expect(response.status).toBe(201);
    const location = response.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${client.root}/queue/item/\\d+/$`));

    const waiting = await client.getJson(`${location}api/json`);
    expect(waiting).toMatchObject({ executable: null, cancelled: false, blocked: false });
    expect(waiting.why).toEqual(expect.any(String));

    const buildUrl = await client.buildUrlOf(location);
    expect(buildUrl).toBe(`${client.root}/job/deploy/job/api/1/`);
    const build = await client.resultOf(buildUrl);
    expect(build).toMatchObject({ number: 1, building: false, result: 'SUCCESS', url: buildUrl });
    expect(build.queueId).toBe(Number(location.match(/item\/(\d+)/)![1]));
    expect(build.duration).toBeGreaterThanOrEqual(30);
    expect(build.timestamp).toBeGreaterThan(Date.now() - 10_000);
    expect(paramOf(build, 'GIT_REV')).toBe('abc123');
    expect(paramOf(build, 'CLUSTER')).toBe('eu-1');

    const kinds = jenkins
      .events()
      .filter((e) => e.jobPath === 'deploy/api')
      .map((e) => e.kind);
    expect(kinds.filter((k) => k !== 'polled')).toEqual(['triggered', 'queued', 'started', 'finished']);
  });

  it('takes parameters from a form body and leaves out trigger options', async () => {
    await boot();
    const response = await fetch(`${client.root}/job/deploy/job/web/buildWithParameters?delay=0sec`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ GIT_REV: 'f00d', token: 'job-token' }),
    });

    expect(response.status).toBe(201);
    const [build] = await jenkins.waitFor(() => jenkins.buildsFor('deploy/web').length > 0 && jenkins.buildsFor('deploy/web'));
    expect(build.params).toEqual({ GIT_REV: 'f00d' });
  });

  it('refuses anonymous requests with 403 and a wrong token with 401, as Jenkins does', async () => {
    await boot();
    const anonymous = await new TestJenkinsClient(client.root).trigger('deploy/api', { GIT_REV: 'a' });
    const wrong = await new TestJenkinsClient(client.root, { authorization: basicAuth(USER, 'nope') }).trigger('deploy/api', { GIT_REV: 'a' });

    expect(anonymous.status).toBe(403);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Invalid password/token');
    expect(jenkins.queued()).toHaveLength(0);
    expect(jenkins.timeline.ofKind('rejected').map((e) => e.status)).toEqual([403, 401]);
  });

  it('requires the crumb on POSTs when crumbs are enabled', async () => {
    await boot({ requireCrumb: true });
    const withoutCrumb = await client.trigger('deploy/api', { GIT_REV: 'a' });
    expect(withoutCrumb.status).toBe(403);
    expect(await withoutCrumb.text()).toContain('No valid crumb');

    const issued = await client.getJson<{ crumb: string; crumbRequestField: string }>(`${client.root}/crumbIssuer/api/json`);
    expect(issued.crumbRequestField).toBe('Jenkins-Crumb');
    const wrongCrumb = await client.trigger('deploy/api', { GIT_REV: 'a' }, { 'Jenkins-Crumb': 'forged' });
    const withCrumb = await client.trigger('deploy/api', { GIT_REV: 'a' }, { [issued.crumbRequestField]: issued.crumb });

    expect(wrongCrumb.status).toBe(403);
    expect(withCrumb.status).toBe(201);
  });

  it('answers 404 from the crumb issuer when crumbs are off', async () => {
    await boot();
    const response = await fetch(`${client.root}/crumbIssuer/api/json`, { headers: AUTH });
    expect(response.status).toBe(404);
  });

  it('answers 404 for an unknown job when jobs are not auto-created', async () => {
    await boot({ autoCreateJobs: false });
    jenkins.addJob('deploy/api');

    expect((await client.trigger('deploy/unknown', { GIT_REV: 'a' })).status).toBe(404);
    expect((await client.trigger('deploy/api', { GIT_REV: 'a' })).status).toBe(201);
  });

  it('lists builds newest first with their HYDRATOR_DEPLOYMENT_ID parameters', async () => {
    await boot();
    for (const id of ['dep-1', 'dep-2']) {
      const response = await client.trigger('deploy/api', { GIT_REV: 'abc', HYDRATOR_DEPLOYMENT_ID: id });
      await client.resultOf(await client.buildUrlOf(response.headers.get('location')!));
    }

    const tree = 'builds[number,url,building,result,actions[parameters[name,value]]]';
    const job = await client.getJson<{ builds: BuildJson[]; nextBuildNumber: number }>(`${client.root}/job/deploy/job/api/api/json?tree=${encodeURIComponent(tree)}`);

    expect(job.builds.map((b) => [b.number, paramOf(b, 'HYDRATOR_DEPLOYMENT_ID'), b.result])).toEqual([
      [2, 'dep-2', 'SUCCESS'],
      [1, 'dep-1', 'SUCCESS'],
    ]);
    expect(job.nextBuildNumber).toBe(3);
    expect(jenkins.triggersFor('dep-1')).toBe(1);
    expect(jenkins.triggersFor('dep-3')).toBe(0);
  });

  it('continues the numbering of a job after the builds it is told about, and never goes back', async () => {
    await boot();
    jenkins.continueNumberingAfter('deploy/api', 7).continueNumberingAfter('deploy/api', 3);
    const response = await client.trigger('deploy/api', { GIT_REV: 'abc' });
    expect(await client.buildUrlOf(response.headers.get('location')!)).toBe(`${client.root}/job/deploy/job/api/8/`);
    const job = await client.getJson<{ nextBuildNumber: number }>(`${client.root}/job/deploy/job/api/api/json`);
    expect(job.nextBuildNumber).toBe(9);
  });

  it('lists the folder a job path implies', async () => {
    await boot();
    jenkins.addJob('deploy/api').addJob('deploy/web');
    const folder = await client.getJson<{ jobs: Array<{ name: string }> }>(`${client.root}/job/deploy/api/json`);
    expect(folder.jobs.map((j) => j.name)).toEqual(['api', 'web']);
  });

  it('merges an identical trigger into the waiting queue item with 303, and counts both triggers', async () => {
    await boot({ defaults: { queueDelayMs: 1000, durationMs: 10 } });
    const params = { GIT_REV: 'abc', HYDRATOR_DEPLOYMENT_ID: 'dep-9' };
    const first = await client.trigger('deploy/api', params);
    const second = await client.trigger('deploy/api', params);

    expect([first.status, second.status]).toEqual([201, 303]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(jenkins.queued()).toHaveLength(1);
    expect(jenkins.triggersFor('dep-9')).toBe(2);
  });

  it('drops parameters a declared job does not define and fills in defaults', async () => {
    await boot();
    jenkins.addJob('deploy/api', { parameters: [{ name: 'GIT_REV' }, { name: 'CLUSTER', defaultValue: 'us-1' }] });
    await client.trigger('deploy/api', { GIT_REV: 'abc', HYDRATOR_DEPLOYMENT_ID: 'dep-1' });

    expect(jenkins.queued().map((b) => b.params)).toEqual([{ GIT_REV: 'abc', CLUSTER: 'us-1' }]);
    // The trigger itself still records what the client sent.
    expect(jenkins.triggersFor('dep-1')).toBe(1);
  });

  it('decides each build from the scripts, by parameters and job', async () => {
    await boot();
    jenkins.script((params) => ({ durationMs: 10, result: params.CLUSTER === 'eu' ? 'FAILURE' : 'SUCCESS' }));
    const eu = await client.trigger('deploy/api', { GIT_REV: 'a', CLUSTER: 'eu' });
    const us = await client.trigger('deploy/api', { GIT_REV: 'a', CLUSTER: 'us' });

    const results = await Promise.all([eu, us].map(async (r) => (await client.resultOf(await client.buildUrlOf(r.headers.get('location')!))).result));
    expect(results).toEqual(['FAILURE', 'SUCCESS']);
  });

  it('fails the first builds that carry the parameter of the rule, then runs the next ones as planned', async () => {
    await boot();
    jenkins.addJob('deploy/ledger', { failFirst: { count: 1, parameter: 'HYDRATOR_DEPLOYMENT_ID' } });
    const resultOf = async (params: Record<string, string>) => {
      const response = await client.trigger('deploy/ledger', params);
      return (await client.resultOf(await client.buildUrlOf(response.headers.get('location')!))).result;
    };

    // A build without the parameter (someone deploying by hand) neither fails by the rule nor counts.
    expect(await resultOf({ GIT_REV: 'a' })).toBe('SUCCESS');
    expect(await resultOf({ GIT_REV: 'a', HYDRATOR_DEPLOYMENT_ID: 'dep-1:1' })).toBe('FAILURE');
    expect(await resultOf({ GIT_REV: 'a', HYDRATOR_DEPLOYMENT_ID: 'dep-1:2' })).toBe('SUCCESS');
    expect(await resultOf({ GIT_REV: 'a', HYDRATOR_DEPLOYMENT_ID: 'dep-2:1' })).toBe('SUCCESS');
  });

  it('keeps a held build running until finish() is called', async () => {
    await boot();
    jenkins.script((params) => (params.HOLD ? { hold: true, durationMs: 1 } : { durationMs: 30 }));
    const held = await client.trigger('deploy/api', { GIT_REV: 'a', HOLD: 'yes' });
    const heldUrl = await client.buildUrlOf(held.headers.get('location')!);
    // A later, unheld build finishing proves time has passed well beyond the held build's duration.
    const other = await client.trigger('deploy/web', { GIT_REV: 'b' });
    await client.resultOf(await client.buildUrlOf(other.headers.get('location')!));

    const running = await client.getJson<BuildJson>(`${heldUrl}api/json`);
    expect(running).toMatchObject({ building: true, result: null, duration: 0 });

    jenkins.finish('deploy/api', 1, 'ABORTED');
    expect((await client.resultOf(heldUrl)).result).toBe('ABORTED');
    expect(() => jenkins.finish('deploy/api', 1, 'SUCCESS')).toThrow(/no running build deploy\/api #1/);
    // builds() lists by start; the held build started first and finished last.
    const [first, second] = jenkins.builds();
    expect([first.jobPath, second.jobPath]).toEqual(['deploy/api', 'deploy/web']);
    expect(second.finishedAtHr!).toBeLessThan(first.finishedAtHr!);
  });

  it('forgets builds, scripts and the timeline on reset()', async () => {
    await boot();
    jenkins.script(() => ({ result: 'FAILURE', durationMs: 5 }));
    await client.trigger('deploy/api', { GIT_REV: 'a' });
    await jenkins.waitFor(() => jenkins.builds().length === 1);

    jenkins.reset();
    expect(jenkins.builds()).toEqual([]);
    expect(jenkins.events()).toEqual([]);
    expect(jenkins.requests).toEqual([]);

    const response = await client.trigger('deploy/api', { GIT_REV: 'a' });
    const build = await client.resultOf(await client.buildUrlOf(response.headers.get('location')!));
    expect(build).toMatchObject({ number: 1, result: 'SUCCESS' });
  });
});
