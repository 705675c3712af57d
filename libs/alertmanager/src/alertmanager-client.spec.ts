import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, Socket } from 'node:net';
import { AlertmanagerProcess, RunningAlertmanager } from '@hydrator/testing';
import { AlertmanagerClient } from './alertmanager-client';
import { AlertmanagerError } from './alertmanager-error';
import { deploymentIdOfSilenceComment, SilencedDeployment, silenceCommentMarker, silenceCommentOf, silenceMatchersOf } from './silence-matchers';

const HOUR = 3_600_000;

/** A deployment on a cluster of its own, so that tests sharing one Alertmanager never see each other's silences. */
function deployment(overrides: Partial<SilencedDeployment> = {}): SilencedDeployment {
  return { deploymentId: randomUUID(), application: 'billing', gitRev: 'a1b2c3d', cluster: `prod-${randomUUID().slice(0, 8)}`, namespace: 'billing', ...overrides };
}

function inHours(hours: number): Date {
  return new Date(Date.now() + hours * HOUR);
}

async function rejection(promise: Promise<unknown>): Promise<AlertmanagerError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AlertmanagerError);
  return error as AlertmanagerError;
}

describe('AlertmanagerClient against the real Alertmanager', () => {
  let alertmanager: RunningAlertmanager;
  let client: AlertmanagerClient;

  beforeAll(async () => {
    alertmanager = await AlertmanagerProcess.start();
    client = new AlertmanagerClient(alertmanager.url, { timeoutMs: 5_000 });
  });
  afterAll(() => alertmanager?.stop());

  function silence(target: SilencedDeployment, endsAt = inHours(2)): Promise<string> {
    return client.createSilence({ matchers: silenceMatchersOf(target), endsAt, createdBy: 'hydrator', comment: silenceCommentOf(target) });
  }

  it('creates an active silence on the exact cluster and namespace, with the deployment in its comment', async () => {
    const target = deployment();
    const endsAt = inHours(2);
    const id = await silence(target, endsAt);

    const read = await client.getSilence(id);
    expect(read).toEqual({
      id,
      state: 'active',
      matchers: [
        { name: 'cluster', value: target.cluster, isRegex: false, isEqual: true },
        { name: 'namespace', value: 'billing', isRegex: false, isEqual: true },
      ],
      startsAt: expect.any(Date),
      endsAt,
      updatedAt: expect.any(Date),
      createdBy: 'hydrator',
      comment: `Hydrator deployment ${target.deploymentId}: billing a1b2c3d to ${target.cluster}/billing`,
    });
    expect(Math.abs(read!.startsAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(deploymentIdOfSilenceComment(read!.comment)).toBe(target.deploymentId);
  });

  it('extends an active silence in place: same id, same start, later end, still active', async () => {
    const target = deployment();
    const id = await silence(target);
    const before = await client.getSilence(id);
    const later = inHours(3);

    expect(await client.extendSilence(id, later)).toBe(id);

    const after = await client.getSilence(id);
    expect(after).toMatchObject({ id, state: 'active', startsAt: before!.startsAt, endsAt: later, matchers: before!.matchers, comment: before!.comment });
    // Nothing was expired and recreated behind our back: the target has exactly one silence.
    const all = await client.findSilences(silenceMatchersOf(target));
    expect(all.map((s) => s.id)).toEqual([id]);
  });

  it('never shortens a silence when asked to extend it to an earlier end', async () => {
    const endsAt = inHours(2);
    const id = await silence(deployment(), endsAt);

    expect(await client.extendSilence(id, inHours(1))).toBe(id);
    expect((await client.getSilence(id))!.endsAt).toEqual(endsAt);
  });

  it('recreates an expired silence under a new id when it is extended, keeping matchers and comment', async () => {
    const target = deployment();
    const id = await silence(target);
    await client.expireSilence(id);
    const endsAt = inHours(2);

    const renewed = await client.extendSilence(id, endsAt);

    expect(renewed).not.toBe(id);
    expect(await client.getSilence(renewed)).toMatchObject({ state: 'active', endsAt, comment: silenceCommentOf(target), matchers: (await client.getSilence(id))!.matchers });
    expect((await client.getSilence(id))!.state).toBe('expired');
  });

  it('expires a silence, and expiring it again or expiring an unknown id succeeds', async () => {
    const id = await silence(deployment());

    await client.expireSilence(id);
    const expired = await client.getSilence(id);
    expect(expired!.state).toBe('expired');
    expect(expired!.endsAt.getTime()).toBeLessThanOrEqual(Date.now());

    await expect(client.expireSilence(id)).resolves.toBeUndefined();
    await expect(client.expireSilence(randomUUID())).resolves.toBeUndefined();
    expect((await client.getSilence(id))!.state).toBe('expired');
  });

  it('answers undefined for an unknown silence, and refuses to extend one (404, not retryable)', async () => {
    const unknown = randomUUID();
    expect(await client.getSilence(unknown)).toBeUndefined();

    const error = await rejection(client.extendSilence(unknown, inHours(1)));
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(error.message).toBe(`Alertmanager at ${alertmanager.url} has no silence ${unknown} to extend`);
  });

  it("finds a deployment's silence by its target and comment marker, among others on the same target", async () => {
    const mine = deployment();
    const other = deployment({ cluster: mine.cluster });
    const elsewhere = deployment({ cluster: mine.cluster, namespace: 'ledger' });
    const [mineId, otherId] = [await silence(mine), await silence(other)];
    await silence(elsewhere);
    const target = silenceMatchersOf(mine);

    const found = await client.findSilences(target, { commentContains: silenceCommentMarker(mine.deploymentId) });
    expect(found.map((s) => [s.id, s.state, s.comment])).toEqual([[mineId, 'active', silenceCommentOf(mine)]]);

    const onTarget = await client.findSilences(target);
    expect(onTarget.map((s) => s.id).sort()).toEqual([mineId, otherId].sort());

    await client.expireSilence(mineId);
    expect(await client.findSilences(target, { commentContains: silenceCommentMarker(mine.deploymentId), states: ['active', 'pending'] })).toEqual([]);
    expect((await client.findSilences(target, { commentContains: silenceCommentMarker(mine.deploymentId) })).map((s) => [s.id, s.state])).toEqual([[mineId, 'expired']]);
  });

  it('reports a refused silence with the reason and URL, not retryable', async () => {
    const target = deployment();
    const error = await rejection(client.createSilence({ matchers: silenceMatchersOf(target), endsAt: new Date(Date.now() - HOUR), createdBy: 'hydrator', comment: 'past' }));

    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toBe(`Alertmanager POST ${alertmanager.url}/api/v2/silences answered 400: Failed to create silence: start time must be before end time`);
  });
});

describe('AlertmanagerClient when Alertmanager cannot answer', () => {
  it('fails retryably, naming the URL, once Alertmanager has stopped', async () => {
    const alertmanager = await AlertmanagerProcess.start();
    const client = new AlertmanagerClient(alertmanager.url, { timeoutMs: 2_000 });
    const id = await client.createSilence({ matchers: { cluster: 'prod-1', namespace: 'billing' }, endsAt: inHours(2), createdBy: 'hydrator', comment: 'stopping' });
    await alertmanager.stop();

    const error = await rejection(client.expireSilence(id));

    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toMatch(new RegExp(`^Alertmanager DELETE ${alertmanager.url}/api/v2/silence/${id} is unreachable \\(connect ECONNREFUSED`));
  });

  it('gives up after its timeout, retryably, when Alertmanager accepts the connection but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const client = new AlertmanagerClient(url, { timeoutMs: 300 });
      const started = Date.now();

      const error = await rejection(client.getSilence(randomUUID()));

      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toMatchObject({ retryable: true });
      expect(error.message).toMatch(new RegExp(`^Alertmanager GET ${url}/api/v2/silence/\\S+ gave no answer within 300 ms$`));
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails retryably when a proxy in front of Alertmanager answers 503', async () => {
    const proxy = createHttpServer((_, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<html>503 Service Temporarily Unavailable</html>'));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      const error = await rejection(new AlertmanagerClient(url).createSilence({ matchers: { cluster: 'prod-1' }, endsAt: inHours(2), createdBy: 'hydrator', comment: 'proxy' }));

      expect(error).toMatchObject({ status: 503, retryable: true });
      expect(error.message).toBe(`Alertmanager POST ${url}/api/v2/silences answered 503: <html>503 Service Temporarily Unavailable</html>`);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
