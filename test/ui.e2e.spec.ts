import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { OPERATOR_TOKEN, TestHydrator, VIEWER_TOKEN } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { UI_ASSETS } from '../apps/gateway/src/ui/ui-assets';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../apps/scheduler/src/scheduler.module';
import { planFleet, stagingRevOf } from './support/rollout-fixture';

/** Debian's chromium (`apt-get install chromium`); without it the browser tests skip themselves. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = '/tmp/hydrator-cancel.png';
const UNKNOWN_ID = '00000000-0000-0000-0000-000000000000';
/** A commit subject that would run script if a page ever inserted data as markup. */
const HOSTILE_SUBJECT = '<img src=x onerror="document.title=\'pwned\'"> fix login';

describe('web UI', () => {
  let hydrator: TestHydrator;
  let rolloutId: string;
  let deployments: Array<{ id: string; application: string; cluster: string }>;
  const fleet = { applications: [{ name: 'api' }, { name: 'web', dependsOn: ['api'] }] };
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => hydrator.orm.em.fork().getConnection().execute<T[]>(query, params);
  const deployment = (application: string, cluster: string) => deployments.find((d) => d.application === application && d.cluster === cluster)!.id;

  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule, SchedulerModule, NotifierModule] });
    await hydrator.resetDatabase();
    rolloutId = await planFleet(hydrator, fleet);
    deployments = await sql(`select d.id, a.name as application, t.cluster from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id`);
    // What a team would see against a previous production rev (the fixture plans first deployments).
    const shortlog = [{ author: 'Ada Lovelace', count: 2, subjects: ['add billing retries', HOSTILE_SUBJECT] }];
    await sql(`update deployment set previous_rev = 'rev-old', shortlog = ?::jsonb`, [JSON.stringify(shortlog)]);
  });
  afterAll(async () => {
    await hydrator?.close();
  });

  describe('routes', () => {
    it.each([
      ['/', 'home', 'Rollouts'],
      [`/rollouts/${UNKNOWN_ID}`, 'rollout', 'Rollout'],
      [`/deployments/${UNKNOWN_ID}/cancel`, 'cancel', 'Cancel a deployment'],
      ['/applications', 'applications', 'Applications'],
    ])('GET %s is the %s page', async (path, page, title) => {
      const response = await fetch(`${hydrator.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await response.text();
      expect(html).toContain(`<body data-page="${page}">`);
      expect(html).toContain(`<h1>${title}</h1>`);
      expect(html).toContain('<script type="module" src="/ui/app.js"></script>');
      expect(html).toMatch(/<form id="token-form"[\s\S]*<div id="content">/);
      // Every script is a module file: nothing inline for the policy to refuse.
      expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/ui/app.js">']);
    });

    it('serves every module as JavaScript and the stylesheet as CSS, and 404s anything else', async () => {
      for (const [file, { contentType }] of Object.entries(UI_ASSETS)) {
        const response = await fetch(`${hydrator.url}/ui/${file}`);
        expect([file, response.status, response.headers.get('content-type')]).toEqual([file, 200, contentType]);
        const imports = [...(await response.text()).matchAll(/from '\.\/([\w-]+\.js)'/g)].map((m) => m[1]);
        for (const imported of imports) expect(Object.keys(UI_ASSETS)).toContain(imported);
      }
      expect((await fetch(`${hydrator.url}/ui/app.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
      expect((await fetch(`${hydrator.url}/ui/constructor`)).status).toBe(404);
      expect((await fetch(`${hydrator.url}/ui/nope.js`)).status).toBe(404);
    });
  });

  const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
  if (!existsSync(CHROMIUM)) console.warn(`web UI browser tests skipped: ${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium)`);

  describeInBrowser('in a browser (Debian chromium)', () => {
    let browser: Browser;
    let problems: string[];

    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    });
    afterAll(async () => {
      await browser?.close();
    });

    /** A fresh page with `token` already in localStorage; script errors and CSP refusals are collected. */
    async function open(path: string, token: string | null): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      if (token) await context.addInitScript(`localStorage.setItem('hydrator.token', ${JSON.stringify(token)})`);
      const page = await context.newPage();
      problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
      await page.goto(`${hydrator.url}${path}`);
      return page;
    }
    const statusOf = async (id: string) => (await sql<{ status: string; change_reason: string | null }>(`select status, change_reason from deployment where id = ?`, [id]))[0];

    it('asks for a token first, and keeps the one pasted in localStorage', async () => {
      const page = await open('/', null);
      await page.getByText('Paste an operator or viewer token').waitFor();
      await page.fill('#token', OPERATOR_TOKEN);
      await Promise.all([page.waitForEvent('load'), page.click('#token-form button[type=submit]')]);
      expect(await page.evaluate(`localStorage.getItem('hydrator.token')`)).toBe(OPERATOR_TOKEN);
      await page.getByText('Current rollout').waitFor();
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('cancels a scheduled deployment from the link Slack carries', async () => {
      const id = deployment('web', 'prod-0');
      const page = await open(`/deployments/${id}/cancel`, OPERATOR_TOKEN);
      await page.locator('#deployment-status', { hasText: 'SCHEDULED' }).waitFor();
      const content = page.locator('#content');
      expect(await content.innerText()).toContain('web (acme/web, #team-web)');
      expect(await content.innerText()).toContain('prod-0 / production (web)');
      expect(await content.innerText()).toContain(`rev-old → ${stagingRevOf('web')}`);
      // Data is text, never markup.
      expect(await content.innerText()).toContain(HOSTILE_SUBJECT);
      expect(await page.locator('#content img').count()).toBe(0);

      await page.fill('#cancel-form textarea', 'web team: release notes are not ready');
      await page.click('#cancel-form button[type=submit]');
      await page.locator('#result', { hasText: 'Canceled: web will not be deployed to prod-0' }).waitFor();
      expect(await statusOf(id)).toEqual({ status: 'CANCELED', change_reason: 'web team: release notes are not ready' });
      await page.locator('#deployment-status', { hasText: 'CANCELED' }).waitFor();
      await page.getByText('This deployment is CANCELED by test-operator: web team: release notes are not ready').waitFor();
      expect(await page.title()).toBe('Hydrator · Cancel a deployment');
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it("shows the gateway's message verbatim when a viewer tries to cancel", async () => {
      const id = deployment('api', 'prod-1');
      const page = await open(`/deployments/${id}/cancel`, VIEWER_TOKEN);
      await page.fill('#cancel-form textarea', 'not mine to cancel');
      await page.click('#cancel-form button[type=submit]');
      await page.locator('#result', { hasText: 'FORBIDDEN: test-viewer has a viewer token: mutations need an operator token' }).waitFor();
      expect((await statusOf(id)).status).toBe('SCHEDULED');
      await page.context().close();
    });

    it('says "not found" for ids nobody has', async () => {
      for (const path of [`/deployments/${UNKNOWN_ID}/cancel`, '/rollouts/not-a-uuid']) {
        const page = await open(path, OPERATOR_TOKEN);
        await page.locator('#content', { hasText: 'Not found: no' }).waitFor();
        expect(await page.locator('#cancel-form').isHidden()).toBe(true);
        expect(problems).toEqual([]);
        await page.context().close();
      }
    });

    it('shows the rollout and the held outbox, and follows changes by polling', async () => {
      const page = await open('/', VIEWER_TOKEN);
      await page.getByText('Current rollout').waitFor();
      await page.locator('.outbox', { hasText: 'HELD' }).first().waitFor();
      const id = deployment('api', 'prod-0');
      await sql(`update deployment set status = 'FAILED', error = 'Jenkins build #7 FAILURE' where id = ?`, [id]);
      await page.locator(`tr[data-deployment="${id}"]`, { hasText: 'Jenkins build #7 FAILURE' }).waitFor({ timeout: 12_000 });
      await page.context().close();
    });

    it('offers retry and cancel on the rollout page, and says FORBIDDEN to a viewer', async () => {
      const page = await open(`/rollouts/${rolloutId}`, VIEWER_TOKEN);
      const failed = page.locator(`tr[data-deployment="${deployment('api', 'prod-0')}"]`);
      await failed.getByRole('button', { name: 'Retry' }).click();
      await page.locator('#notice.error', { hasText: 'FORBIDDEN: test-viewer has a viewer token' }).waitFor();
      expect(await page.locator(`tr[data-deployment="${deployment('api', 'prod-1')}"] a`, { hasText: 'Cancel…' }).getAttribute('href')).toBe(`/deployments/${deployment('api', 'prod-1')}/cancel`);
      await page.getByRole('button', { name: 'Run rollout' }).waitFor();
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('freezes and thaws an application', async () => {
      const page = await open('/applications', OPERATOR_TOKEN);
      const row = page.locator('tr', { hasText: 'acme/api' });
      await row.getByRole('button', { name: 'Freeze…' }).click();
      expect(await page.inputValue('form.inline input[name=name]')).toBe('api');
      await page.fill('form.inline input[name=reason]', 'incident INC-42');
      await page.click('form.inline button[type=submit]');
      await page.locator('#notice', { hasText: 'api is frozen' }).waitFor();
      await row.getByText('incident INC-42').waitFor();
      await row.getByRole('button', { name: 'Thaw' }).click();
      await page.locator('#notice', { hasText: 'api is thawed' }).waitFor();
      await row.getByRole('button', { name: 'Freeze…' }).waitFor();
      expect(problems).toEqual([]);
      await page.context().close();
    });
  });
});
