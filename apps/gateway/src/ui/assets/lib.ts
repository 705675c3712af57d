/**
 * `/ui/lib.js`: what every page shares — the bearer token, GraphQL over fetch, DOM building that only
 * ever inserts text, and the 5-second refresh. Client code: no backticks or `${` in it (it lives in a
 * template literal).
 */
export const LIB_JS = String.raw`
const TOKEN_KEY = 'hydrator.token';
export const POLL_MS = 5000;

export function getToken() {
  return localStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) localStorage.setItem(TOKEN_KEY, value);
  else localStorage.removeItem(TOKEN_KEY);
}

/** A GraphQL error: the gateway's message is written for people, so pages show it as it is. */
export class GraphqlError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code || '';
  }
}

/** POSTs one operation to /graphql as JSON (Apollo's CSRF prevention wants that content type). */
export async function gql(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + getToken() },
    body: JSON.stringify({ query, variables: variables || {} }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphqlError('the gateway answered HTTP ' + response.status + ' without a GraphQL body', 'HTTP');
  }
  if (body.errors && body.errors.length) {
    const first = body.errors[0];
    throw new GraphqlError(first.message, first.extensions && first.extensions.code);
  }
  return body.data;
}

/** Builds an element. Children that are not nodes become text: data never becomes markup. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A link for http(s) URLs only (a javascript: URL from the data stays text); '—' when empty. */
export function link(url, text) {
  if (!url) return '—';
  if (!/^https?:\/\//i.test(url)) return String(url);
  return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text || url);
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

export function badge(status) {
  return el('span', { class: 'badge status-' + String(status).toLowerCase() }, status);
}

/** The id in the page's path: /rollouts/<id>, /deployments/<id>/cancel. */
export function pathId(position) {
  return decodeURIComponent(location.pathname.split('/')[position] || '');
}

/** The line under the title where actions report how they went. */
export function notice(message, kind) {
  const box = document.getElementById('notice');
  box.textContent = message || '';
  box.className = message ? kind || 'ok' : '';
}

export function problem(error) {
  const lines = [el('strong', {}, error.code ? error.code + ': ' : '', error.message)];
  if (error.code === 'UNAUTHENTICATED') lines.push(el('br'), 'Check the token above.');
  return el('p', { class: 'error' }, lines);
}

function tokenPrompt() {
  return el('p', { class: 'prompt' }, 'Paste an operator or viewer token in the box above; ', el('code', {}, 'npm start'), ' prints one (HYDRATOR_OPERATOR_TOKENS / HYDRATOR_VIEWER_TOKENS).');
}

/**
 * Shows what load() builds in container now and every POLL_MS, or the token prompt, or the error.
 * Returns a function that refreshes at once (after an action). Runs never overlap: a refresh asked
 * for during a run happens right after it.
 */
export function live(container, load) {
  let running = false;
  let again = false;
  const refresh = async () => {
    if (running) return void (again = true);
    running = true;
    try {
      const shown = getToken() ? await load() : tokenPrompt();
      container.replaceChildren(...[shown].flat(Infinity).filter((n) => n !== undefined && n !== null && n !== false));
    } catch (error) {
      container.replaceChildren(problem(error));
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      refresh();
    }
  };
  refresh();
  setInterval(() => document.hidden || refresh(), POLL_MS);
  return refresh;
}

/** Runs a mutation from a button: disabled meanwhile, outcome in the notice line, then a refresh. */
export async function act(button, run, done, refresh) {
  button.disabled = true;
  try {
    notice(done(await run()), 'ok');
  } catch (error) {
    notice((error.code ? error.code + ': ' : '') + error.message, 'error');
  } finally {
    button.disabled = false;
    if (refresh) refresh();
  }
}

/** The token box in the header: saved in localStorage, sent as a bearer token. */
export function tokenForm(form) {
  const input = form.querySelector('input');
  const state = form.querySelector('.token-state');
  const token = getToken();
  state.textContent = token ? 'token set (…' + token.slice(-4) + ')' : 'no token';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(input.value.trim());
    location.reload();
  });
  form.querySelector('.forget').addEventListener('click', () => {
    setToken('');
    location.reload();
  });
}
`;
