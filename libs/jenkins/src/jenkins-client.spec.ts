import { basicAuth, JenkinsSandbox, JenkinsSandboxOptions, SandboxHandler, SandboxHttpServer, SandboxReply } from '@hydrator/sandbox';
import { JenkinsBuild, JenkinsClient, JenkinsError, JenkinsErrorCode, jobPathToUrlPath } from './index';

const USER = 'hydrator';
const TOKEN = '11aa22bb33cc';
const ID = 'HYDRATOR_DEPLOYMENT_ID';

/** The fields of the JenkinsError a call must fail with. */
function jenkinsError(fields: Partial<Pick<JenkinsError, 'code' | 'status' | 'retryable' | 'message'>>): object {
  return { name: 'JenkinsError', ...fields };
}

describe('JenkinsClient configuration', () => {
  it('refuses a user without a token (and the reverse) when built', () => {
    expect(() => new JenkinsClient({ url: 'http://jenkins', user: USER })).toThrow('JENKINS_USER and JENKINS_TOKEN go together');
    expect(() => new JenkinsClient({ url: 'http://jenkins', token: TOKEN })).toThrow(JenkinsError);
  });
});

describe('JenkinsClient against the Jenkins sandbox', () => {
  let jenkins: JenkinsSandbox;
  let client: JenkinsClient;

  async function boot(options: JenkinsSandboxOptions = {}, credentials: { user?: string; token?: string } = { user: USER, token: TOKEN }): Promise<void> {
    jenkins = new JenkinsSandbox({ auth: { user: USER, token: TOKEN }, defaults: { queueDelayMs: 20, durationMs: 40 }, ...options });
    client = new JenkinsClient({ url: await jenkins.start(), ...credentials }, { timeoutMs: 3000 });
  }

  /** Follows a queue item until it names its build, as the runner's polling fallback does. */
  function startedBuild(queueUrl: string): Promise<{ number: number; url: string }> {
    return jenkins.waitFor(async () => (await client.queueItem(queueUrl)).build, 3000, `${queueUrl} to start`);
  }

  /** Follows a queue item to its build and the build to its end. */
  async function finishedBuild(queueUrl: string): Promise<JenkinsBuild> {
    const { url } = await startedBuild(queueUrl);
    return jenkins.waitFor(
      async () => {
        const build = await client.build(url);
        return !build.building && build;
      },
      3000,
      `${url} to finish`,
    );
  }

  const posts = (): string[] => jenkins.requests.filter((r) => r.method === 'POST').map((r) => r.path);

  afterEach(async () => {
    await jenkins.stop();
  });

  it('triggers with form-encoded parameters, follows the queue item to the build and reads its result', async () => {
    // A queue delay long enough that the first read surely finds the item still waiting.
    await boot({ defaults: { queueDelayMs: 300, durationMs: 40 } });
    const parameters = { GIT_REV: 'abc123', CLUSTER: 'eu-1', NAMESPACE: 'api', [ID]: 'dep-1' };

    const trigger = await client.trigger('deploy/api', parameters);
    expect(trigger).toEqual({ queueUrl: expect.stringMatching(new RegExp(`^${jenkins.url}/queue/item/\\d+/$`)), merged: false });
    expect(await client.queueItem(trigger.queueUrl)).toEqual({ state: 'waiting', why: 'In the quiet period.' });

    const started = await startedBuild(trigger.queueUrl);
    expect(started).toEqual({ number: 1, url: `${jenkins.url}/job/deploy/job/api/1/` });
    expect(await client.queueItem(trigger.queueUrl)).toEqual({ state: 'started', build: started });
    const build = await finishedBuild(trigger.queueUrl);

    const [ran] = jenkins.buildsFor('deploy/api');
    expect(build).toEqual({
      building: false,
      result: 'SUCCESS',
      number: 1,
      url: started.url,
      startedAt: ran.startedAt,
      durationMs: ran.finishedAt!.getTime() - ran.startedAt!.getTime(),
    });
    expect(build.durationMs).toBeGreaterThanOrEqual(30);
    expect(ran.params).toEqual(parameters);

    const [post] = jenkins.requests.filter((r) => r.method === 'POST');
    expect(post.path).toBe('/job/deploy/job/api/buildWithParameters');
    expect(post.headers['content-type']).toContain('application/x-www-form-urlencoded');
    // Parameters travel in the body, not the URL that proxies and Jenkins' access log record.
    expect([...post.query.keys()]).toEqual([]);
    expect(post.headers.authorization).toBe(basicAuth(USER, TOKEN));
    // CSRF protection is off: no crumb was asked for.
    expect(jenkins.requests.some((r) => r.path.startsWith('/crumbIssuer'))).toBe(false);
  });

  it('reads a failed build as FAILURE, and a running one as building without result or duration', async () => {
    await boot();
    jenkins.script((params) => (params[ID] === 'dep-fail' ? { result: 'FAILURE' } : { hold: true }));
    const failed = await finishedBuild((await client.trigger('deploy/api', { [ID]: 'dep-fail' })).queueUrl);
    const running = await startedBuild((await client.trigger('deploy/api', { [ID]: 'dep-hold' })).queueUrl);

    expect(failed).toMatchObject({ building: false, result: 'FAILURE', number: 1 });
    expect(await client.build(running.url)).toEqual({ building: true, result: null, number: 2, url: running.url, startedAt: expect.any(Date), durationMs: undefined });
  });

  it('follows Jenkins URLs printed with another root onto the configured one', async () => {
    await boot();
    const build = await finishedBuild((await client.trigger('deploy/api', { GIT_REV: 'a' })).queueUrl);
    // Jenkins prints its own idea of its root URL, often the default http://localhost:8080/.
    const printed = build.url.replace(jenkins.url, 'http://localhost:8080/jenkins');

    expect(await client.build(printed)).toMatchObject({ number: 1, url: build.url, result: 'SUCCESS' });
    await expect(client.build('http://localhost:8080/queue/')).rejects.toMatchObject(jenkinsError({ code: JenkinsErrorCode.INVALID_INPUT, retryable: false }));
  });

  it('gives the waiting queue item back when Jenkins merges an identical trigger (303)', async () => {
    await boot({ defaults: { queueDelayMs: 60_000 } });
    const parameters = { GIT_REV: 'abc', [ID]: 'dep-9' };
    const first = await client.trigger('deploy/api', parameters);
    const second = await client.trigger('deploy/api', parameters);

    expect(first.merged).toBe(false);
    expect(second).toEqual({ queueUrl: first.queueUrl, merged: true });
    expect(jenkins.queued()).toHaveLength(1);
  });

  it('explains a wrong token (401) and missing credentials (403), neither retryable', async () => {
    await boot({}, { user: USER, token: 'revoked' });
    await expect(client.trigger('deploy/api', { GIT_REV: 'a' })).rejects.toMatchObject(
      jenkinsError({
        status: 401,
        retryable: false,
        code: JenkinsErrorCode.UNAUTHORIZED,
        message: 'Jenkins refused the credentials of user hydrator for job deploy/api (401): check JENKINS_USER/JENKINS_TOKEN',
      }),
    );

    const anonymous = new JenkinsClient({ url: jenkins.url });
    await expect(anonymous.trigger('deploy/api', { GIT_REV: 'a' })).rejects.toMatchObject(
      jenkinsError({
        status: 403,
        retryable: false,
        code: JenkinsErrorCode.FORBIDDEN,
        message: `Jenkins at ${jenkins.url} refused an anonymous request (403) while triggering job deploy/api: set JENKINS_USER and JENKINS_TOKEN (an API token)`,
      }),
    );
    expect(jenkins.queued()).toEqual([]);
    expect(jenkins.builds()).toEqual([]);
  });

  it('fetches a crumb when Jenkins asks for one, and keeps it for later triggers', async () => {
    await boot({ requireCrumb: true });
    await client.trigger('deploy/api', { GIT_REV: 'a' });
    await client.trigger('deploy/api', { GIT_REV: 'b' });

    const trigger = 'POST /job/deploy/job/api/buildWithParameters';
    expect(jenkins.requests.map((r) => `${r.method} ${r.path}`)).toEqual([trigger, 'GET /crumbIssuer/api/json', trigger, trigger]);
    const [refused, first, second] = jenkins.requests.filter((r) => r.method === 'POST').map((r) => r.headers['jenkins-crumb']);
    expect(refused).toBeUndefined();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toBe(first);
    expect(jenkins.queued().map((b) => b.params.GIT_REV)).toEqual(['a', 'b']);
  });

  it('fetches a fresh crumb once when Jenkins no longer accepts the kept one', async () => {
    await boot({ requireCrumb: true });
    await client.trigger('deploy/api', { GIT_REV: 'a' });
    // A restarted Jenkins on the same address: its crumbs are salted afresh.
    const port = Number(new URL(jenkins.url).port);
    await jenkins.stop();
    jenkins = new JenkinsSandbox({ auth: { user: USER, token: TOKEN }, requireCrumb: true }).addJob('deploy/api');
    await jenkins.start(port);
    // The first request after the restart may meet the old server's closed keep-alive connection: retryable.
    await jenkins.waitFor(
      () =>
        client.findByParameter('deploy/api', ID, 'none').then(
          () => true,
          (error: JenkinsError) => (error.retryable ? false : Promise.reject(error)),
        ),
      3000,
      'the restarted Jenkins to answer',
    );
    jenkins.requests.length = 0;

    await client.trigger('deploy/api', { GIT_REV: 'b' });
    expect(jenkins.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST']);
    expect(jenkins.queued().map((b) => b.params.GIT_REV)).toEqual(['b']);
  });

  it('finds queued items and builds by a parameter, the newest first, only on the job asked about', async () => {
    await boot();
    jenkins.script((params) => {
      if (params[ID]?.startsWith('wait-')) return { queueDelayMs: 60_000 };
      if (params[ID] === 'dep-running') return { hold: true };
    });
    const first = await finishedBuild((await client.trigger('deploy/api', { GIT_REV: 'a', [ID]: 'dep-done' })).queueUrl);
    const running = await startedBuild((await client.trigger('deploy/api', { GIT_REV: 'b', [ID]: 'dep-running' })).queueUrl);
    // A second attempt of the same deployment: the newer build is the one found.
    const retried = await finishedBuild((await client.trigger('deploy/api', { GIT_REV: 'a2', [ID]: 'dep-done' })).queueUrl);
    const waiting = await client.trigger('deploy/api', { GIT_REV: 'c', [ID]: 'wait-api' });
    const elsewhere = await client.trigger('deploy/web', { GIT_REV: 'd', [ID]: 'wait-web' });

    expect([first.number, running.number, retried.number]).toEqual([1, 2, 3]);
    expect(await client.findByParameter('deploy/api', ID, 'dep-done')).toEqual({ kind: 'build', number: 3, url: retried.url, building: false, result: 'SUCCESS' });
    expect(await client.findByParameter('deploy/api', ID, 'dep-running')).toEqual({ kind: 'build', number: 2, url: running.url, building: true, result: null });
    expect(await client.findByParameter('deploy/api', ID, 'wait-api')).toEqual({ kind: 'queued', queueUrl: waiting.queueUrl });
    expect(await client.findByParameter('deploy/api', 'GIT_REV', 'a')).toEqual({ kind: 'build', number: 1, url: first.url, building: false, result: 'SUCCESS' });
    expect(await client.findByParameter('deploy/api', ID, 'dep-unknown')).toBeUndefined();
    expect(await client.findByParameter('deploy/api', ID, 'wait-web')).toBeUndefined();
    expect(await client.findByParameter('deploy/web', ID, 'wait-web')).toEqual({ kind: 'queued', queueUrl: elsewhere.queueUrl });
  });

  it('encodes job paths with folders and spaces', async () => {
    await boot();
    const jobPath = 'team apps/api+v2';
    expect(jobPathToUrlPath(jobPath)).toBe('/job/team%20apps/job/api%2Bv2/');
    expect(jobPathToUrlPath('/deploy/api/')).toBe('/job/deploy/job/api/');
    expect(() => jobPathToUrlPath('/')).toThrow('"/" is not a Jenkins job path');

    const build = await finishedBuild((await client.trigger(jobPath, { GIT_REV: 'a', [ID]: 'dep-space' })).queueUrl);
    expect(posts()).toEqual(['/job/team%20apps/job/api%2Bv2/buildWithParameters']);
    expect(jenkins.buildsFor(jobPath).map((b) => b.params)).toEqual([{ GIT_REV: 'a', [ID]: 'dep-space' }]);
    expect(build.url).toBe(`${jenkins.url}/job/team%20apps/job/api%2Bv2/1/`);
    expect(await client.findByParameter(jobPath, ID, 'dep-space')).toMatchObject({ kind: 'build', number: 1, url: build.url });
  });

  it('says which job does not exist (404), not retryable', async () => {
    await boot({ autoCreateJobs: false });
    jenkins.addJob('deploy/api');
    const message = `job deploy/unknown does not exist on ${jenkins.url} (404): check the application's jenkinsJob and that user hydrator may see it`;

    const notFound = jenkinsError({ status: 404, retryable: false, code: JenkinsErrorCode.NOT_FOUND, message });

    await expect(client.trigger('deploy/unknown', { GIT_REV: 'a' })).rejects.toMatchObject(notFound);
    // A missing job holds no build of any attempt: the lookup says so, and the trigger names the problem.
    expect(await client.findByParameter('deploy/unknown', ID, 'x')).toBeUndefined();
    expect(await client.findByParameter('deploy/api', ID, 'x')).toBeUndefined();
  });

  it('says that Jenkins forgot a queue item (404), so the build is to be found by parameter', async () => {
    await boot();
    await expect(client.queueItem(`${jenkins.url}/queue/item/999/`)).rejects.toMatchObject(
      jenkinsError({ status: 404, retryable: false, message: expect.stringContaining('find the build by its parameters') }),
    );
  });

  it('fails with a retryable error when Jenkins is down (connection refused)', async () => {
    await boot();
    const url = jenkins.url;
    await jenkins.stop();

    await expect(client.trigger('deploy/api', { GIT_REV: 'a' })).rejects.toMatchObject(
      jenkinsError({
        retryable: true,
        status: undefined,
        code: JenkinsErrorCode.UNREACHABLE,
        message: `cannot reach Jenkins at ${url} while triggering job deploy/api (ECONNREFUSED): check JENKINS_URL and that Jenkins is up`,
      }),
    );
  });
});

describe('JenkinsClient against a Jenkins in trouble', () => {
  let server: SandboxHttpServer;

  /** A server answering every request with `reply` (or never, when it returns a promise that never settles). */
  async function troubled(reply: SandboxHandler, timeoutMs = 3000): Promise<JenkinsClient> {
    server = new SandboxHttpServer('troubled jenkins').route('GET', '/*rest', reply).route('POST', '/*rest', reply);
    return new JenkinsClient({ url: await server.start(), user: USER, token: TOKEN }, { timeoutMs });
  }

  afterEach(async () => {
    await server.stop();
  });

  it('times out a request that gets no answer, as a retryable error', async () => {
    const client = await troubled(() => new Promise<SandboxReply>(() => undefined), 200);
    const startedAt = Date.now();
    await expect(client.build(`${server.url}/job/deploy/job/api/1/`)).rejects.toMatchObject(
      jenkinsError({
        retryable: true,
        status: undefined,
        code: JenkinsErrorCode.TIMEOUT,
        message: `Jenkins at ${server.url} did not answer within 200 ms while reading build ${server.url}/job/deploy/job/api/1/`,
      }),
    );
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });

  it.each([503, 429])('treats %i as retryable', async (status) => {
    const client = await troubled(() => ({ status, body: '<html><body>Jenkins is getting ready to work</body></html>' }));
    await expect(client.trigger('deploy/api', { GIT_REV: 'a' })).rejects.toMatchObject(jenkinsError({ status, retryable: true, code: JenkinsErrorCode.UNAVAILABLE }));
  });

  it('rejects an HTML page where JSON was expected, naming the likely cause', async () => {
    const client = await troubled(() => ({ body: '<html><title>Sign in</title><body>Please sign in</body></html>' }));
    await expect(client.queueItem(`${server.url}/queue/item/1/`)).rejects.toMatchObject(
      jenkinsError({
        retryable: false,
        code: JenkinsErrorCode.UNEXPECTED_ANSWER,
        message: expect.stringContaining('answered with something other than JSON ("Sign in Please sign in")'),
      }),
    );
  });

  it('explains a Jenkins that asks for a crumb but issues none', async () => {
    const client = await troubled((req) => (req.path.startsWith('/crumbIssuer') ? { status: 404 } : { status: 403, body: 'HTTP ERROR 403 No valid crumb was included in the request' }));
    await expect(client.trigger('deploy/api', { GIT_REV: 'a' })).rejects.toMatchObject(
      jenkinsError({ status: 403, retryable: false, code: JenkinsErrorCode.FORBIDDEN, message: expect.stringContaining('(403 No valid crumb) but issues none') }),
    );
  });
});
