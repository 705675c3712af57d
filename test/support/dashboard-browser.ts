import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`, which .ci/run does). */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Browser tests run wherever Chromium is; on CI a missing Chromium is a failure, not a skip, so a
 * broken install cannot pass for a green run.
 */
export const describeInBrowser: jest.Describe = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`dashboard browser tests ${process.env.CI ? 'will fail' : 'skipped'}: ${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium)`);

/** Where the README's screenshots live; tests rewrite them with UPDATE_SCREENSHOTS=1, else they go to /tmp. */
const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '../../docs/screenshots') : '/tmp/hydrator-screenshots';

export interface OpenPage {
  page: Page;
  /** Script errors, console errors and CSP refusals seen on the page: a test expects none. */
  problems: string[];
  close: () => Promise<void>;
}

/** One headless Chromium per test file, a fresh context (own localStorage) per page. */
export class DashboardBrowser {
  private constructor(
    private readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  static async launch(baseUrl: string): Promise<DashboardBrowser> {
    const { chromium } = await import('playwright-core');
    return new DashboardBrowser(await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }), baseUrl);
  }

  /** Opens `path` already signed in with `token` (or signed out with null). */
  async open(path: string, token: string | null, viewport = { width: 1400, height: 1000 }): Promise<OpenPage> {
    const context = await this.browser.newContext({ viewport, timezoneId: 'Europe/Paris', locale: 'en-GB' });
    if (token) await context.addInitScript(`localStorage.setItem('hydrator.token', ${JSON.stringify(token)})`);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    // Nothing may leave the machine: any request to another origin is a problem (and is refused).
    await context.route(
      (url) => url.origin !== new URL(this.baseUrl).origin,
      async (route) => {
        problems.push(`request to another origin: ${route.request().url()}`);
        await route.abort();
      },
    );
    await page.goto(`${this.baseUrl}${path}`);
    return { page, problems, close: () => context.close() };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** A full-page screenshot named for the README (docs/screenshots/<name>.png with UPDATE_SCREENSHOTS=1). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
