import type { HistoryRolloutsQuery } from '../gql/graphql';
import { RolloutLink } from '../ui/rollout-link';
import { StatusBadge } from '../ui/status';
import { TableHead } from '../ui/table';
import { Time } from '../ui/time';
import { Took } from './took';

export type HistoryRollout = HistoryRolloutsQuery['rollouts'][number];

/** Past rollouts, newest first, each linking to its page. */
export function RolloutTable({ rollouts }: { rollouts: readonly HistoryRollout[] }) {
  return (
    <table className="history-rollouts">
      <TableHead columns={['Rollout', 'Status', 'Planned', 'Started', 'Finished', 'Duration', 'Reason']} />
      <tbody>
        {rollouts.map((rollout) => (
          <tr key={rollout.id} data-rollout={rollout.id}>
            <td>
              <RolloutLink rollout={rollout} />
              {rollout.createdBy && <div className="muted">by {rollout.createdBy}</div>}
            </td>
            <td>
              <StatusBadge status={rollout.status} />
            </td>
            <td>
              <Time value={rollout.createdAt} />
            </td>
            <td>
              <Time value={rollout.startedAt} />
            </td>
            <td>
              <Time value={rollout.finishedAt} />
            </td>
            <td>
              <Took startedAt={rollout.startedAt} finishedAt={rollout.finishedAt} running={rollout.status === 'RUNNING'} />
            </td>
            <td>{rollout.reason ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
