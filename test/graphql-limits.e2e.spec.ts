import { TestHydrator, OPERATOR_TOKEN } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';

const ROLLOUT_PAGE = `query($id: ID!) { rollout(id: $id) { id deployments { id status gitRev
  application { name frozen targets { cluster } dependsOn { name } }
  target { cluster order currentRev } } } }`;

/** Builds a rollout of `applications` × 5 production targets with plain SQL (fast and exact). */
async function seedRollout(hydrator: TestHydrator, applications: number): Promise<string> {
  const connection = hydrator.orm.em.fork().getConnection();
  await connection.execute(
    `insert into application (id, name, github_repo, slack_channel, jenkins_job, owners, created_at, updated_at)
     select gen_random_uuid(), 'app-' || i, 'acme/app-' || i, '#team-' || i, 'deploy/app-' || i, '{}', now(), now() from generate_series(1, ?) i`,
    [applications],
  );
  await connection.execute(
    `insert into target (id, application_id, cluster, environment, namespace, role, position, created_at)
     select gen_random_uuid(), a.id, 'prod-' || p, 'production', a.name, 'PRODUCTION', p, now() from application a, generate_series(0, 4) p`,
  );
  const [rollout] = await connection.execute(`insert into rollout (id, kind, status, skipped, created_at, updated_at) values (gen_random_uuid(), 'WEEKLY', 'PLANNED', '[]', now(), now()) returning id`);
  await connection.execute(
    `insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, created_at, updated_at)
     select gen_random_uuid(), ?, t.application_id, t.id, 'rev', '[]', 'SCHEDULED', 0, now(), now() from target t`,
    [rollout.id],
  );
  return rollout.id as string;
}

describe('GraphQL reads, limits and protections', () => {
  let hydrator: TestHydrator;
  let queries = 0;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
    hydrator.orm.em.getConnection().getKnex().on('query', () => queries++);
  });
  afterAll(() => hydrator?.close());
  beforeEach(() => hydrator.resetDatabase());

  async function countQueries(run: () => Promise<unknown>): Promise<number> {
    const before = queries;
    await run();
    return queries - before;
  }

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
