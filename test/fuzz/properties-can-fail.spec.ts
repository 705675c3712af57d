import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { jenkinsNotification } from '@hydrator/testing';
import { serverFault } from './edge-invariants';
import { checkInvocation, GraphqlTarget } from './graphql-properties';
import { OperationField } from './graphql-schema';
import { checkSameReport, checkWebhookRequest, WebhookTarget } from './webhook-properties';
import { WebhookRequest } from './webhook-requests';

/**
 * The fuzz properties must be able to fail: each is run here against a deliberately broken webhook or
 * GraphQL endpoint (a fake server) and must reject it. A property that cannot fail would pass the fuzz suite forever.
 */
describe('fuzz properties against known-bad answers', () => {
  let server: Server;
  let rows = 0;
  /** What the fake answers next, and whether it "stores" a row while doing so. */
  let behaviour: { status: number; body: unknown; stores: boolean };
  let target: WebhookTarget;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume().on('end', () => {
        if (behaviour.stores) rows++;
        response.writeHead(behaviour.status, { 'content-type': 'application/json' }).end(JSON.stringify(behaviour.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    target = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secret: 's3cret', storedRows: async () => rows };
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const valid: WebhookRequest = { auth: 'query', contentType: 'application/json', body: { json: jenkinsNotification() } };

  it('rejects a 5xx and an INTERNAL_SERVER_ERROR', async () => {
    behaviour = { status: 500, body: { error: 'INTERNAL_SERVER_ERROR' }, stores: false };
    await expect(checkWebhookRequest(target, valid)).rejects.toThrow(/answered 500/);
    expect(serverFault({ status: 200, body: { errors: [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } })).toMatch(/INTERNAL_SERVER_ERROR/);
  });

  it('rejects a refused request that stored a row', async () => {
    behaviour = { status: 400, body: { error: 'BAD_USER_INPUT' }, stores: true };
    await expect(checkWebhookRequest(target, valid)).rejects.toThrow(/answered 400 .* yet stored 1 jenkins_webhook row/);
  });

  it('rejects a report accepted without the secret', async () => {
    behaviour = { status: 202, body: { accepted: true, duplicate: true, id: 'a' }, stores: false };
    await expect(checkWebhookRequest(target, { ...valid, auth: 'none' })).rejects.toThrow(/accepted without the secret/);
  });

  it('rejects a refused mutation that changed a table, and data given without a token', async () => {
    behaviour = { status: 200, body: { errors: [{ message: 'no', extensions: { code: 'BAD_USER_INPUT' } }], data: null }, stores: false };
    let audit = 0;
    const graphql: GraphqlTarget = { url: target.url, tokens: { operator: 'o', viewer: 'v' }, counts: async () => ({ audit_event: audit++ }) };
    const thaw: OperationField = { operation: 'mutation', name: 'thawAll', args: [], returns: { name: 'Application', isObject: true } };
    await expect(checkInvocation(graphql, thaw, { field: 'thawAll', form: 'inline', token: 'operator', args: {} })).rejects.toThrow(/refused .* yet changed audit_event 0 → 1/);
    behaviour = { status: 200, body: { data: { thawAll: [] } }, stores: false };
    await expect(checkInvocation(graphql, thaw, { field: 'thawAll', form: 'inline', token: 'none', args: {} })).rejects.toThrow(/with data to a none token/);
  });

  it('rejects a report stored twice, or answered as new twice', async () => {
    let id = 0;
    server.removeAllListeners('request');
    server.on('request', (request, response) =>
      request.resume().on('end', () => {
        rows++;
        response.writeHead(202).end(JSON.stringify({ accepted: true, duplicate: false, id: String(++id) }));
      }),
    );
    await expect(checkWebhookRequest(target, valid)).rejects.toThrow(/posted twice/);
    await expect(checkSameReport(target, [valid, valid], false)).rejects.toThrow(/as 2 different webhook\(s\), storing 2 row/);
  });
});
