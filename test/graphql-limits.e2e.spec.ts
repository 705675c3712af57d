import { TestHydrator, OPERATOR_TOKEN } from '@hydrator/testing';
import WebSocket from 'ws';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { queryCounter, seedRollout } from './support/seeded-rollout';

const ROLLOUT_PAGE = `query($id: ID!) { rollout(id: $id) { id deployments { id status gitRev
  application { name frozen targets { cluster } dependsOn { name } }
  target { cluster order currentRev } } } }`;

describe('GraphQL reads, limits and protections', () => {
  let hydrator: TestHydrator;
  let countQueries: (run: () => Promise<unknown>) => Promise<number>;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
    countQueries = queryCounter(hydrator);
  });
  afterAll(() => hydrator?.close());
  beforeEach(() => hydrator.resetDatabase());

  it('reads a rollout of 500 deployments with their applications and targets in a constant number of SQL queries', async () => {
    const small = await seedRollout(hydrator, 20);
    const smallCount = await countQueries(() => hydrator.graphqlOk(ROLLOUT_PAGE, { id: small }));
    await hydrator.resetDatabase();
    const large = await seedRollout(hydrator, 100);
    let page: { rollout: { deployments: unknown[] } } | undefined;
    const largeCount = await countQueries(async () => (page = await hydrator.graphqlOk(ROLLOUT_PAGE, { id: large })));
    expect(page!.rollout.deployments).toHaveLength(500);
    expect(largeCount).toBe(smallCount);
    expect(largeCount).toBeLessThanOrEqual(12);
  });

  it('refuses a query nested too deep, before running it', async () => {
    const deep = `{ applications { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { dependsOn { name } } } } } } } } } } }`;
    const result = await hydrator.graphql(deep);
    // Apollo reports every validation rule's refusal as GRAPHQL_VALIDATION_FAILED.
    expect(result.errors?.[0]).toMatchObject({ message: 'the query is nested 11 levels deep; the limit is 10', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(result.data).toBeUndefined();
  });

  it('refuses a query that could return too many objects, and says what to do', async () => {
    const wide = `{ rollouts(limit: 200) { deployments { application { targets { cluster currentRev } dependents { name } } } } }`;
    const result = await hydrator.graphql(wide);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(/could return about \d+ objects; the limit is 20000: ask for fewer fields or pass a smaller limit/);
  });

  /** `fragment F0 on Query { ...F1 ...F1 }` … down to F<k>: 1 KB of text that names 2^k fields. */
  function fragmentBomb(k: number): string {
    const fragments = Array.from({ length: k }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
    return `query { ...F0 } ${fragments.join(' ')} fragment F${k} on Query { applications { name } }`;
  }

  it('measures a query in time linear in its size: a fragment that doubles 22 times is refused at once, and the gateway keeps answering', async () => {
    const started = Date.now();
    const refused = hydrator.post('/graphql', { query: fragmentBomb(22) }, { authorization: `Bearer ${OPERATOR_TOKEN}` });
    const health = await fetch(`${hydrator.url}/health/live`);
    expect(health.status).toBe(200);
    const response = await refused;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/could return about \d+ objects; the limit is 20000/);
  });

  it('still counts a fragment each time it is spread', async () => {
    const result = await hydrator.graphql(fragmentBomb(10)); // 1024 × (applications + 25 names)
    expect(result.errors?.[0].message).toMatch(/could return about 26624 objects/);
    expect((await hydrator.graphql(fragmentBomb(3))).data).toEqual({ applications: [] });
  });

  it('refuses an anonymous request with 401 before reading its query, and still serves GraphiQL without a token', async () => {
    const response = await hydrator.post('/graphql', { query: fragmentBomb(40) });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toContain('Authorization: Bearer');
    expect((await hydrator.post('/graphql', { query: '{ applications { name } }' }, { authorization: 'Bearer not-a-token' })).status).toBe(401);

    // A browser opening /graphql is sent to the bundled GraphiQL, which loads without a token.
    const redirect = await fetch(`${hydrator.url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/api']);
    const page = await fetch(`${hydrator.url}/api`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="graphiql">');
  });

  it('closes a WebSocket whose message is larger than 64 KiB (1009) before authentication', async () => {
    const socket = new WebSocket(`${hydrator.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('keeps Apollo CSRF prevention on: a simple cross-site request is refused', async () => {
    const response = await fetch(`${hydrator.url}/graphql?query=${encodeURIComponent('{ applications { name } }')}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });

  it('can turn introspection and GraphiQL off for production', async () => {
    const locked = await TestHydrator.start({ modules: [GatewayModule], env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const result = await locked.graphql(`{ __schema { queryType { name } } }`);
      expect(result.errors?.[0].message).toContain('introspection');
      expect((await locked.graphql(`{ applications { name } }`)).data).toEqual({ applications: [] });
    } finally {
      await locked.close();
    }
  });
});
