import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { applicationInput, OPERATOR_TOKEN, TestHydrator } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { formatGraphqlError } from '../apps/gateway/src/graphql/format-error';

type Errors = Array<{ message: string; extensions?: { code?: string; field?: string } }>;

const REGISTER = `mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { name } }`;
const FREEZE = `mutation($name: String!, $reason: String!, $until: DateTime) { freezeApplication(name: $name, reason: $reason, until: $until) { name frozen } }`;
const THAW = `mutation($name: String!) { thawApplication(name: $name) { name } }`;
const FREEZE_ALL = `mutation { freezeAll(reason: "change freeze") { name } }`;

/** Every way an argument's text could reach PostgreSQL or a log line unfit for it. */
const BAD_TEXT: Array<[string, string]> = [
  ['a NUL', 'deploy/a\u0000b'],
  ['a lone surrogate', 'deploy/\ud800'],
  ['a control character', 'deploy/\u001b[31m'],
  ['10,001 characters', 'x'.repeat(10_001)],
];

describe("GraphQL input at the edge: refused as the caller's mistake, never an internal error", () => {
  let hydrator: TestHydrator;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
  });
  afterAll(() => hydrator?.close());
  beforeEach(() => hydrator.resetDatabase());

  const errorsOf = async (query: string, variables: Record<string, unknown> = {}) => ((await hydrator.graphql(query, variables)).errors ?? []) as Errors;
  const freezes = async () => Number((await hydrator.orm.em.fork().getConnection().execute(`select count(*) as n from "freeze"`))[0].n);

  it.each(BAD_TEXT)('refuses %s in any string argument or variable, naming it', async (_, text) => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [REGISTER, { input: applicationInput('api', { jenkinsJob: text }) }, 'input.jenkinsJob'],
      [FREEZE, { name: text, reason: 'incident' }, 'name'],
      [FREEZE, { name: 'api', reason: text }, 'reason'],
      [`mutation($notes: String) { requestRegistrationTicket(input: { name: "api", notes: $notes }) { id } }`, { notes: text }, 'notes'],
      [`query($actor: String) { auditLog(actor: $actor) { id } }`, { actor: text }, 'actor'],
      [`query { auditLog(actor: ${JSON.stringify(text)}) { id } }`, {}, 'actor'],
      [`mutation { freezeApplication(name: "api", reason: ${JSON.stringify(text)}) { name } }`, {}, 'reason'],
    ];
    for (const [query, variables, field] of cases) {
      const errors = (await errorsOf(query, variables)).map((e) => e.extensions);
      // graphql's parser refuses a lone surrogate written as an escape in the query text itself.
      const expected = Object.keys(variables).length === 0 && text.includes('\ud800') ? [{ code: 'GRAPHQL_PARSE_FAILED' }] : [{ code: 'BAD_USER_INPUT', field }];
      expect({ field, errors }).toEqual({ field, errors: expected });
    }
    expect(await freezes()).toBe(0);
  });

  it('refuses a DateTime that is not an ISO-8601 instant, and saves nothing', async () => {
    await hydrator.graphqlOk(REGISTER, { input: applicationInput('api') });
    for (const until of ['garbage', '', 1e20, 12345, true, '275760-09-13T00:00:00Z', '2030-02-30T00:00:00Z', '2030-01-01T10:00:00']) {
      const errors = await errorsOf(FREEZE, { name: 'api', reason: 'incident', until });
      expect({ until, code: errors[0]?.extensions?.code }).toEqual({ until, code: 'BAD_USER_INPUT' });
    }
    for (const literal of ['"garbage"', '""', '1e20', '12345', 'true']) {
      const errors = await errorsOf(`mutation { freezeApplication(name: "api", reason: "incident", until: ${literal}) { name } }`);
      expect({ literal, code: errors[0]?.extensions?.code }).toEqual({ literal, code: 'GRAPHQL_VALIDATION_FAILED' });
    }
    expect((await errorsOf(`query { auditLog(since: "garbage") { id } }`))[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await freezes()).toBe(0);
    const frozen = await hydrator.graphqlOk<{ freezeApplication: { frozen: boolean } }>(FREEZE, { name: 'api', reason: 'incident', until: '2999-01-01' });
    expect(frozen.freezeApplication.frozen).toBe(true);
  });

  it('refuses an empty or unknown application name without freezing or thawing the fleet', async () => {
    expect((await errorsOf(FREEZE, { name: '', reason: 'incident' }))[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect((await errorsOf(FREEZE, { name: 'nope', reason: 'incident' }))[0].extensions?.code).toBe('NOT_FOUND');
    expect(await freezes()).toBe(0);

    await hydrator.graphqlOk(FREEZE_ALL);
    expect((await errorsOf(THAW, { name: '' }))[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect((await errorsOf(THAW, { name: 'nope' }))[0].extensions?.code).toBe('NOT_FOUND');
    const active = await hydrator.orm.em.fork().getConnection().execute(`select count(*) as n from "freeze" where thawed_at is null`);
    expect(Number(active[0].n)).toBe(1);

    expect((await errorsOf(`mutation { runRollout(id: "") { id } }`))[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('caps what an application carries, field by field', async () => {
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ description: 'd'.repeat(4001) }, 'description'],
      [{ owners: Array.from({ length: 51 }, (_, i) => `owner-${i}`) }, 'owners'],
      [{ owners: ['o'.repeat(101)] }, 'owners[0]'],
      [{ githubRepo: 'acme/..' }, 'githubRepo'],
      [{ githubRepo: 'acme/billing/extra' }, 'githubRepo'],
      [{ githubRepo: `${'o'.repeat(40)}/billing` }, 'githubRepo'],
      [{ githubRepo: `acme/${'r'.repeat(101)}` }, 'githubRepo'],
      [{ jenkinsJob: 'deploy/../api' }, 'jenkinsJob'],
      [{ jenkinsJob: 'deploy/a:b' }, 'jenkinsJob'],
      [{ jenkinsJob: `deploy/${'j'.repeat(520)}` }, 'jenkinsJob'],
    ];
    for (const [overrides, field] of refusals) {
      const errors = await errorsOf(REGISTER, { input: applicationInput('api', overrides) });
      expect({ field, errors: errors.map((e) => e.extensions) }).toEqual({ field, errors: [{ code: 'BAD_USER_INPUT', field }] });
    }
    await hydrator.graphqlOk(REGISTER, { input: applicationInput('api', { description: 'd'.repeat(4000), owners: ['o'.repeat(100)], githubRepo: 'acme/.github' }) });
    expect((await errorsOf(FREEZE, { name: 'api', reason: 'r'.repeat(2001) }))[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('answers more than 50 bad variables, where graphql-js gives up counting, as bad input', async () => {
    const errors = await errorsOf(REGISTER, { input: { ...applicationInput('api'), targets: Array.from({ length: 60 }, () => ({})) } });
    expect(errors.length).toBeGreaterThan(50);
    expect(errors.map((error) => error.extensions?.code)).toEqual(errors.map(() => 'BAD_USER_INPUT'));
    expect(errors.at(-1)?.message).toContain('Too many errors processing variables');
  });

  it('answers a subscription sent over HTTP with 400, saying where subscriptions go', async () => {
    const response = await hydrator.post('/graphql', { query: 'subscription { rolloutChanged { id } }' }, { authorization: `Bearer ${OPERATOR_TOKEN}` });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Errors };
    expect(body.errors[0].extensions?.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toContain('WebSocket');
  });

  it('does not take automatic persisted queries, and says so instead of failing', async () => {
    const query = '{ applications { name } }';
    for (const sha256Hash of ['0'.repeat(64), createHash('sha256').update(query).digest('hex')]) {
      const response = await hydrator.post('/graphql', { query, extensions: { persistedQuery: { version: 1, sha256Hash } } }, { authorization: `Bearer ${OPERATOR_TOKEN}` });
      const body = (await response.json()) as { errors: Errors };
      expect(response.status).toBeLessThan(500);
      expect(body.errors[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    }
  });

  it('logs an unexpected error with a capped length', () => {
    const logged: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
    try {
      const huge = new Error(`boom ${'x'.repeat(1024 * 1024)}`);
      const formatted = formatGraphqlError({ message: huge.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, huge);
      expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(formatted.message).not.toContain('xxx');
      expect(logged).toHaveLength(1);
      expect(logged[0].length).toBeLessThanOrEqual(4096);
      expect(logged[0]).toContain('boom');
    } finally {
      spy.mockRestore();
    }
  });
});
