/** `/ui/render.js`: how a rollout, its deployments and the outbox look, shared by the home and rollout pages. */
export const RENDER_JS = String.raw`
import { badge, el, link, when } from './lib.js';

const DEPLOYMENT_FIELDS = 'id status gitRev previousRev attempt error jenkinsBuildUrl startedAt finishedAt changedBy changeReason application { name } target { cluster environment namespace }';
export const ROLLOUT_FIELDS = 'id kind status weekOf reason jiraIssueKey slackSummaryUrl createdAt startedAt finishedAt skipped { application reason } deployments { ' + DEPLOYMENT_FIELDS + ' }';
export const OUTBOX_FIELDS = 'id kind destination status text lastError link createdAt';

export function revChange(previous, next) {
  return el('span', { class: 'rev' }, el('code', {}, previous || '(none)'), ' → ', el('code', {}, next));
}

export function targetName(target) {
  return target.cluster + ' / ' + target.environment + ' (' + target.namespace + ')';
}

export function rolloutTitle(rollout) {
  return (rollout.kind === 'EMERGENCY' ? 'Emergency rollout' : 'Rollout') + ' ' + (rollout.weekOf || rollout.id);
}

function table(headings, rows, empty) {
  if (!rows.length) return el('p', { class: 'empty' }, empty);
  return el('table', {}, el('thead', {}, el('tr', {}, headings.map((h) => el('th', {}, h)))), el('tbody', {}, rows));
}

function errorCell(deployment) {
  const why = deployment.status === 'CANCELED' && deployment.changeReason ? 'canceled by ' + deployment.changedBy + ': ' + deployment.changeReason : '';
  return el('td', { class: deployment.error ? 'error' : '' }, deployment.error || why || '');
}

/** One row a deployment; actions(deployment) adds the operator buttons of the rollout page. */
export function deploymentsTable(deployments, actions) {
  const headings = ['Application', 'Target', 'Rev', 'Status', 'Error', 'Jenkins', 'Started', 'Finished'];
  const rows = deployments.map((d) =>
    el('tr', { 'data-deployment': d.id },
      el('td', {}, d.application.name),
      el('td', {}, targetName(d.target)),
      el('td', {}, revChange(d.previousRev, d.gitRev)),
      el('td', {}, badge(d.status), d.attempt > 1 ? ' (attempt ' + d.attempt + ')' : ''),
      errorCell(d),
      el('td', {}, link(d.jenkinsBuildUrl, 'build')),
      el('td', {}, when(d.startedAt)),
      el('td', {}, when(d.finishedAt)),
      actions ? el('td', { class: 'actions' }, actions(d)) : null,
    ),
  );
  return table(actions ? headings.concat('') : headings, rows, 'No deployments.');
}

function facts(rollout) {
  const pairs = [
    ['Created', when(rollout.createdAt)],
    ['Started', when(rollout.startedAt)],
    ['Finished', when(rollout.finishedAt)],
    ['Jira', rollout.jiraIssueKey || '—'],
    ['Slack summary', link(rollout.slackSummaryUrl, 'permalink')],
  ];
  if (rollout.reason) pairs.push(['Reason', rollout.reason]);
  return el('dl', { class: 'facts' }, pairs.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

/** A rollout: its facts, skipped applications and deployments; the title links to its own page. */
export function rolloutView(rollout, actions) {
  const skipped = rollout.skipped.length
    ? el('details', {}, el('summary', {}, rollout.skipped.length + ' application(s) skipped'), el('ul', {}, rollout.skipped.map((s) => el('li', {}, s.application + ': ' + s.reason))))
    : null;
  return el('section', { class: 'rollout' },
    el('h2', {}, el('a', { href: '/rollouts/' + encodeURIComponent(rollout.id) }, rolloutTitle(rollout)), ' ', badge(rollout.status)),
    facts(rollout),
    skipped,
    deploymentsTable(rollout.deployments, actions),
  );
}

/** Slack messages and Jira tickets, newest first: HELD means the integration is not configured. */
export function outboxView(messages) {
  const newest = messages.slice().reverse().slice(0, 50);
  const held = messages.filter((m) => m.status === 'HELD').length;
  const rows = newest.map((m) =>
    el('tr', {},
      el('td', {}, m.kind),
      el('td', {}, m.destination),
      el('td', {}, badge(m.status)),
      el('td', {}, el('div', { class: 'text' }, m.text || '')),
      el('td', { class: m.lastError ? 'error' : '' }, m.lastError || ''),
      el('td', {}, link(m.link)),
      el('td', {}, when(m.createdAt)),
    ),
  );
  return el('section', { class: 'outbox' },
    el('h2', {}, 'Outbox'),
    el('p', { class: 'hint' }, messages.length + ' message(s)' + (messages.length > newest.length ? ', newest ' + newest.length + ' shown' : '') + (held ? '; ' + held + ' HELD because Slack or Jira is not configured' : '') + '.'),
    table(['Kind', 'Destination', 'Status', 'Text', 'Last error', 'Link', 'Created'], rows, 'Nothing sent or held yet.'),
  );
}
`;
