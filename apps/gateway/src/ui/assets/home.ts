/** `/ui/home.js`: the page at `/`. */
export const HOME_JS = String.raw`
import { el, gql } from './lib.js';
import { OUTBOX_FIELDS, ROLLOUT_FIELDS, outboxView, rolloutTitle, rolloutView } from './render.js';

const QUERY = 'query UiHome { currentRollout { ' + ROLLOUT_FIELDS + ' } rollouts(limit: 10) { ' + ROLLOUT_FIELDS + ' } outbox { ' + OUTBOX_FIELDS + ' } }';

/** The current rollout in full, the other recent ones folded, and the outbox. */
export async function load() {
  const { currentRollout, rollouts, outbox } = await gql(QUERY);
  const current = currentRollout
    ? [el('h2', { class: 'kicker' }, 'Current rollout'), rolloutView(currentRollout)]
    : el('p', { class: 'empty' }, 'No rollout yet: scheduleRollout plans one (Monday by default).');
  const others = rollouts.filter((r) => !currentRollout || r.id !== currentRollout.id);
  const recent = others.map((r) =>
    el('details', { class: 'recent' }, el('summary', {}, rolloutTitle(r) + ' — ' + r.status + ', ' + r.deployments.length + ' deployment(s)'), rolloutView(r)),
  );
  return [current, others.length ? [el('h2', { class: 'kicker' }, 'Recent rollouts'), recent] : null, outboxView(outbox)];
}
`;
