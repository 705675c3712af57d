import { OPERATOR_TOKEN, TestHydrator, VIEWER_TOKEN } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { DASHBOARD_ROUTES } from '../apps/gateway/src/dashboard/dashboard.controller';
import { DashboardBrowser, describeInBrowser } from './support/dashboard-browser';

const UNKNOWN_ID = '00000000-0000-0000-0000-000000000000';

describe('dashboard, as the gateway serves it', () => {
  let hydrator: TestHydrator;
  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
  });
  afterAll(async () => {
    await hydrator?.close();
  });

  it.each([...DASHBOARD_ROUTES.map((route) => route.replace(':id', UNKNOWN_ID).replace(':name', 'api')), '/history?application=api'])('GET %s is the app, under a strict policy', async (path) => {
    const response = await fetch(`${hydrator.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self';");
    const html = await response.text();
    expect(html).toContain('<div id="root">');
    // Only module files: nothing inline for the policy to refuse, nothing from another origin.
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/^<script type="module" crossorigin src="\/assets\/[\w.-]+\.js">$/);
  });

  it('serves built assets by their hashed names for a year, and 404s anything else', async () => {
    const html = await (await fetch(`${hydrator.url}/`)).text();
    const script = /src="(\/assets\/[\w.-]+\.js)"/.exec(html)![1];
    const response = await fetch(`${hydrator.url}${script}`);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, expect.stringMatching(/javascript/)]);
    expect(response.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/assets/nope.js', '/assets/..%2Fpackage.json', '/ui/app.js']) expect([path, (await fetch(`${hydrator.url}${path}`)).status]).toEqual([path, 404]);
  });

  describeInBrowser('in Chromium', () => {
    let browser: DashboardBrowser;
    beforeAll(async () => {
      browser = await DashboardBrowser.launch(hydrator.url);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('asks for a token, says clearly when it is refused, and signs in with a good one', async () => {
      const { page, problems, close } = await browser.open('/', null);
      await page.getByLabel('Operator or viewer token').fill('not-a-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'The gateway refused this token: it is wrong or no longer valid' }).waitFor();
      await page.getByLabel('Operator or viewer token').fill(VIEWER_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Signed in as test-viewer (viewer: read only)').waitFor();
      expect(await page.evaluate(`localStorage.getItem('hydrator.token')`)).toBe(VIEWER_TOKEN);
      expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
      await close();
    });

    it('signs a saved token that is no longer valid out, with the reason', async () => {
      const { page, close } = await browser.open('/history', 'revoked-token');
      await page.getByRole('alert').filter({ hasText: 'The gateway refused this token' }).waitFor();
      expect(await page.getByLabel('Operator or viewer token').isVisible()).toBe(true);
      await close();
    });

    it('runs GraphiQL from the bundle, offline, with the signed-in token', async () => {
      const { page, problems, close } = await browser.open('/api', OPERATOR_TOKEN);
      // The editor (Monaco) loads after the page: its query is there once it can run.
      await page.locator('.graphiql-query-editor', { hasText: 'query ThisWeek' }).waitFor();
      const response = page.locator('.graphiql-response', { hasText: '"currentRollout"' });
      for (let attempt = 1; !(await response.isVisible()); attempt++) {
        if (attempt > 10) throw new Error('GraphiQL never showed the response to its query');
        await page.getByRole('button', { name: /Execute query/i }).click();
        await response.waitFor({ timeout: 2000 }).catch(() => undefined);
      }
      expect(problems).toEqual([]);
      await close();
    });
  });
});
