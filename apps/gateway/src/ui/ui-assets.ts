import { APP_JS } from './assets/app';
import { APPLICATIONS_JS } from './assets/applications';
import { CANCEL_JS } from './assets/cancel';
import { HOME_JS } from './assets/home';
import { LIB_JS } from './assets/lib';
import { RENDER_JS } from './assets/render';
import { ROLLOUT_JS } from './assets/rollout';
import { STYLE_CSS } from './assets/style';

export interface UiAsset {
  contentType: string;
  body: string;
}

const js = (body: string): UiAsset => ({ contentType: 'text/javascript; charset=utf-8', body });

/**
 * Everything under `/ui/`. The assets are TypeScript string constants, so they travel with the
 * compiled code into dist/ (and the Docker image) without a build step or a path to resolve.
 */
export const UI_ASSETS: Readonly<Record<string, UiAsset>> = {
  'app.js': js(APP_JS),
  'lib.js': js(LIB_JS),
  'render.js': js(RENDER_JS),
  'home.js': js(HOME_JS),
  'rollout.js': js(ROLLOUT_JS),
  'cancel.js': js(CANCEL_JS),
  'applications.js': js(APPLICATIONS_JS),
  'style.css': { contentType: 'text/css; charset=utf-8', body: STYLE_CSS },
};

/** The pages, by the name app.js dispatches on, with their (constant) titles. */
export const UI_PAGES = {
  home: 'Rollouts',
  rollout: 'Rollout',
  cancel: 'Cancel a deployment',
  applications: 'Applications',
} as const;

export type UiPage = keyof typeof UI_PAGES;

/**
 * The HTML of a page: a fixed shell that nothing from the request or the database goes into. The page
 * module reads the id from the URL and fills `#content` with text nodes only.
 */
export function pageHtml(page: UiPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hydrator · ${UI_PAGES[page]}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/style.css">
<script type="module" src="/ui/app.js"></script>
</head>
<body data-page="${page}">
<header>
  <nav><a class="brand" href="/">Hydrator</a><a href="/">Rollouts</a><a href="/applications">Applications</a><a href="/graphql">GraphQL</a></nav>
  <form id="token-form" autocomplete="off">
    <label for="token">Token</label>
    <input id="token" name="token" type="password" placeholder="operator or viewer token">
    <button type="submit">Save</button><button type="button" class="forget">Forget</button>
    <span class="token-state"></span>
  </form>
</header>
<main>
  <h1>${UI_PAGES[page]}</h1>
  <p id="notice" role="status"></p>
  <div id="content"><noscript>This page needs JavaScript.</noscript><p class="hint">Loading…</p></div>
</main>
</body>
</html>
`;
}
