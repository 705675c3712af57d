/** `/ui/app.js`: the entry module of every page; `<body data-page>` says which page module it runs. */
export const APP_JS = String.raw`
import { live, tokenForm } from './lib.js';
import { load as home } from './home.js';
import { page as rollout } from './rollout.js';
import { page as cancel } from './cancel.js';
import { page as applications } from './applications.js';

// Each page gets its container and a refresh-now for after an action, and returns what to load every 5 s.
const pages = { home: () => home, rollout, cancel, applications };
const content = document.getElementById('content');
let refreshNow = () => {};
const view = { content, refresh: () => refreshNow() };
tokenForm(document.getElementById('token-form'));
refreshNow = live(content, pages[document.body.dataset.page](view));
`;
