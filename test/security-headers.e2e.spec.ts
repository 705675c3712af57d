import { spawn, ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { freePort, OPERATOR_TOKEN, TestHydrator, waitFor } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { redisAnswers } from '../apps/hydrator/src/local-infrastructure';

function policyOf(response: Response): Map<string, string> {
  const header = response.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

describe('security headers', () => {
  let hydrator: TestHydrator;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
  });
  afterAll(() => hydrator?.close());

  const basicAuth = `Basic ${Buffer.from(`ops:${OPERATOR_TOKEN}`).toString('base64')}`;
  it.each([
    ['the liveness probe', '/health/live', {}],
    ['the readiness probe', '/health/ready', {}],
    ['the webhook', '/webhooks/jenkins', {}],
    ['a cancel link, refused', '/api/cancel-links/00000000-0000-0000-0000-000000000000?token=nope', {}],
    ['GraphiQL', '/api', {}],
    ['Bull Board, refused', '/admin/queues', {}],
    ['Bull Board, signed in', '/admin/queues', { authorization: basicAuth }],
    ['the dashboard', '/', {}],
    ['a dashboard asset, missing', '/assets/nope.js', {}],
    ['a missing route', '/no/such/page', {}],
  ])('%s (%s) cannot be framed and is not sniffed', async (_what, path, headers) => {
    const response = await fetch(`${hydrator.url}${path}`, { headers });
    const policy = policyOf(response);
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('lets JSON answers load nothing at all', async () => {
    const policy = policyOf(await fetch(`${hydrator.url}/health/live`));
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBeUndefined();
  });

  it('lets the Bull Board page run its own scripts only', async () => {
    const response = await fetch(`${hydrator.url}/admin/queues`, { headers: { authorization: basicAuth } });
    expect(response.status).toBe(200);
    expect(policyOf(response).get('script-src')).toBe("'self'");
  });
});

describe('readiness probe', () => {
  let redisServer: ChildProcess;
  let redisPort: number;
  let hydrator: TestHydrator;

  beforeAll(async () => {
    // A Redis of this test's own, so that pausing it troubles no other test.
    redisPort = await freePort();
    redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(() => redisAnswers(`redis://127.0.0.1:${redisPort}`), 'a private redis-server');
    hydrator = await TestHydrator.start({ modules: [GatewayModule], env: { REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
  });
  afterAll(async () => {
    await hydrator?.close();
    redisServer?.kill('SIGKILL');
  });

  it('says which dependency is down but not why, to an anonymous caller', async () => {
    expect((await fetch(`${hydrator.url}/health/ready`)).status).toBe(200);
    const admin = new Redis({ port: redisPort, host: '127.0.0.1' });
    try {
      // Every client of this Redis stalls for 4 s: the probe's 2 s timeout fires.
      await admin.call('CLIENT', 'PAUSE', '4000', 'ALL');
      const response = await fetch(`${hydrator.url}/health/ready`);
      const body = (await response.json()) as Record<string, unknown>;
      expect(response.status).toBe(503);
      expect(body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } } });
      expect(JSON.stringify(body)).not.toMatch(/message|no answer|ms|ECONN|127\.0\.0\.1/);
    } finally {
      await admin.call('CLIENT', 'UNPAUSE').catch(() => undefined);
      admin.disconnect();
    }
    await waitFor(async () => (await fetch(`${hydrator.url}/health/ready`)).status === 200, 'ready again');
  });
});
