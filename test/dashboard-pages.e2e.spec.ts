import type { Locator, Page } from 'playwright-core';
import { JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JiraSandbox } from '@hydrator/sandbox';
import { jenkinsNotification, OPERATOR_TOKEN, TestHydrator, VIEWER_TOKEN, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { DashboardBrowser, describeInBrowser, screenshot } from './support/dashboard-browser';
import { DeploymentHistory, PastDeployment } from './support/deployment-history';
import { planFleet, stagingRevOf } from './support/rollout-fixture';

const UNKNOWN_ID = '00000000-0000-0000-0000-000000000000';
/** A commit subject that would run script if a page ever inserted data as markup. */
const HOSTILE_SUBJECT = '<img src=x onerror="document.title=\'pwned\'"> fix login';
/** The week planFleet plans (Monday 30 November 2026). */
const PLANNED_WEEK = '2026-W49';
/** In seconds, as PastDeployment counts. */
const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Finished production deployments of the last weeks, for the Stability charts and the History filters:
 * per application, per week ago, its outcomes (true = SUCCEEDED), durations and lead times varying by week.
 */
function pastWeeks(now: number): PastDeployment[] {
  const plan: Record<string, boolean[][]> = {
    billing: [[true, true], [true, false, true], [true, true, true], [true], [false, true], [true, true], [true, true, true], [true], [true, false], [true, true]],
    search: [[true], [], [true, true], [false, false, true], [true], [true, true], [], [true, true], [true], [true, true, true]],
  };
  return Object.entries(plan).flatMap(([application, weeks], a) =>
    weeks.flatMap((outcomes, weeksAgo) =>
      outcomes.map((succeeded, i) => ({
        application,
        cluster: i % 2 === 0 ? ('prod-us' as const) : ('prod-eu' as const),
        status: succeeded ? ('SUCCEEDED' as const) : ('FAILED' as const),
        finishedAt: new Date(now - (weeksAgo * 7 * DAY + (i + 1) * 2 * HOUR) * 1000).toISOString(),
        durationSeconds: 180 + 60 * ((weeksAgo + i + a) % 6),
        leadTimeSeconds: 2 * DAY + ((weeksAgo * 5 + a * 7) % 12) * 4 * HOUR,
      })),
    ),
  );
}

describe('dashboard pages: history, stability, outbox, cancel', () => {
  let hydrator: TestHydrator;
  const jira = new JiraSandbox({ projects: ['HYD'] });
  let rolloutId: string;
  let deployments: Array<{ id: string; application: string; cluster: string }>;
  let past: PastDeployment[];
  const fleet = { applications: [{ name: 'api' }, { name: 'web', dependsOn: ['api'] }] };
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => hydrator.orm.em.fork().getConnection().execute<T[]>(query, params);
  const deployment = (application: string, cluster: string) => deployments.find((d) => d.application === application && d.cluster === cluster)!.id;
  const statusOf = async (id: string) => (await sql<{ status: string; change_reason: string | null }>(`select status, change_reason from deployment where id = ?`, [id]))[0];

  /** Reports one Jenkins build of a deployment's attempt, as its job would (the registry links it by HYDRATOR_DEPLOYMENT_ID). */
  async function reportBuild(application: string, cluster: string, number: number, attempt: number, status: 'SUCCESS' | 'FAILURE', finishedAt: string) {
    const response = await hydrator.post(
      `/webhooks/jenkins?token=${WEBHOOK_SECRET}`,
      jenkinsNotification({
        job: `deploy/${application}`,
        number,
        rev: stagingRevOf(application),
        cluster,
        environment: 'production',
        namespace: application,
        status,
        timestamp: Date.parse(finishedAt),
        duration: 45_000,
        extraParameters: { HYDRATOR_DEPLOYMENT_ID: `${deployment(application, cluster)}:${attempt}` },
      }),
    );
    expect(response.status).toBe(202);
  }

  beforeAll(async () => {
    await jira.start();
    // Jira is configured (its ticket is SENT, with a key); Slack is not (team messages stay HELD).
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, NotifierModule],
      env: { JIRA_HOST: jira.url, JIRA_EMAIL: JIRA_SANDBOX_EMAIL, JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN, JIRA_PROJECT: 'HYD' },
    });
    await hydrator.resetDatabase();
    rolloutId = await planFleet(hydrator, fleet);
    deployments = await sql(`select d.id, a.name as application, t.cluster from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id`);
    // What a team would see against a previous production rev (the fixture plans first deployments).
    const shortlog = [{ author: 'Ada Lovelace', count: 2, subjects: ['add billing retries', HOSTILE_SUBJECT] }];
    await sql(`update deployment set previous_rev = 'rev-old', shortlog = ?::jsonb`, [JSON.stringify(shortlog)]);

    // api on prod-0 took two Jenkins builds: the first failed, the retry succeeded.
    await reportBuild('api', 'prod-0', 501, 1, 'FAILURE', '2026-12-02T09:58:00Z');
    await reportBuild('api', 'prod-0', 502, 2, 'SUCCESS', '2026-12-02T10:02:45Z');
    await hydrator.waitFor(async () => (await sql(`select 1 from deployment_report where deployment_id = ?`, [deployment('api', 'prod-0')])).length === 2, 'the builds of api on prod-0');
    await sql(`update deployment set status = 'SUCCEEDED', attempt = 2, started_at = '2026-12-02T09:57:15Z', finished_at = '2026-12-02T10:02:45Z' where id = ?`, [deployment('api', 'prod-0')]);

    const history = new DeploymentHistory(hydrator);
    past = pastWeeks(Date.now());
    for (const name of ['billing', 'search']) await history.application(name);
    for (const row of past) await history.deployment(row);

    await hydrator.waitFor(async () => (await sql(`select 1 from outbox_message where kind = 'JIRA_ISSUE' and status = 'SENT'`)).length === 1, 'the Jira ticket to be opened in the sandbox');
  });
  afterAll(async () => {
    await hydrator?.close();
    await jira.stop();
  });

  describeInBrowser('in Chromium', () => {
    let browser: DashboardBrowser;
    beforeAll(async () => {
      browser = await DashboardBrowser.launch(hydrator.url);
    });
    afterAll(async () => {
      await browser?.close();
    });

    const until = (probe: () => Promise<boolean>, what: string) => hydrator.waitFor(probe, what);
    const countIs = (locator: Locator, n: number, what: string) => until(async () => (await locator.count()) === n, `${what}: ${n}`);
    const searchOf = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

    describe('Cancel (/deployments/:id/cancel)', () => {
      it("opens the cancel link of the team's Slack message and cancels with a reason", async () => {
        const id = deployment('web', 'prod-0');
        // The team message is HELD (Slack is not configured); its text carries the cancel link, as Slack would show it.
        const outbox = await browser.open('/outbox', OPERATOR_TOKEN);
        const teamMessage = outbox.page.locator('tr[data-status="HELD"]', { hasText: '#team-web' });
        await teamMessage.getByRole('link', { name: 'cancel this deployment' }).first().waitFor();
        const links = await Promise.all((await teamMessage.getByRole('link', { name: 'cancel this deployment' }).all()).map((link) => link.getAttribute('href')));
        expect(links.map((href) => new URL(href!).pathname)).toContain(`/deployments/${id}/cancel`);
        await outbox.close();

        const { page, problems, close } = await browser.open(`/deployments/${id}/cancel`, OPERATOR_TOKEN);
        await page.locator('#deployment-status', { hasText: 'SCHEDULED' }).waitFor();
        const main = page.locator('main');
        const text = await main.innerText();
        expect(text).toContain('web (GitHub acme/web, Slack #team-web)');
        expect(text).toContain('prod-0 / production, namespace web');
        expect(text).toContain(`rev-old → ${stagingRevOf('web')}`);
        expect(text).toContain(`${PLANNED_WEEK} · weekly`);
        // Data is text, never markup.
        expect(text).toContain(HOSTILE_SUBJECT);
        expect(await page.locator('main img').count()).toBe(0);
        expect(await main.getByRole('link', { name: `${PLANNED_WEEK} · weekly` }).getAttribute('href')).toBe(`/rollouts/${rolloutId}`);

        await page.getByLabel('Reason (required)').fill('web team: release notes are not ready');
        await page.getByRole('button', { name: 'Cancel deployment' }).click();
        await page.locator('#result', { hasText: 'Canceled: web will not be deployed to prod-0 / production' }).waitFor();
        expect(await statusOf(id)).toEqual({ status: 'CANCELED', change_reason: 'web team: release notes are not ready' });
        await page.locator('#deployment-status', { hasText: 'CANCELED' }).waitFor();
        await page.getByText('This deployment is CANCELED by test-operator: web team: release notes are not ready').waitFor();
        expect(await page.locator('#cancel-form').count()).toBe(0);
        expect(await page.title()).toBe('Hydrator · Cancel a deployment');
        expect(problems).toEqual([]);
        await close();
      });

      it('follows the deployment live: canceled elsewhere, the page says so without a reload', async () => {
        const id = deployment('web', 'prod-1');
        const { page, problems, close } = await browser.open(`/deployments/${id}/cancel`, VIEWER_TOKEN);
        await page.locator('#deployment-status', { hasText: 'SCHEDULED' }).waitFor();
        // Give the subscription a moment to be set up before the change it must see.
        await page.waitForTimeout(500);
        await hydrator.graphqlOk(`mutation($id: ID!) { cancelDeployment(id: $id, reason: "canceled from GraphiQL") { id } }`, { id });
        await page.locator('#deployment-status', { hasText: 'CANCELED' }).waitFor();
        await page.getByText('This deployment is CANCELED by test-operator: canceled from GraphiQL').waitFor();
        expect(problems).toEqual([]);
        await close();
      });

      it("shows the gateway's FORBIDDEN message inline when a viewer tries to cancel", async () => {
        const id = deployment('api', 'prod-1');
        const { page, problems, close } = await browser.open(`/deployments/${id}/cancel`, VIEWER_TOKEN);
        await page.getByLabel('Reason (required)').fill('not mine to cancel');
        await page.getByRole('button', { name: 'Cancel deployment' }).click();
        await page.getByRole('alert').filter({ hasText: 'test-viewer has a viewer token: mutations need an operator token (FORBIDDEN)' }).waitFor();
        expect((await statusOf(id)).status).toBe('SCHEDULED');
        expect(await page.locator('#result').count()).toBe(0);
        // The refusal is the page's answer, not a script error.
        expect(problems).toEqual([]);
        await close();
      });

      it('says why a deployment that went out cannot be canceled', async () => {
        const { page, problems, close } = await browser.open(`/deployments/${deployment('api', 'prod-0')}/cancel`, OPERATOR_TOKEN);
        await page.locator('#not-cancelable', { hasText: 'This deployment SUCCEEDED: api to prod-0 / production is done' }).waitFor();
        expect(await page.locator('#cancel-form').count()).toBe(0);
        expect(problems).toEqual([]);
        await close();
      });

      it('says "not found" for ids nobody has', async () => {
        for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
          const { page, problems, close } = await browser.open(`/deployments/${id}/cancel`, OPERATOR_TOKEN);
          await page.getByText(`Not found: no deployment has the id ${id}.`).waitFor();
          expect(await page.locator('#cancel-form').count()).toBe(0);
          expect(problems).toEqual([]);
          await close();
        }
      });
    });

    describe('History (/history)', () => {
      it('narrows deployments by application, status and week, kept in the URL, and expands the Jenkins builds', async () => {
        const { page, problems, close } = await browser.open('/history', VIEWER_TOKEN);
        const rows = page.locator('tr[data-deployment]');
        await countIs(rows, deployments.length + past.length, 'every deployment');

        await page.getByLabel('Application').selectOption('billing');
        await countIs(rows, past.filter((d) => d.application === 'billing').length, 'billing deployments');
        await page.getByLabel('Status').selectOption('FAILED');
        await countIs(rows, past.filter((d) => d.application === 'billing' && d.status === 'FAILED').length, 'failed billing deployments');
        expect(searchOf(page)).toEqual({ application: 'billing', status: 'FAILED' });
        for (const row of await rows.all()) expect(await row.innerText()).toMatch(/^billing[\s\S]*FAILED/);

        // The filters are in the URL: a reload (or a shared link) shows the same list.
        await page.reload();
        await countIs(rows, past.filter((d) => d.application === 'billing' && d.status === 'FAILED').length, 'failed billing deployments after a reload');
        expect(await page.getByLabel('Status').inputValue()).toBe('FAILED');

        await page.getByRole('button', { name: 'Clear filters' }).click();
        await page.getByLabel('Rollout week').selectOption(PLANNED_WEEK);
        await countIs(rows, deployments.length, `deployments of ${PLANNED_WEEK}`);
        expect(searchOf(page)).toEqual({ week: PLANNED_WEEK });
        await countIs(page.locator('tr[data-rollout]'), 1, `rollouts of ${PLANNED_WEEK}`);

        // api on prod-0: two attempts, the failed first build and the retry, each linked to Jenkins.
        const api = page.locator(`tr[data-deployment="${deployment('api', 'prod-0')}"]`);
        expect(await api.innerText()).toContain('5 min 30 s');
        await api.getByRole('button', { name: 'Show attempts (2)' }).click();
        const builds = page.locator(`#attempts-${deployment('api', 'prod-0')} tbody tr`);
        await countIs(builds, 2, 'Jenkins builds of api on prod-0');
        expect((await builds.allInnerTexts()).map((row) => row.split('\t').slice(0, 3))).toEqual([
          ['2', '#502', 'SUCCESS'],
          ['1', '#501', 'FAILURE'],
        ]);
        expect(await builds.first().getByRole('link', { name: '#502' }).getAttribute('href')).toBe('http://jenkins.example/job/deploy/job/api/502/');
        await api.getByRole('button', { name: 'Hide attempts (2)' }).click();
        await countIs(builds, 0, 'builds once hidden');
        expect(await page.title()).toBe('Hydrator · History');
        expect(problems).toEqual([]);
        await close();
      });
    });

    describe('Outbox (/outbox)', () => {
      it('lists HELD messages with why they are held, the Jira ticket linked to its page, and filters by status', async () => {
        const [{ key }] = await sql<{ key: string }>(`select result->>'key' as key from outbox_message where kind = 'JIRA_ISSUE'`);
        expect(key).toMatch(/^HYD-\d+$/);
        const { page, problems, close } = await browser.open('/outbox', VIEWER_TOKEN);
        const held = page.locator('tr[data-status="HELD"]');
        await until(async () => (await held.count()) >= 2, 'HELD team messages');
        await page.getByRole('note').filter({ hasText: 'HELD: Slack (SLACK_TOKEN) is not configured in this Hydrator' }).waitFor();
        const ticket = page.locator('tr[data-status="SENT"]', { hasText: 'Jira ticket' });
        expect(await ticket.innerText()).toContain(`Jira ${key}`);
        expect(await ticket.getByRole('link', { name: `Jira ${key}` }).getAttribute('href')).toBe(`${jira.url}/browse/${key}`);
        await page.getByLabel('Status').selectOption('HELD');
        await countIs(ticket, 0, 'the Jira ticket once only HELD messages are listed');
        expect(searchOf(page)).toEqual({ status: 'HELD' });
        expect(await page.locator('tr[data-message]').count()).toBe(await held.count());
        expect(problems).toEqual([]);
        await close();
      });
    });

    describe('Stability (/stability)', () => {
      it('charts success rate, duration and lead time per application from the history, in the status colours', async () => {
        const { page, problems, close } = await browser.open('/stability', VIEWER_TOKEN);
        const billing = page.locator('section[data-application="billing"]');
        await billing.locator('figure.chart').nth(2).waitFor();
        await countIs(page.locator('section[data-application="search"] figure.chart .recharts-wrapper'), 3, 'charts of search');
        await until(async () => (await billing.locator('.recharts-bar-rectangle').count()) > 0, 'bars of billing');
        expect(await billing.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Success rate', 'Deployment duration', 'Lead time, staging to production']);

        // Each chart is described in words, with the figures a table away.
        const ofBilling = past.filter((d) => d.application === 'billing');
        const succeeded = ofBilling.filter((d) => d.status === 'SUCCEEDED').length;
        await billing.getByRole('img', { name: `billing: ${succeeded} of ${ofBilling.length} production deployments succeeded` }).waitFor();
        await billing.getByText('The figures of billing as a table').click();
        expect(await billing.locator('table.stability-figures tbody tr').count()).toBe(10);

        // Bars and badges share one palette: succeeded green, failed red.
        const tone = (name: string) => page.evaluate<string>(`getComputedStyle(document.documentElement).getPropertyValue('--tone-${name}').trim()`);
        const fills = new Set(await Promise.all((await billing.locator('.recharts-bar-rectangle path').all()).map((path) => path.getAttribute('fill'))));
        expect([...fills].sort()).toEqual([await tone('bad'), await tone('good')].sort());

        await billing.getByText('The figures of billing as a table').click();
        await screenshot(page, 'stability');

        await page.getByLabel('Application').selectOption('search');
        await countIs(page.locator('section[data-application]'), 1, 'application sections with search chosen');
        await page.getByLabel('Range').selectOption('52');
        expect(searchOf(page)).toEqual({ application: 'search', weeks: '52' });
        await page.locator('section[data-application="search"] figure.chart').first().waitFor();

        // An application with no finished production deployment yet: the charts explain how they fill.
        await page.getByLabel('Application').selectOption('web');
        await page.getByText('The charts fill as rollouts finish').waitFor();
        expect(problems).toEqual([]);
        await close();
      });
    });
  });
});
