import type { RolloutKind } from '../gql/schema-types';
import { Link } from '../router';

/** A rollout named by its ISO week and kind ("2026-W49 · weekly", "emergency" when it has no week), linking to its page. */
export function RolloutLink({ rollout }: { rollout: { id: string; kind: RolloutKind; weekOf?: string | null } }) {
  const kind = rollout.kind === 'WEEKLY' ? 'weekly' : 'emergency';
  return <Link to={`/rollouts/${encodeURIComponent(rollout.id)}`}>{rollout.weekOf ? `${rollout.weekOf} · ${kind}` : kind}</Link>;
}
