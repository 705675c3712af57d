import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { jenkinsNotification, OPERATOR_TOKEN, TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { DashboardBrowser, describeInBrowser, OpenPage, screenshot } from './support/dashboard-browser';

/** A full git sha per seed: operator revs are taken only as shas when GitHub is not configured. */
const sha = (seed: string) => createHash('sha1').update(seed).digest('hex');
/** Well before any cutoff (the latest Friday 00:00), whatever day the test runs. */
const TWO_WEEKS_AGO = Date.now() - 14 * 24 * 3600_000;

type AppState = { name: string; frozen: boolean; frozenReason: string | null; frozenUntil: string | null; dependsOn: Array<{ name: string }>; targets: Array<{ cluster: string; role: string }> };
const APPLICATION = `query($name: String!) { application(name: $name) { name frozen frozenReason frozenUntil dependsOn { name } targets { cluster role } } }`;

describeInBrowser('Applications page, in Chromium', () => {
  let hydrator: TestHydrator;
  let browser: DashboardBrowser;
  let build = 100;
  let builtDashboard: string | undefined;

  const application = async (name: string) => (await hydrator.graphqlOk<{ application: AppState }>(APPLICATION, { name })).application;
  const report = async (name: string, cluster: string, environment: string, rev: string) => {
    const body = jenkinsNotification({ job: `deploy/${name}`, number: ++build, rev, cluster, environment, namespace: name, timestamp: TWO_WEEKS_AGO + build * 1000, duration: 1000 });
    const response = await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET}`, body);
    if (response.status !== 202) throw new Error(`webhook refused: ${response.status}`);
  };
  /** An application as the SRE team has them: staging one rev ahead of its two production clusters. */
  const seed = async (name: string, owners: string[], dependsOn: string[] = []) => {
    const production = ['hydra-us', 'hydra-eu'].map((cluster, order) => ({ cluster, environment: 'production', namespace: name, role: 'PRODUCTION', order }));
    await hydrator.graphqlOk(`mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`, {
      input: {
        name,
        githubRepo: `acme/${name}`,
        slackChannel: `#team-${name}`,
        jenkinsJob: `deploy/${name}`,
        owners,
        description: `The ${name} service.`,
        targets: [{ cluster: 'stage-1', environment: 'staging', namespace: name, role: 'PROTOTYPE' }, ...production],
      },
    });
    for (const target of production) await report(name, target.cluster, 'production', sha(`${name}-old`));
    await report(name, 'stage-1', 'staging', sha(`${name}-new`));
    for (const dependency of dependsOn) await hydrator.graphqlOk(`mutation($a: String!, $b: String!) { addDependency(application: $a, dependsOn: $b) { name } }`, { a: name, b: dependency });
  };

  beforeAll(async () => {
    // The gateway reads index.html once and the assets by their hashed names: a copy of the build keeps
    // this file's pages whole while dist/dashboard is rebuilt (npm run build:dashboard) during the run.
    builtDashboard = mkdtempSync(join(tmpdir(), 'hydrator-dashboard-'));
    cpSync(join(__dirname, '../dist/dashboard'), builtDashboard, { recursive: true });
    process.env.DASHBOARD_DIR = builtDashboard;
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule, SchedulerModule, NotifierModule] });
    await hydrator.resetDatabase();
    await seed('auth', ['identity-team']);
    await seed('api', ['platform-team', 'ada'], ['auth']);
    await seed('web', ['frontend-team'], ['api']);
    const em = hydrator.orm.em.fork();
    await hydrator.waitFor(
      async () => Number((await em.getConnection().execute(`select count(*)::int as n from deployment_report where target_id is not null`))[0].n) === 9,
      'the reports to be recorded',
    );
    browser = await DashboardBrowser.launch(hydrator.url);
  });
  afterAll(async () => {
    await browser?.close();
    await hydrator?.close();
    delete process.env.DASHBOARD_DIR;
    if (builtDashboard) rmSync(builtDashboard, { recursive: true, force: true });
  });

  /** Opens a page as the operator, the fleet table (or the application) on screen. */
  const open = async (path: string, token = OPERATOR_TOKEN): Promise<OpenPage> => {
    const opened = await browser.open(path, token);
    await opened.page
      .locator('tr[data-application], table.app-targets')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await opened.page.locator('main').innerText()}\n${opened.problems.join('\n')}`);
      });
    return opened;
  };
  const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const row = (page: Page, name: string) => page.locator(`tr[data-application="${name}"]`);

  it('registers an application with the form, showing a refused field under it, and lists it', async () => {
    const { page, problems, close } = await open('/applications');
    await page.getByRole('button', { name: 'Register application…' }).click();
    const form = page.getByRole('form', { name: 'Register application' });
    await form.getByLabel('Name', { exact: true }).fill('billing');
    await form.getByLabel('GitHub repository').fill('not a repo');
    await form.getByLabel('Slack channel').fill('#team-billing');
    await form.getByLabel('Jenkins job').fill('deploy/billing');
    await form.getByLabel('Owners (optional)').fill('payments-team, grace');
    const prototype = form.getByRole('group', { name: 'Target 1' });
    expect(await prototype.getByLabel('Role').inputValue()).toBe('PROTOTYPE');
    await prototype.getByLabel('Cluster').fill('stage-1');
    await prototype.getByLabel('Namespace').fill('billing');
    // A third row, removed again: the form sends the rows on screen.
    await form.getByRole('button', { name: 'Add production target' }).click();
    await form.getByRole('group', { name: 'Target 3' }).getByLabel('Cluster').fill('hydra-ap');
    await form.getByRole('button', { name: 'Remove target 3' }).click();
    const production = form.getByRole('group', { name: 'Target 2' });
    expect(await production.getByLabel('Environment').inputValue()).toBe('production');
    await production.getByLabel('Cluster').fill('hydra-us');
    await production.getByLabel('Namespace').fill('billing');
    await form.getByRole('button', { name: 'Register', exact: true }).click();

    // The refusal names the field: its message is under it, and the form keeps what was typed.
    const repo = form.getByLabel('GitHub repository');
    await form
      .locator('.labelled-field', { has: page.getByLabel('GitHub repository') })
      .getByText('"not a repo" is not owner/name')
      .waitFor();
    expect(await repo.getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('alert').filter({ hasText: 'BAD_USER_INPUT' }).waitFor();
    await repo.fill('acme/billing');
    await form.getByRole('button', { name: 'Register', exact: true }).click();

    await status(page, 'Registered billing with 2 targets.');
    const billing = row(page, 'billing');
    await billing.waitFor();
    expect(await billing.getByRole('link', { name: 'acme/billing' }).getAttribute('href')).toBe('https://github.com/acme/billing');
    expect(await billing.innerText()).toContain('payments-team, grace');
    expect(await billing.innerText()).toContain('hydra-us / production / billing');
    expect(await application('billing')).toMatchObject({
      targets: expect.arrayContaining([
        { cluster: 'stage-1', role: 'PROTOTYPE' },
        { cluster: 'hydra-us', role: 'PRODUCTION' },
      ]),
    });
    expect((await application('billing')).targets).toHaveLength(2);
    // The seeded rows: revs linked to their commits, builds to Jenkins, the staging rev next to production's.
    const api = row(page, 'api');
    expect(
      await api
        .getByRole('link', { name: sha('api-new').slice(0, 7) })
        .first()
        .getAttribute('href'),
    ).toBe(`https://github.com/acme/api/commit/${sha('api-new')}`);
    expect(
      await api
        .getByRole('link', { name: /^#\d+$/ })
        .first()
        .getAttribute('href'),
    ).toMatch(/^http:\/\/jenkins\.example\/job\/deploy\/job\/api\/\d+\/$/);
    await api.getByText(`deploys ${sha('api-new').slice(0, 7)} to hydra-us, hydra-eu`).waitFor();
    expect(problems).toEqual([]);
    await close();
  });

  it('adds a dependency, and refuses one that would close a cycle, naming it', async () => {
    const { page, problems, close } = await open('/applications/billing');
    const add = page.getByRole('form', { name: 'Add dependency to billing' });
    await add.getByLabel('billing deploys after').selectOption('api');
    await add.getByRole('button', { name: 'Add dependency' }).click();
    await status(page, 'billing now deploys after api.');
    await page.getByRole('button', { name: 'Remove dependency on api' }).waitFor();
    expect((await application('billing')).dependsOn).toEqual([{ name: 'api' }]);

    // Through the links: billing → api → auth.
    await page.getByRole('main').getByRole('link', { name: 'api', exact: true }).click();
    await page.getByRole('heading', { name: 'api' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'auth', exact: true }).first().click();
    await page.getByRole('heading', { name: 'auth' }).waitFor();
    const addToAuth = page.getByRole('form', { name: 'Add dependency to auth' });
    await addToAuth.getByLabel('auth deploys after').selectOption('billing');
    await addToAuth.getByRole('button', { name: 'Add dependency' }).click();
    await page.getByRole('alert').filter({ hasText: 'dependency would create a cycle: auth → billing → api → auth' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'cycle' }).innerText()).toContain('CONFLICT');
    expect((await application('auth')).dependsOn).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('edits an application, adds a target and removes it, and says why the last production target stays', async () => {
    const { page, problems, close } = await open('/applications/billing');
    await page.getByRole('button', { name: 'Edit application…' }).click();
    const edit = page.getByRole('form', { name: 'Edit billing' });
    expect(await edit.getByLabel('Slack channel').inputValue()).toBe('#team-billing');
    await edit.getByLabel('Slack channel').fill('#billing-oncall');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await status(page, 'Saved billing.');
    expect((await hydrator.graphqlOk<{ application: { slackChannel: string; owners: string[] } }>(`{ application(name: "billing") { slackChannel owners } }`)).application).toEqual({
      slackChannel: '#billing-oncall',
      owners: ['payments-team', 'grace'],
    });

    const add = page.getByRole('form', { name: 'Add target to billing' });
    await add.getByLabel('Cluster').fill('hydra-eu');
    await add.getByLabel('Namespace').fill('billing');
    await add.getByRole('button', { name: 'Add target' }).click();
    await status(page, 'Added target hydra-eu/production to billing.');
    await page.getByRole('button', { name: 'Remove target hydra-eu/production' }).click();
    await status(page, 'Removed target hydra-eu / production / billing from billing.');
    await page.getByRole('button', { name: 'Remove target hydra-us/production' }).click();
    await page.getByRole('alert').filter({ hasText: 'billing must keep at least one PRODUCTION target' }).waitFor();
    expect((await application('billing')).targets).toHaveLength(2);
    expect(problems).toEqual([]);
    await close();
  });

  it('freezes one application until a time typed in the viewer’s zone, shows it skipped in the next plan, and thaws it', async () => {
    const { page, problems, close } = await open('/applications');
    const web = row(page, 'web');
    await web.getByRole('button', { name: 'Freeze web…' }).click();
    const form = page.getByRole('form', { name: 'Freeze web' });
    // The browser runs in Europe/Paris: 18:00 there, 30 days on, is sent with Paris's offset that day.
    const day = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
    const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${day}T12:00:00Z`))
      .find((p) => p.type === 'timeZoneName')!
      .value.replace('GMT', '');
    await form.getByLabel('Reason').fill('INC-42: web login errors');
    await form.getByLabel('Until (optional)').fill(`${day}T18:00`);
    await form.getByRole('button', { name: 'Freeze web' }).click();
    await status(page, 'web is frozen');
    await web.getByText('own freeze').waitFor();
    await web.getByText('skipped: frozen: INC-42: web login errors').waitFor();
    const frozen = await application('web');
    expect(frozen).toMatchObject({ frozen: true, frozenReason: 'INC-42: web login errors' });
    expect(Date.parse(frozen.frozenUntil!)).toBe(Date.parse(`${day}T18:00:00${offset}`));
    const { schedulePreview } = await hydrator.graphqlOk<{ schedulePreview: { skipped: Array<{ application: string; reason: string }> } }>(`{ schedulePreview { skipped { application reason } } }`);
    expect(schedulePreview.skipped).toContainEqual({ application: 'web', reason: 'frozen: INC-42: web login errors' });

    await web.getByRole('button', { name: 'Thaw web' }).click();
    await status(page, 'web is thawed.');
    await web.getByText('not frozen').waitFor();
    expect((await application('web')).frozen).toBe(false);
    expect(problems).toEqual([]);
    await close();
  });

  it('freezes the whole fleet and thaws it', async () => {
    const { page, problems, close } = await open('/applications');
    await page.getByRole('button', { name: 'Freeze all…' }).click();
    const form = page.getByRole('form', { name: 'Freeze all applications' });
    await form.getByLabel('Reason').fill('Year-end freeze');
    await form.getByRole('button', { name: 'Freeze all' }).click();
    await status(page, 'The whole fleet is frozen.');
    await page.getByText('FLEET FROZEN').waitFor();
    await page.locator('.app-fleet-freeze').getByText('by test-operator').waitFor();
    await row(page, 'auth').getByText('fleet freeze').waitFor();
    for (const name of ['auth', 'api', 'web', 'billing']) expect(await application(name)).toMatchObject({ frozen: true, frozenReason: 'Year-end freeze' });

    // api frozen on its own for the same reason: its own freeze, which Thaw all leaves in place.
    const api = row(page, 'api');
    await api.getByRole('button', { name: 'Freeze api…' }).click();
    const own = page.getByRole('form', { name: 'Freeze api' });
    await own.getByLabel('Reason').fill('Year-end freeze');
    await own.getByRole('button', { name: 'Freeze api' }).click();
    await status(page, 'api is frozen');
    await api.getByText('own freeze').waitFor();
    await row(page, 'auth').getByText('fleet freeze').waitFor();

    await page.getByRole('button', { name: 'Thaw all' }).click();
    await status(page, 'The fleet is thawed');
    await page.getByText('The fleet is not frozen').waitFor();
    await row(page, 'auth').getByText('not frozen').waitFor();
    await api.getByText('own freeze').waitFor();
    await api.getByRole('button', { name: 'Thaw api' }).click();
    await status(page, 'api is thawed.');
    await api.getByText('not frozen').waitFor();
    for (const name of ['auth', 'api', 'web', 'billing']) expect((await application(name)).frozen).toBe(false);
    // Thawing a fleet that is not frozen is refused, said next to the button.
    await page.getByRole('button', { name: 'Thaw all' }).click();
    await page.getByRole('alert').filter({ hasText: 'the fleet is not frozen (CONFLICT)' }).waitFor();
    expect(problems).toEqual([]);
    await close();
  });

  it('requests a registration ticket, which waits HELD in the outbox', async () => {
    const { page, problems, close } = await open('/applications');
    await page.getByRole('button', { name: 'Request registration ticket…' }).click();
    const form = page.getByRole('form', { name: 'Request registration ticket' });
    await form.getByLabel('Name', { exact: true }).fill('payments');
    await form.getByLabel('Jenkins job (optional)').fill('deploy/payments');
    await form.getByLabel('Notes (optional)').fill('PCI scope: deploy Tuesdays only');
    await form.getByRole('button', { name: 'Request ticket' }).click();
    await status(page, 'The registration ticket is in the outbox');
    expect(await page.getByRole('status').getByRole('link', { name: 'outbox' }).getAttribute('href')).toBe('/outbox');
    const held = await hydrator.waitFor(async () => {
      const { outbox } = await hydrator.graphqlOk<{ outbox: Array<{ kind: string; text: string | null }> }>(`{ outbox(status: HELD) { kind text } }`);
      return outbox.find((m) => m.kind === 'JIRA_ISSUE' && m.text?.includes('payments'));
    }, 'the ticket to be HELD in the outbox');
    expect(held.kind).toBe('JIRA_ISSUE');
    expect(problems).toEqual([]);
    await close();
  });

  it('creates an emergency deployment of a rev to the production target ticked, and opens its rollout', async () => {
    const { page, problems, close } = await open('/applications/api');
    await page.getByRole('button', { name: 'Emergency deployment of api…' }).click();
    const form = page.getByRole('form', { name: 'Emergency deployment of api' });
    const fix = sha('api-hotfix');
    await form.getByLabel('Rev').fill(fix);
    await form.getByLabel(/hydra-eu \/ production \/ api/).check();
    await form.getByLabel('Reason').fill('CVE-2026-1234 hotfix');
    expect(problems).toEqual([]);
    await form.getByRole('button', { name: 'Deploy now' }).click();
    await page.waitForURL(/\/rollouts\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const { rollout } = await hydrator.graphqlOk<{ rollout: { kind: string; deployments: Array<{ gitRev: string; changeReason: string; target: { cluster: string } }> } }>(
      `query($id: ID!) { rollout(id: $id) { kind deployments { gitRev changeReason target { cluster } } } }`,
      { id },
    );
    expect(rollout).toEqual({ kind: 'EMERGENCY', deployments: [{ gitRev: fix, changeReason: 'emergency: CVE-2026-1234 hotfix', target: { cluster: 'hydra-eu' } }] });
    await close();
  });

  it('shows a viewer the fleet with every action disabled, saying an operator token is needed, and FORBIDDEN if one is sent', async () => {
    const { page, problems, close } = await open('/applications', VIEWER_TOKEN);
    for (const button of [
      page.getByRole('button', { name: 'Freeze all…' }),
      page.getByRole('button', { name: 'Register application…' }),
      row(page, 'api').getByRole('button', { name: 'Freeze api…' }),
    ]) {
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toBe('Needs an operator token: test-viewer has a viewer token (read only).');
    }
    expect(problems).toEqual([]);
    await close();

    // An operator token turned read-only after sign-in: the gateway's FORBIDDEN shows next to the button.
    const operator = await open('/applications');
    await operator.page.route('**/graphql', (route) => route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${VIEWER_TOKEN}` } }));
    await operator.page.getByRole('button', { name: 'Thaw all' }).click();
    await operator.page.getByRole('alert').filter({ hasText: 'FORBIDDEN' }).waitFor();
    expect(operator.problems).toEqual([]);
    await operator.close();
  });

  it('takes the README screenshot: the fleet with dependencies and one application frozen', async () => {
    await hydrator.graphqlOk(`mutation { freezeApplication(name: "billing", reason: "waiting for PCI review (SEC-311)") { name } }`);
    const { page, problems, close } = await open('/applications');
    await row(page, 'billing').getByText('waiting for PCI review (SEC-311)', { exact: true }).waitFor();
    await page.getByText('skipped: frozen: waiting for PCI review (SEC-311)').waitFor();
    console.log(`screenshot: ${await screenshot(page, 'applications')}`);
    expect(problems).toEqual([]);
    await close();
  });
});
