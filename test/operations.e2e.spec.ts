import { GitHubSandbox, JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JenkinsSandbox, JiraSandbox } from '@hydrator/sandbox';
import { TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { createJobs, planFleet, waitForRollout } from './support/rollout-fixture';

type Errors = Array<{ message: string; extensions?: { code?: string; field?: string } }>;

describe('operating live', () => {
  let hydrator: TestHydrator;
  const jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 5, durationMs: 30 } });
  const github = new GitHubSandbox();
  const jira = new JiraSandbox();
  const fleet = { applications: [{ name: 'api' }, { name: 'web', dependsOn: ['api'] }] };
  let deployments: Array<{ id: string; application: string; cluster: string }>;
  let rolloutId: string;

  beforeAll(async () => {
    const [jenkinsUrl] = await Promise.all([jenkins.start(), github.start(), jira.start()]);
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule, NotifierModule],
      env: {
        JENKINS_URL: jenkinsUrl,
        GITHUB_API_URL: github.url,
        JIRA_HOST: jira.url,
        JIRA_EMAIL: JIRA_SANDBOX_EMAIL,
        JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN,
        JIRA_PROJECT: 'HYD',
        JENKINS_POLL_INTERVAL: '300ms',
      },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    createJobs(jenkins, fleet);
  });
  afterAll(async () => {
    await hydrator?.close();
    await Promise.all([jenkins.stop(), github.stop(), jira.stop()]);
  });
  beforeEach(async () => {
    jenkins.reset();
    await hydrator.resetDatabase();
    rolloutId = await planFleet(hydrator, fleet);
    deployments = await hydrator.orm.em
      .fork()
      .getConnection()
      .execute(`select d.id, a.name as application, t.cluster from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id order by a.name, t.position`);
  });

  const errorsOf = async (query: string, variables: Record<string, unknown> = {}, token?: string) => ((await hydrator.graphql(query, variables, token)).errors ?? []) as Errors;
  const deployment = (application: string, cluster = 'prod-0') => deployments.find((d) => d.application === application && d.cluster === cluster)!.id;
  const CANCEL = `mutation($id: ID!, $reason: String!) { cancelDeployment(id: $id, reason: $reason) { status changedBy } }`;
  const SET_REV = `mutation($id: ID!, $rev: String!) { setDeploymentRev(id: $id, gitRev: $rev) { gitRev shortlog { author count subjects } } }`;
  const FREEZE = `mutation($name: String!, $reason: String!, $until: DateTime) { freezeApplication(name: $name, reason: $reason, until: $until) { name frozen frozenReason } }`;
  const FROZEN = `query($name: String!) { application(name: $name) { frozen frozenReason } }`;

  it('cancels a scheduled deployment, audited, and refuses without a reason or once it ran', async () => {
    expect((await errorsOf(CANCEL, { id: deployment('api'), reason: '  ' }))[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await errorsOf(CANCEL, { id: '00000000-0000-0000-0000-000000000000', reason: 'x' }))[0].extensions?.code).toBe('NOT_FOUND');
    const canceled = await hydrator.graphqlOk<{ cancelDeployment: { status: string; changedBy: string } }>(CANCEL, { id: deployment('web'), reason: 'web team asked: release notes not ready' });
    expect(canceled.cancelDeployment).toEqual({ status: 'CANCELED', changedBy: 'test-operator' });

    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
    const ran = await errorsOf(CANCEL, { id: deployment('api'), reason: 'too late' });
    expect(ran[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(ran[0].message).toContain('is SUCCEEDED: only a deployment that has not started');
    // The canceled web/prod-0 never reached Jenkins; web's other target did.
    expect(jenkins.buildsFor('deploy/web').map((b) => b.params.CLUSTER)).toEqual(['prod-1']);
    const audit = await hydrator.graphqlOk<{ auditLog: Array<{ action: string; actor: string; details: string }> }>(`{ auditLog(action: "deployment.cancel") { action actor details } }`);
    expect(audit.auditLog).toHaveLength(1);
    expect(JSON.parse(audit.auditLog[0].details)).toMatchObject({ application: 'web', reason: 'web team asked: release notes not ready' });
  });

  it('edits the rev of a scheduled deployment only to a rev GitHub has, recomputing the shortlog', async () => {
    const [newRev] = github.addCommits('acme/api', [{ author: 'Grace', message: 'hotfix' }]);
    const missing = await errorsOf(SET_REV, { id: deployment('api'), rev: 'deadbeef' });
    expect(missing[0]).toMatchObject({ message: 'gitRev: deadbeef does not exist in acme/api (checked with GitHub)', extensions: { code: 'BAD_USER_INPUT', field: 'gitRev' } });
    expect((await errorsOf(SET_REV, { id: deployment('api'), rev: '../../etc' }))[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'gitRev' });
    // A short sha or a branch is pinned to the full sha it names now: Jenkins is only ever given a sha.
    const edited = await hydrator.graphqlOk<{ setDeploymentRev: { gitRev: string } }>(SET_REV, { id: deployment('api'), rev: newRev.slice(0, 9) });
    expect(edited.setDeploymentRev.gitRev).toBe(newRev);
    const byBranch = await hydrator.graphqlOk<{ setDeploymentRev: { gitRev: string } }>(SET_REV, { id: deployment('api'), rev: 'main' });
    expect(byBranch.setDeploymentRev.gitRev).toBe(newRev);
    await hydrator.graphqlOk(CANCEL, { id: deployment('api', 'prod-1'), reason: 'not this one' });
    expect((await errorsOf(SET_REV, { id: deployment('api', 'prod-1'), rev: newRev }))[0].message).toContain('only be edited while the deployment is SCHEDULED; it is CANCELED');
  });

  it('freezes and thaws an application and the fleet, and an expired freeze lifts by itself', async () => {
    expect((await errorsOf(FREEZE, { name: 'api', reason: 'r', until: new Date(Date.now() - 1000).toISOString() }))[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'until' });
    expect((await errorsOf(`mutation { thawApplication(name: "api") { name } }`))[0].extensions?.code).toBe('CONFLICT');
    const frozen = await hydrator.graphqlOk<{ freezeApplication: { frozen: boolean; frozenReason: string } }>(FREEZE, {
      name: 'api',
      reason: 'incident INC-42',
      until: new Date(Date.now() + 1500).toISOString(),
    });
    expect(frozen.freezeApplication).toMatchObject({ frozen: true, frozenReason: 'incident INC-42' });
    await hydrator.waitFor(async () => !(await hydrator.graphqlOk<{ application: { frozen: boolean } }>(FROZEN, { name: 'api' })).application.frozen, 'the freeze to lift by itself', 5000);

    await hydrator.graphqlOk(`mutation { freezeAll(reason: "company offsite") { name } }`);
    expect((await hydrator.graphqlOk<{ application: { frozenReason: string } }>(FROZEN, { name: 'web' })).application.frozenReason).toBe('company offsite');
    await hydrator.graphqlOk(`mutation { thawAll { name } }`);
    expect((await hydrator.graphqlOk<{ application: { frozen: boolean } }>(FROZEN, { name: 'web' })).application.frozen).toBe(false);
    expect((await errorsOf(`mutation { thawAll { name } }`))[0].message).toBe('the fleet is not frozen');
  });

  it("says whether the fleet is frozen, and whether each application's freeze is its own or the fleet's", async () => {
    type Freezes = {
      fleetFreeze: { reason: string; until: string | null; frozenBy: string; frozenAt: string } | null;
      applications: Array<{ name: string; freezeScope: 'APPLICATION' | 'FLEET' | null; frozenReason: string | null }>;
    };
    const freezes = () => hydrator.graphqlOk<Freezes>(`{ fleetFreeze { reason until frozenBy frozenAt } applications { name freezeScope frozenReason } }`);
    const scopes = (state: Freezes) => Object.fromEntries(state.applications.map((a) => [a.name, a.freezeScope]));

    expect(await freezes()).toEqual({
      fleetFreeze: null,
      applications: [
        { name: 'api', freezeScope: null, frozenReason: null },
        { name: 'web', freezeScope: null, frozenReason: null },
      ],
    });

    const before = Date.now();
    const until = new Date(Date.now() + 3600_000).toISOString();
    await hydrator.graphqlOk(`mutation($until: DateTime) { freezeAll(reason: "company offsite", until: $until) { name } }`, { until });
    const fleet = await freezes();
    expect(fleet.fleetFreeze).toMatchObject({ reason: 'company offsite', until, frozenBy: 'test-operator' });
    expect(Date.parse(fleet.fleetFreeze!.frozenAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(scopes(fleet)).toEqual({ api: 'FLEET', web: 'FLEET' });

    // The same reason on both freezes: only the scope tells them apart.
    await hydrator.graphqlOk(FREEZE, { name: 'api', reason: 'company offsite' });
    const both = await freezes();
    expect(both.fleetFreeze?.reason).toBe('company offsite');
    expect(scopes(both)).toEqual({ api: 'APPLICATION', web: 'FLEET' });

    await hydrator.graphqlOk(`mutation { thawAll { name } }`);
    const thawed = await freezes();
    expect(thawed.fleetFreeze).toBeNull();
    expect(scopes(thawed)).toEqual({ api: 'APPLICATION', web: null });

    await hydrator.graphqlOk(`mutation { thawApplication(name: "api") { name } }`);
    await hydrator.graphqlOk(`mutation($until: DateTime) { freezeAll(reason: "short", until: $until) { name } }`, { until: new Date(Date.now() + 1500).toISOString() });
    expect(scopes(await freezes())).toEqual({ api: 'FLEET', web: 'FLEET' });
    await hydrator.waitFor(async () => (await freezes()).fleetFreeze === null, 'the fleet freeze to lift by itself', 5000);
    expect(scopes(await freezes())).toEqual({ api: null, web: null });
  });

  it('runs a frozen rollout only after thawing', async () => {
    await hydrator.graphqlOk(FREEZE, { name: 'web', reason: 'database migration' });
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'HALTED');
    expect(jenkins.buildsFor('deploy/web')).toHaveLength(0);
    await hydrator.graphqlOk(`mutation { thawApplication(name: "web") { name } }`);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: rolloutId });
    await waitForRollout(hydrator, rolloutId, 'COMPLETED');
  });

  it('deploys an emergency at once through the runner, overriding a freeze with the reason recorded', async () => {
    const EMERGENCY = `mutation($app: String!, $rev: String!, $reason: String!, $targets: [ID!]) { createEmergencyDeployment(application: $app, gitRev: $rev, reason: $reason, targets: $targets) { id kind status reason } }`;
    const [fix] = github.addCommits('acme/api', [{ author: 'Ada', message: 'CVE fix' }]);
    await hydrator.graphqlOk(FREEZE, { name: 'api', reason: 'weekly freeze' });
    expect((await errorsOf(EMERGENCY, { app: 'api', rev: fix, reason: '' }))[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await errorsOf(EMERGENCY, { app: 'api', rev: fix, reason: 'CVE', targets: [deployment('web')] }))[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'targets[0]' });
    const before = jenkins.buildsFor('deploy/api').length;
    const { createEmergencyDeployment: emergency } = await hydrator.graphqlOk<{ createEmergencyDeployment: { id: string; kind: string; status: string } }>(EMERGENCY, {
      app: 'api',
      rev: fix,
      reason: 'CVE-2026-1234 fix',
    });
    expect(emergency).toMatchObject({ kind: 'EMERGENCY', status: 'RUNNING' });
    await waitForRollout(hydrator, emergency.id, 'COMPLETED');
    // Running it cleared `reason` (the halt reason); why it exists stays for the dashboard's title.
    const { rollout: done } = await hydrator.graphqlOk<{ rollout: { purpose: string; createdBy: string } }>(`query($id: ID!) { rollout(id: $id) { purpose createdBy } }`, { id: emergency.id });
    expect(done).toEqual({ purpose: 'CVE-2026-1234 fix', createdBy: 'test-operator' });
    expect(
      jenkins
        .buildsFor('deploy/api')
        .slice(before)
        .map((b) => b.params.CLUSTER),
    ).toEqual(['prod-0', 'prod-1']);
    const audit = await hydrator.graphqlOk<{ auditLog: Array<{ details: string }> }>(`{ auditLog(action: "deployment.emergency") { details } }`);
    expect(JSON.parse(audit.auditLog[0].details)).toMatchObject({ reason: 'CVE-2026-1234 fix', overridesFreeze: 'weekly freeze' });
  });

  it('opens a registration ticket in Jira, refusing a name already registered', async () => {
    expect((await errorsOf(`mutation { requestRegistrationTicket(input: { name: "api" }) { id } }`))[0].extensions).toEqual({ code: 'CONFLICT', field: 'name' });
    const ticket = await hydrator.graphqlOk<{ requestRegistrationTicket: { id: string } }>(
      `mutation { requestRegistrationTicket(input: { name: "payments", jenkinsJob: "deploy/payments" }) { id status } }`,
    );
    await hydrator.waitFor(async () => {
      const { outbox } = await hydrator.graphqlOk<{ outbox: Array<{ id: string; status: string; link: string | null }> }>(`{ outbox(status: SENT) { id status link } }`);
      return outbox.find((m) => m.id === ticket.requestRegistrationTicket.id && m.link);
    }, 'the ticket to be created');
    const issue = jira.issues.find((i) => i.fields.summary === 'Register payments with Hydrator');
    expect(issue).toBeDefined();
  });

  it('refuses every operator mutation to a viewer', async () => {
    for (const mutation of [`mutation { freezeAll(reason: "x") { name } }`, `mutation { requestRegistrationTicket(input: { name: "x" }) { id } }`]) {
      expect((await errorsOf(mutation, {}, VIEWER_TOKEN))[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await errorsOf(CANCEL, { id: deployment('api'), reason: 'x' }, VIEWER_TOKEN))[0].extensions?.code).toBe('FORBIDDEN');
  });
});
