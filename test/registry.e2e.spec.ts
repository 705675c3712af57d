import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { applicationInput, TestHydrator, VIEWER_TOKEN } from '@hydrator/testing';

const APPLICATION_FIELDS = `id name githubRepo slackChannel jenkinsJob frozen frozenReason
  targets { id cluster environment namespace role order currentRev }
  dependsOn { name } dependents { name }`;

const REGISTER = `mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
const ADD_DEPENDENCY = `mutation($a: String!, $b: String!) { addDependency(application: $a, dependsOn: $b) { name dependsOn { name } } }`;

describe('registry through GraphQL', () => {
  let hydrator: TestHydrator;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule] });
  });
  afterAll(() => hydrator?.close());
  beforeEach(() => hydrator.resetDatabase());

  it('registers an application with its targets, ordered, and audits it', async () => {
    const data = await hydrator.graphqlOk<{ registerApplication: { name: string; targets: Array<{ role: string; order: number; cluster: string }> } }>(REGISTER, {
      input: applicationInput('api'),
    });
    expect(data.registerApplication.name).toBe('api');
    expect(data.registerApplication.targets.map((t) => `${t.role}:${t.cluster}:${t.order}`)).toEqual(['PRODUCTION:prod-us:0', 'PRODUCTION:prod-eu:1', 'PROTOTYPE:stage-1:0']);
    const audit = await hydrator.orm.em.fork().getConnection().execute(`select actor, action from audit_event`);
    expect(audit).toEqual([{ actor: 'test-operator', action: 'application.register' }]);
  });

  it('refuses a duplicate name with CONFLICT naming the field', async () => {
    await hydrator.graphqlOk(REGISTER, { input: applicationInput('api') });
    const result = await hydrator.graphql(REGISTER, { input: applicationInput('api') });
    expect(result.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'name' });
    expect(result.errors?.[0].message).toContain('"api" is already registered');
  });

  it.each([
    ['name', { name: 'Not A Slug' }, 'name'],
    ['githubRepo', { githubRepo: 'no-owner' }, 'githubRepo'],
    ['slackChannel', { slackChannel: 'team channel' }, 'slackChannel'],
    ['a missing production target', { targets: [{ cluster: 's', environment: 'staging', namespace: 'api', role: 'PROTOTYPE' }] }, 'targets'],
    ['a bad namespace', { targets: [{ cluster: 's', environment: 'staging', namespace: 'API_NS', role: 'PROTOTYPE' }] }, 'targets[0].namespace'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, overrides, field) => {
    const result = await hydrator.graphql(REGISTER, { input: applicationInput('api', overrides) });
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await hydrator.graphqlOk(`{ applications { name } }`)).toEqual({ applications: [] });
  });

  it('refuses two targets on the same cluster and environment', async () => {
    const input = applicationInput('api');
    input.targets.push({ ...input.targets[1], namespace: 'other' });
    const result = await hydrator.graphql(REGISTER, { input });
    expect(result.errors?.[0].message).toContain('one target per cluster and environment (prod-us/production)');
  });

  it('refuses a dependency that closes a cycle, naming the cycle', async () => {
    for (const name of ['a', 'b', 'c']) await hydrator.graphqlOk(REGISTER, { input: applicationInput(name) });
    await hydrator.graphqlOk(ADD_DEPENDENCY, { a: 'a', b: 'b' });
    await hydrator.graphqlOk(ADD_DEPENDENCY, { a: 'b', b: 'c' });
    const result = await hydrator.graphql(ADD_DEPENDENCY, { a: 'c', b: 'a' });
    expect(result.errors?.[0]).toMatchObject({
      message: 'dependency would create a cycle: c → a → b → c',
      extensions: { code: 'CONFLICT' },
    });
    const graph = await hydrator.graphqlOk<{ application: { dependsOn: Array<{ name: string }>; dependents: Array<{ name: string }> } }>(
      `{ application(name: "b") { dependsOn { name } dependents { name } } }`,
    );
    expect(graph.application).toEqual({ dependsOn: [{ name: 'c' }], dependents: [{ name: 'a' }] });
  });

  it('names an unknown application in NOT_FOUND', async () => {
    await hydrator.graphqlOk(REGISTER, { input: applicationInput('a') });
    const result = await hydrator.graphql(ADD_DEPENDENCY, { a: 'a', b: 'ghost' });
    expect(result.errors?.[0]).toMatchObject({ message: 'application "ghost" is not registered', extensions: { code: 'NOT_FOUND' } });
  });

  it('lets a viewer read but not mutate, and an anonymous caller do neither', async () => {
    const asViewer = await hydrator.graphql(REGISTER, { input: applicationInput('api') }, VIEWER_TOKEN);
    expect(asViewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await hydrator.graphql(`{ applications { name } }`, {}, VIEWER_TOKEN)).data).toEqual({ applications: [] });
    const anonymous = await hydrator.graphql(`{ applications { name } }`, {}, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data ?? null).toBeNull();
  });

  it('edits an application, and adds and removes targets under the role rules', async () => {
    await hydrator.graphqlOk(REGISTER, { input: applicationInput('api') });
    const updated = await hydrator.graphqlOk<{ updateApplication: { slackChannel: string; githubRepo: string } }>(
      `mutation { updateApplication(name: "api", input: { slackChannel: "#payments" }) { slackChannel githubRepo } }`,
    );
    expect(updated.updateApplication).toEqual({ slackChannel: '#payments', githubRepo: 'acme/api' });
    const added = await hydrator.graphqlOk<{ addTarget: { id: string; order: number } }>(
      `mutation { addTarget(application: "api", input: { cluster: "prod-ap", environment: "production", namespace: "api", role: PRODUCTION }) { id order } }`,
    );
    expect(added.addTarget.order).toBe(2);
    const { application } = await hydrator.graphqlOk<{ application: { targets: Array<{ id: string; role: string }> } }>(`{ application(name: "api") { targets { id role } } }`);
    const prototype = application.targets.find((t) => t.role === 'PROTOTYPE')!;
    const lastPrototype = await hydrator.graphql(`mutation($id: String!) { removeTarget(id: $id) { name } }`, { id: prototype.id });
    expect(lastPrototype.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(lastPrototype.errors?.[0].message).toContain('must keep at least one PROTOTYPE target');
    const removed = await hydrator.graphqlOk<{ removeTarget: { targets: unknown[] } }>(`mutation($id: String!) { removeTarget(id: $id) { targets { id } } }`, { id: added.addTarget.id });
    expect(removed.removeTarget.targets).toHaveLength(3);
  });
});
