import type { Locator, Page } from 'playwright-core';
import { GitHubSandbox, JenkinsSandbox } from '@hydrator/sandbox';
import { applicationInput, jenkinsNotification, OPERATOR_TOKEN, TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { DashboardBrowser, describeInBrowser, OpenPage, screenshot } from './support/dashboard-browser';
import { useRolloutSandboxes } from './support/rollout-sandboxes';

const DAY = 24 * 3600_000;

/** auth and search first, billing after auth, web after billing and search: three columns. */
const FLEET = [
  { name: 'auth', dependsOn: [], production: 2 },
  { name: 'billing', dependsOn: ['auth'], production: 2 },
  { name: 'search', dependsOn: [], production: 1 },
  { name: 'web', dependsOn: ['billing', 'search'], production: 1 },
];

/**
 * "This week" in Chromium against the whole stack (gateway, registry, runner, notifier) with Jenkins,
 * GitHub, Slack and Alertmanager: plan from the preview, change a rev after reading its shortlog, run
 * and watch it live, halt on a failure and retry. The steps share one week, so they run in order.
 */
describeInBrowser('"This week" in Chromium', () => {
  const sandboxes = useRolloutSandboxes();
  const github = new GitHubSandbox();
  const jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 400, durationMs: 2500 } });
  let hydrator: TestHydrator;
  let browser: DashboardBrowser;
  let operator: OpenPage;
  const revs = new Map<string, { base: string; staged: string; later: string }>();

  beforeAll(async () => {
    await github.start();
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, RunnerModule, NotifierModule],
      env: { ...(await sandboxes.env(jenkins)), GITHUB_API_URL: github.url, HYDRATOR_TIMEZONE: 'UTC', MAX_PARALLEL_APPS: '4', JENKINS_POLL_INTERVAL: '1s' },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    await hydrator.resetDatabase();
    await seedFleet();
    browser = await DashboardBrowser.launch(hydrator.url);
  });
  afterAll(async () => {
    await operator?.close();
    await browser?.close();
    await hydrator?.close();
    await jenkins.stop();
    await github.stop();
  });

  /** Registers the fleet, production on an old rev, staging on a newer one reported before the cutoff. */
  async function seedFleet() {
    let build = 9000;
    const reports: Array<{ app: string; cluster: string; rev: string; at: number }> = [];
    for (const app of FLEET) {
      const [base, staged, later] = github.addCommits(`acme/${app.name}`, [
        { author: 'Ada', message: `${app.name}: what production runs` },
        { author: 'Grace', message: `${app.name}: what staging runs` },
        { author: 'Linus', message: `${app.name}: fixed after the cutoff` },
      ]);
      revs.set(app.name, { base, staged, later });
      const production = Array.from({ length: app.production }, (_, i) => `prod-${i}`);
      const targets = [
        { cluster: 'stage-1', environment: 'staging', namespace: app.name, role: 'PROTOTYPE' },
        ...production.map((cluster, order) => ({ cluster, environment: 'production', namespace: app.name, role: 'PRODUCTION', order })),
      ];
      await hydrator.graphqlOk(`mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`, { input: applicationInput(app.name, { targets }) });
      // web's first attempt fails: the last deployment of the run, so its failure halts the rollout with nothing blocked.
      jenkins.addJob(`deploy/${app.name}`, app.name === 'web' ? { failFirst: { count: 1, parameter: 'HYDRATOR_DEPLOYMENT_ID' } } : {});
      reports.push(...production.map((cluster) => ({ app: app.name, cluster, rev: base, at: Date.now() - 30 * DAY })));
      reports.push({ app: app.name, cluster: 'stage-1', rev: staged, at: Date.now() - 8 * DAY });
    }
    for (const app of FLEET) {
      for (const dependency of app.dependsOn) await hydrator.graphqlOk(`mutation($a: String!, $b: String!) { addDependency(application: $a, dependsOn: $b) { name } }`, { a: app.name, b: dependency });
    }
    for (const { app, cluster, rev, at } of reports) {
      const environment = cluster === 'stage-1' ? 'staging' : 'production';
      const notification = jenkinsNotification({ job: `deploy/${app}`, number: ++build, rev, cluster, environment, namespace: app, timestamp: at, duration: 60_000 });
      expect((await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET}`, notification)).status).toBe(202);
    }
    const em = hydrator.orm.em.fork();
    await hydrator.waitFor(
      async () => Number((await em.getConnection().execute(`select count(*)::int as n from deployment_report where target_id is not null`))[0].n) === reports.length,
      'the seeded reports to be recorded',
    );
  }

  /** The table row of one deployment; revs show as their first 12 digits. */
  function row(page: Page, application: string, cluster: string): Locator {
    return page
      .locator('tr[data-deployment]')
      .filter({ has: page.locator('th', { hasText: new RegExp(`^${application}$`) }) })
      .filter({ hasText: `${cluster} / production` });
  }

  const badge = (scope: Locator, status: string) => scope.locator('.badge', { hasText: new RegExp(`^${status}$`) });
  const header = (page: Page) => page.getByRole('region', { name: 'Rollout' });

  it('plans the week from the UI: the preview first, then Confirm plan', async () => {
    operator = await browser.open('/', OPERATOR_TOKEN);
    const { page, problems } = operator;
    await page.getByText('No rollout yet: plan the week.').waitFor();
    const plan = page.getByRole('region', { name: /^Plan the week/ });
    await plan.getByRole('table').waitFor();
    // Six production targets, each from production's rev to staging's.
    expect(await plan.locator('tbody tr').count()).toBe(6);
    await plan.locator('tbody tr', { hasText: 'billing' }).first().getByText(revs.get('billing')!.staged.slice(0, 12)).waitFor();
    expect(await plan.locator('tbody tr', { hasText: 'billing' }).first().textContent()).toContain(`${revs.get('billing')!.base.slice(0, 12)} → ${revs.get('billing')!.staged.slice(0, 12)}`);
    expect(await hydrator.graphqlOk(`{ rollouts { id } }`)).toEqual({ rollouts: [] });

    await plan.getByRole('button', { name: 'Confirm plan' }).click();
    await header(page)
      .getByRole('heading', { name: /^Weekly rollout \d{4}-W\d\d$/ })
      .waitFor();
    await badge(header(page), 'PLANNED').waitFor();
    await header(page).getByText('0 of 6 done').waitFor();
    await page.getByRole('region', { name: /^Plan the week/ }).waitFor({ state: 'detached' });
    expect(await page.locator('tr[data-deployment]').count()).toBe(6);
    // The graph: every application, billing after auth, web after billing and search.
    const graph = page.getByRole('img', { name: /^Dependency graph, 4 applications in 3 steps/ });
    const label = (await graph.getAttribute('aria-label'))!;
    expect(label).toContain('billing after auth: prod-0 SCHEDULED, prod-1 SCHEDULED');
    expect(label).toContain('web after billing and search: prod-0 SCHEDULED');
    expect(await graph.locator('path.edge').count()).toBe(3);
    // Each SCHEDULED deployment says what it waits for.
    await row(page, 'web', 'prod-0').getByText('rollout is PLANNED: run it to start').waitFor();
    expect(problems).toEqual([]);
  });

  it('shows a viewer the actions disabled, saying an operator token is needed', async () => {
    const { page, problems, close } = await browser.open('/', VIEWER_TOKEN);
    const run = page.getByRole('button', { name: 'Run rollout' });
    await run.waitFor();
    expect(await run.isDisabled()).toBe(true);
    expect(await run.getAttribute('title')).toContain('Needs an operator token');
    expect(await row(page, 'search', 'prod-0').getByRole('button', { name: 'Change rev' }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it('changes a scheduled rev, with the new shortlog shown before saving', async () => {
    const { page, problems } = operator;
    const search = row(page, 'search', 'prod-0');
    const { base, later } = revs.get('search')!;
    await search.getByRole('button', { name: 'Change rev' }).click();
    const form = page.getByRole('form', { name: 'Change the rev of search on prod-0 / production' });
    await form.getByLabel(/New rev for search/).fill('nope-not-a-rev');
    await form.getByRole('button', { name: 'Show shortlog' }).click();
    await page.getByRole('alert').filter({ hasText: 'nope-not-a-rev does not exist in acme/search' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save rev' }).count()).toBe(0);

    await form.getByLabel(/New rev for search/).fill(later);
    await form.getByRole('button', { name: 'Show shortlog' }).click();
    const shortlog = page.getByRole('list', { name: 'Shortlog' });
    await shortlog.waitFor();
    expect(await shortlog.innerText()).toMatch(/Grace \(1 commit\)\s+search: what staging runs\s+Linus \(1 commit\)\s+search: fixed after the cutoff/);
    // Nothing saved yet.
    expect(await search.textContent()).toContain(`${base.slice(0, 12)} → ${revs.get('search')!.staged.slice(0, 12)}`);

    await page.getByRole('button', { name: 'Save rev' }).click();
    await search.getByText(later.slice(0, 12)).waitFor();
    await page.getByRole('list', { name: 'Shortlog' }).waitFor({ state: 'detached' });
    const { deployment } = await hydrator.graphqlOk<{ deployment: { gitRev: string; changedBy: string } }>(`query($id: ID!) { deployment(id: $id) { gitRev changedBy } }`, {
      id: await search.getAttribute('data-deployment'),
    });
    expect(deployment).toEqual({ gitRev: later, changedBy: 'test-operator' });
    expect(problems).toEqual([]);
  });

  it('runs the rollout live: a target turns RUNNING with its Jenkins build link, then SUCCEEDED, without a reload', async () => {
    const { page, problems } = operator;
    await page.evaluate(`window.__sameDocument = true`);
    await header(page).getByRole('button', { name: 'Run rollout' }).click();
    await badge(header(page), 'RUNNING').waitFor();

    const auth = row(page, 'auth', 'prod-0');
    await badge(auth, 'RUNNING').waitFor();
    const link = auth.getByRole('link', { name: 'Jenkins build' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${jenkins.url}/job/deploy/job/auth/\\d+/$`));
    expect(await auth.locator('time').count()).toBe(1); // started, with seconds
    expect(await auth.locator('time').innerText()).toMatch(/\d\d:\d\d:\d\d/);
    await auth.getByText(/so far$/).waitFor();
    await badge(auth, 'SUCCEEDED').waitFor({ timeout: 15_000 });
    await auth.getByText(/^\d+ s$/).waitFor();

    // Mid-run: auth done, billing on its way, the graph and table as the README shows them.
    await badge(row(page, 'billing', 'prod-0'), 'RUNNING').waitFor({ timeout: 15_000 });
    await header(page).getByText('Estimated finish').waitFor();
    expect(await header(page).locator('time').count()).toBeGreaterThan(1);
    console.log(`screenshot: ${await screenshot(page, 'this-week')}`);

    expect(await page.evaluate(`window.__sameDocument`)).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);

  it('halts when an application fails, shows why, and completes after Retry', async () => {
    const { page, problems } = operator;
    await badge(header(page), 'HALTED').waitFor({ timeout: 40_000 });
    await header(page)
      .getByText(/^Halted: web on prod-0\/production failed/)
      .waitFor();
    const web = row(page, 'web', 'prod-0');
    await badge(web, 'FAILED').waitFor();
    await web.locator('.deployment-error', { hasText: 'Jenkins build' }).waitFor();
    await header(page).getByText('5 of 6 done').waitFor();
    expect(await header(page).getByRole('button', { name: 'Resume rollout' }).isEnabled()).toBe(true);

    await header(page)
      .getByText(/^Resume rollout runs every failed and blocked deployment again/)
      .waitFor();
    // Canceling needs a reason; "Keep it" closes the form with nothing done.
    await web.getByRole('button', { name: 'Cancel deployment' }).click();
    const cancel = page.getByRole('form', { name: 'Cancel web on prod-0 / production' });
    expect(await cancel.getByRole('button', { name: 'Confirm cancel' }).isDisabled()).toBe(true);
    await cancel.getByLabel(/Why cancel web/).fill('not today');
    expect(await cancel.getByRole('button', { name: 'Confirm cancel' }).isEnabled()).toBe(true);
    await cancel.getByRole('button', { name: 'Keep it' }).click();
    await cancel.waitFor({ state: 'detached' });

    await web.getByRole('button', { name: 'Retry' }).click();
    // The region may show RUNNING twice while the retry runs: the rollout's badge and the deployment's.
    await badge(header(page), 'RUNNING').first().waitFor();
    await badge(web, 'SUCCEEDED').waitFor({ timeout: 20_000 });
    await badge(header(page), 'COMPLETED').waitFor();
    await header(page).getByText('6 of 6 done').waitFor();
    await web.getByRole('button', { name: 'Retry' }).waitFor({ state: 'detached' });
    expect(await web.locator('td').nth(7).innerText()).toMatch(/^2/); // the second attempt
    expect(await page.evaluate(`window.__sameDocument`)).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);

  it('opens a rollout by its id, and says what to do when there is none', async () => {
    const { rollouts } = await hydrator.graphqlOk<{ rollouts: Array<{ id: string }> }>(`{ rollouts { id } }`);
    const { page, problems, close } = await browser.open(`/rollouts/${rollouts[0].id}`, OPERATOR_TOKEN);
    await badge(header(page), 'COMPLETED').waitFor();
    expect(await page.locator('tr[data-deployment]').count()).toBe(6);
    await page.goto(`${hydrator.url}/rollouts/00000000-0000-0000-0000-000000000000`);
    await page.getByText('There is no rollout 00000000-0000-0000-0000-000000000000.').waitFor();
    expect(problems).toEqual([]);
    await close();
  });
});
