import { JenkinsSandbox } from '@hydrator/sandbox';
import { TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { DashboardBrowser, describeInBrowser } from './support/dashboard-browser';
import { PlannedRollout } from './support/planned-rollout';
import { createJobs, stagingRevOf } from './support/rollout-fixture';

const FLEET = { applications: [{ name: 'api' }, { name: 'web', dependsOn: ['api'] }] };

/** The signed cancel link of a team message, opened signed out in Chromium: the page works with the link's token alone. */
describeInBrowser('dashboard: the cancel page from a signed link, signed out', () => {
  let hydrator: TestHydrator;
  let browser: DashboardBrowser;
  // Builds run until the test ends, so a started rollout stays started.
  const jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 10, hold: true } });
  let planned: PlannedRollout;

  /** The path and query of `id`'s link as the team message (held: Slack is not configured) carries it, to open on this gateway. */
  async function linkOf(id: string): Promise<string> {
    const url = await planned.cancelLink(id);
    return `${url.pathname}${url.search}`;
  }

  beforeAll(async () => {
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule],
      env: { JENKINS_URL: await jenkins.start(), JENKINS_POLL_INTERVAL: '1h' },
    });
    jenkins.webhookUrl = `${hydrator.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    createJobs(jenkins, FLEET);
    browser = await DashboardBrowser.launch(hydrator.url);
  });
  afterAll(async () => {
    await browser?.close();
    await hydrator?.close();
    await jenkins.stop();
  });
  beforeEach(async () => {
    await hydrator.resetDatabase();
    planned = await PlannedRollout.plan(hydrator, FLEET);
  });

  it('shows the deployment and cancels it with a reason, without signing in', async () => {
    const id = planned.deployment('web', 'prod-0');
    const { page, problems, close } = await browser.open(await linkOf(id), null);
    await page.locator('#deployment-status', { hasText: 'SCHEDULED' }).waitFor();
    const main = page.locator('main');
    const text = await main.innerText();
    expect(text).toContain('web (GitHub acme/web, Slack #team-web)');
    expect(text).toContain('prod-0 / production, namespace web');
    expect(text).toContain(stagingRevOf('web'));
    expect(text).toContain('it cancels this deployment only, and only until the rollout starts');
    // No sign-in form: the link's token is the credential.
    expect(await page.getByLabel('Operator or viewer token').count()).toBe(0);

    await page.getByLabel('Reason (required)').fill('web team: the release notes are not ready');
    await page.getByRole('button', { name: 'Cancel deployment' }).click();
    await page.locator('#result', { hasText: 'Canceled: web will not be deployed to prod-0 / production' }).waitFor();
    await page.locator('#deployment-status', { hasText: 'CANCELED' }).waitFor();
    await page.getByText(`This deployment is CANCELED by link:${id.slice(0, 8)}: web team: the release notes are not ready`).waitFor();
    expect(await planned.statusOf(id)).toBe('CANCELED');
    expect(await planned.cancels()).toEqual([expect.objectContaining({ actor: `link:${id.slice(0, 8)}`, subject_id: id })]);
    expect(await planned.statusOf(planned.deployment('web', 'prod-1'))).toBe('SCHEDULED');
    expect(await page.title()).toBe('Hydrator · Cancel a deployment');
    expect(problems).toEqual([]);
    await close();
  });

  it("refuses another deployment's link and says so, changing nothing", async () => {
    const web = planned.deployment('web', 'prod-0');
    const api = planned.deployment('api', 'prod-0');
    const stolen = (await linkOf(web)).replace(web, api);
    const { page, problems, close } = await browser.open(stolen, null);
    await page.getByText('This cancel link is not valid.').waitFor();
    expect(await page.locator('#cancel-form').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Sign in with a Hydrator token instead' }).getAttribute('href')).toBe(`/deployments/${api}/cancel`);
    expect(await planned.statusOf(api)).toBe('SCHEDULED');
    // The gateway's 401 is the page's answer; the browser logs the failed request, nothing else.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await close();
  });

  it('says the link expired once the rollout started, and offers no form', async () => {
    const web = planned.deployment('web', 'prod-1');
    const link = await linkOf(web);
    await hydrator.graphqlOk(`mutation($id: ID) { runRollout(id: $id) { id } }`, { id: planned.id });
    await hydrator.waitFor(async () => (await planned.statusOf(planned.deployment('api', 'prod-0'))) === 'RUNNING', 'api on prod-0 to be RUNNING');
    const { page, problems, close } = await browser.open(link, null);
    await page.locator('#not-cancelable', { hasText: 'This link can no longer cancel: this cancel link expired when the rollout started (it is RUNNING)' }).waitFor();
    expect(await page.locator('#cancel-form').count()).toBe(0);
    expect(await planned.statusOf(web)).toBe('SCHEDULED');
    expect(problems).toEqual([]);
    await close();
  });
});
