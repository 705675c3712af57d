import { SYSTEM_ACTOR } from '@hydrator/audit';
import { GitHubSandbox } from '@hydrator/sandbox';
import { ScheduleService } from '@hydrator/scheduling';
import { applicationInput, jenkinsNotification, TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';

const MONDAY = new Date('2026-11-30T09:00:00Z');
const PREVIEW = `query($id: ID!, $rev: String!) { shortlogPreview(deploymentId: $id, gitRev: $rev) { author count subjects } }`;
const DEPLOYMENT = `query($id: ID!) { deployment(id: $id) { gitRev shortlog { author count } } }`;

/** The shortlog the dashboard shows before an operator saves a new rev: what setDeploymentRev would record, recording nothing. */
describe('shortlogPreview', () => {
  let hydrator: TestHydrator;
  const github = new GitHubSandbox();
  let base: string;
  let planned: string;
  let later: string[];
  let deploymentId: string;

  beforeAll(async () => {
    await github.start();
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule], env: { HYDRATOR_TIMEZONE: 'UTC', GITHUB_API_URL: github.url } });
    await hydrator.resetDatabase();
    [base, planned] = github.addCommits('acme/billing', [
      { author: 'Ada', message: 'base' },
      { author: 'Ada', message: 'Planned change' },
    ]);
    later = github.addCommits('acme/billing', [
      { author: 'Grace', message: 'Faster export\n\nbody' },
      { author: 'Ada', message: 'Fix totals' },
      { author: 'Grace', message: 'Retry on 503' },
    ]);
    await hydrator.graphqlOk(`mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`, {
      input: applicationInput('billing', { targets: applicationInput('billing').targets.slice(0, 2) }),
    });
    let number = 0;
    for (const [cluster, rev] of [
      ['prod-us', base],
      ['stage-1', planned],
    ]) {
      const notification = jenkinsNotification({
        job: 'deploy/billing',
        number: ++number,
        rev,
        cluster,
        environment: cluster === 'stage-1' ? 'staging' : 'production',
        namespace: 'billing',
        timestamp: Date.parse('2026-11-20T10:00:00Z'),
        duration: 1000,
      });
      expect((await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET}`, notification)).status).toBe(202);
    }
    const em = hydrator.orm.em.fork();
    await hydrator.waitFor(async () => Number((await em.getConnection().execute(`select count(*)::int as n from deployment_report where target_id is not null`))[0].n) === 2, 'both reports');
    const { rollout } = await hydrator.app.get(ScheduleService).schedule(SYSTEM_ACTOR, MONDAY);
    [{ id: deploymentId }] = await em.getConnection().execute(`select id from deployment where rollout_id = ?`, [rollout.id]);
  });
  afterAll(async () => {
    await hydrator?.close();
    await github.stop();
  });

  it('lists the commits from the previous rev to the new one by author, for a viewer, and changes nothing', async () => {
    const before = await hydrator.graphqlOk(DEPLOYMENT, { id: deploymentId });
    expect(before).toEqual({ deployment: { gitRev: planned, shortlog: [{ author: 'Ada', count: 1 }] } });

    const { shortlogPreview } = await hydrator.graphqlOk(PREVIEW, { id: deploymentId, rev: later[2] }, VIEWER_TOKEN);
    expect(shortlogPreview).toEqual([
      { author: 'Ada', count: 2, subjects: ['Planned change', 'Fix totals'] },
      { author: 'Grace', count: 2, subjects: ['Faster export', 'Retry on 503'] },
    ]);
    // A branch resolves as setDeploymentRev resolves it.
    expect((await hydrator.graphqlOk(PREVIEW, { id: deploymentId, rev: 'main' })).shortlogPreview).toEqual(shortlogPreview);
    expect(await hydrator.graphqlOk(DEPLOYMENT, { id: deploymentId })).toEqual(before);
  });

  it('is empty for the previous rev itself', async () => {
    expect(await hydrator.graphqlOk(PREVIEW, { id: deploymentId, rev: base })).toEqual({ shortlogPreview: [] });
  });

  it('refuses a rev the repository does not have, and an unknown deployment, naming them', async () => {
    const unknownRev = await hydrator.graphql(PREVIEW, { id: deploymentId, rev: 'f'.repeat(40) });
    expect(unknownRev.errors?.[0]).toMatchObject({ message: expect.stringContaining('does not exist in acme/billing'), extensions: { code: 'BAD_USER_INPUT', field: 'gitRev' } });
    const notARev = await hydrator.graphql(PREVIEW, { id: deploymentId, rev: '../etc' });
    expect(notARev.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'gitRev' } });
    for (const id of ['00000000-0000-0000-0000-000000000000', 'not-an-id']) {
      const unknown = await hydrator.graphql(PREVIEW, { id, rev: later[0] });
      expect(unknown.errors?.[0]).toMatchObject({ message: `deployment ${id} does not exist`, extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('needs a token', async () => {
    const anonymous = await fetch(`${hydrator.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PREVIEW, variables: { id: deploymentId, rev: 'main' } }),
    });
    expect(anonymous.status).toBe(401);
  });
});
