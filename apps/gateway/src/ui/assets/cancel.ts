/** `/ui/cancel.js`: the page at `/deployments/:id/cancel`, the link Slack carries. */
export const CANCEL_JS = String.raw`
import { el, gql, pathId } from './lib.js';
import { revChange, targetName } from './render.js';

const QUERY = 'query UiDeployment($id: ID!) { deployment(id: $id) { id status gitRev previousRev error changedBy changeReason application { name githubRepo slackChannel } target { cluster environment namespace } rollout { id weekOf status } shortlog { author count subjects } } }';
const CANCEL = 'mutation UiCancel($id: ID!, $reason: String!) { cancelDeployment(id: $id, reason: $reason) { id status changedBy changeReason application { name } target { cluster } } }';
const CANCELABLE = ['SCHEDULED', 'FAILED', 'BLOCKED'];

function shortlogView(entries) {
  if (!entries.length) return el('p', { class: 'empty' }, 'No shortlog (first deployment to this target, or GitHub not configured).');
  return el('ul', { class: 'shortlog' }, entries.map((e) => el('li', {}, el('strong', {}, e.author + ' (' + e.count + ')'), el('ul', {}, e.subjects.map((s) => el('li', {}, s))))));
}

function summary(d) {
  const state = CANCELABLE.includes(d.status)
    ? null
    : el('p', { class: d.status === 'CANCELED' ? 'ok' : 'hint' }, d.status === 'CANCELED'
      ? 'This deployment is CANCELED' + (d.changedBy ? ' by ' + d.changedBy : '') + (d.changeReason ? ': ' + d.changeReason : '.')
      : 'This deployment is ' + d.status + ': only one that has not started can be canceled.');
  return [
    el('dl', { class: 'facts' },
      el('dt', {}, 'Application'), el('dd', {}, d.application.name + ' (' + d.application.githubRepo + ', ' + d.application.slackChannel + ')'),
      el('dt', {}, 'Target'), el('dd', {}, targetName(d.target)),
      el('dt', {}, 'Rev'), el('dd', {}, revChange(d.previousRev, d.gitRev)),
      el('dt', {}, 'Status'), el('dd', {}, el('span', { class: 'badge status-' + d.status.toLowerCase(), id: 'deployment-status' }, d.status)),
      el('dt', {}, 'Rollout'), el('dd', {}, el('a', { href: '/rollouts/' + encodeURIComponent(d.rollout.id) }, d.rollout.weekOf || d.rollout.id), ' (' + d.rollout.status + ')'),
    ),
    state,
    el('h2', {}, 'What would change'),
    shortlogView(d.shortlog),
  ];
}

/** The link teams get on Slack: the deployment, and a form asking why it should not go out. */
export function page(view) {
  const id = pathId(2);
  const reason = el('textarea', { name: 'reason', rows: 3, required: true, placeholder: 'e.g. release notes are not ready; we will ship next week' });
  const result = el('p', { id: 'result', role: 'status' });
  const submit = el('button', { type: 'submit' }, 'Cancel this deployment');
  const form = el('form', { id: 'cancel-form', hidden: true }, el('label', {}, 'Why should it not be deployed?', reason), submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const { cancelDeployment: d } = await gql(CANCEL, { id, reason: reason.value });
      result.className = 'ok';
      result.textContent = 'Canceled: ' + d.application.name + ' will not be deployed to ' + d.target.cluster + ' in this rollout. Reason recorded: ' + d.changeReason;
      reason.value = '';
    } catch (error) {
      result.className = 'error';
      result.textContent = (error.code ? error.code + ': ' : '') + error.message;
    } finally {
      submit.disabled = false;
      view.refresh();
    }
  });
  view.content.after(form, result);
  return async () => {
    const { deployment } = await gql(QUERY, { id });
    form.hidden = !deployment || !CANCELABLE.includes(deployment.status);
    return deployment ? summary(deployment) : el('p', { class: 'error' }, 'Not found: no deployment has the id ' + id + '.');
  };
}
`;
