/** `/ui/rollout.js`: the page at `/rollouts/:id`. */
export const ROLLOUT_JS = String.raw`
import { act, el, gql, pathId } from './lib.js';
import { OUTBOX_FIELDS, ROLLOUT_FIELDS, outboxView, rolloutView } from './render.js';

const QUERY = 'query UiRollout($id: ID!) { rollout(id: $id) { ' + ROLLOUT_FIELDS + ' } outbox(rolloutId: $id) { ' + OUTBOX_FIELDS + ' } }';
const RUN = 'mutation UiRun($id: ID) { runRollout(id: $id) { id status } }';
const RETRY = 'mutation UiRetry($id: ID!) { retryDeployment(id: $id) { id status application { name } } }';
const CANCELABLE = ['SCHEDULED', 'FAILED', 'BLOCKED'];

/** One rollout with the operator's buttons: run or resume it, retry or cancel a deployment. */
export function page(view) {
  const id = pathId(2);
  const button = (label, run, done) => el('button', { type: 'button', onclick: (event) => act(event.target, run, done, view.refresh) }, label);
  const actions = (d) => [
    d.status === 'FAILED' || d.status === 'BLOCKED'
      ? button('Retry', () => gql(RETRY, { id: d.id }), (r) => 'Retrying ' + r.retryDeployment.application.name + ': ' + r.retryDeployment.status)
      : null,
    CANCELABLE.includes(d.status) ? el('a', { class: 'button', href: '/deployments/' + encodeURIComponent(d.id) + '/cancel' }, 'Cancel…') : null,
  ];
  return async () => {
    const { rollout, outbox } = await gql(QUERY, { id });
    if (!rollout) return el('p', { class: 'error' }, 'Not found: no rollout has the id ' + id + '.');
    const run = rollout.status === 'PLANNED' || rollout.status === 'HALTED'
      ? button(rollout.status === 'HALTED' ? 'Resume rollout' : 'Run rollout', () => gql(RUN, { id }), (r) => 'Rollout is ' + r.runRollout.status)
      : null;
    return [el('p', { class: 'toolbar' }, run), rolloutView(rollout, actions), outboxView(outbox)];
  };
}
`;
