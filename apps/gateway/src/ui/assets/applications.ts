/** `/ui/applications.js`: the page at `/applications`. */
export const APPLICATIONS_JS = String.raw`
import { act, badge, el, gql, when } from './lib.js';

const QUERY = 'query UiApplications { applications { id name githubRepo slackChannel jenkinsJob frozen frozenReason frozenUntil targets { id cluster environment namespace role order currentRev } dependsOn { name } dependents { name } } }';
const FREEZE = 'mutation UiFreeze($name: String!, $reason: String!, $until: DateTime) { freezeApplication(name: $name, reason: $reason, until: $until) { name frozen } }';
const THAW = 'mutation UiThaw($name: String!) { thawApplication(name: $name) { name frozen } }';

function targetsList(targets) {
  return el('ul', { class: 'targets' }, targets.map((t) =>
    el('li', {}, t.role === 'PRODUCTION' ? 'production #' + t.order : 'staging', ': ' + t.cluster + ' / ' + t.environment + ' (' + t.namespace + ') at ', el('code', {}, t.currentRev || 'never deployed')),
  ));
}

function names(list) {
  return list.length ? list.map((a) => a.name).join(', ') : '—';
}

/** Applications with their targets, dependencies and freezes; freeze and thaw them. */
export function page(view) {
  const name = el('input', { name: 'name', required: true, list: 'application-names', placeholder: 'application' });
  const reason = el('input', { name: 'reason', required: true, placeholder: 'reason, e.g. incident INC-42' });
  const until = el('input', { name: 'until', type: 'datetime-local', title: 'optional: when the freeze lifts by itself' });
  const submit = el('button', { type: 'submit' }, 'Freeze');
  const datalist = el('datalist', { id: 'application-names' });
  const form = el('form', { class: 'inline' }, el('h2', {}, 'Freeze an application'), name, reason, el('label', {}, 'until ', until), submit, datalist);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const variables = { name: name.value.trim(), reason: reason.value, until: until.value ? new Date(until.value).toISOString() : null };
    act(submit, () => gql(FREEZE, variables), (r) => r.freezeApplication.name + ' is frozen', view.refresh);
  });
  view.content.before(form);
  const row = (a) => el('tr', {},
    el('td', {}, el('strong', {}, a.name), el('br'), a.githubRepo, el('br'), a.slackChannel + ' · ' + a.jenkinsJob),
    el('td', {}, a.frozen ? [badge('FROZEN'), ' ', a.frozenReason || '', a.frozenUntil ? ' (until ' + when(a.frozenUntil) + ')' : ''] : 'no'),
    el('td', {}, targetsList(a.targets)),
    el('td', {}, names(a.dependsOn)),
    el('td', {}, names(a.dependents)),
    el('td', { class: 'actions' }, a.frozen
      ? el('button', { type: 'button', onclick: (event) => act(event.target, () => gql(THAW, { name: a.name }), (r) => r.thawApplication.name + ' is thawed', view.refresh) }, 'Thaw')
      : el('button', { type: 'button', onclick: () => { name.value = a.name; reason.focus(); } }, 'Freeze…')),
  );
  return async () => {
    const { applications } = await gql(QUERY);
    datalist.replaceChildren(...applications.map((a) => el('option', { value: a.name })));
    if (!applications.length) return el('p', { class: 'empty' }, 'No application registered yet: registerApplication adds one.');
    const headings = ['Application', 'Frozen', 'Targets (current rev)', 'Depends on', 'Needed by', ''];
    return el('table', {}, el('thead', {}, el('tr', {}, headings.map((h) => el('th', {}, h)))), el('tbody', {}, applications.map(row)));
  };
}
`;
