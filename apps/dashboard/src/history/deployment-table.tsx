import { Fragment, useState } from 'react';
import type { HistoryDeploymentsQuery } from '../gql/graphql';
import { Link } from '../router';
import { RevChange, targetLabel } from '../ui/rev';
import { RolloutLink } from '../ui/rollout-link';
import { StatusBadge } from '../ui/status';
import { TableHead } from '../ui/table';
import { Time } from '../ui/time';
import { AttemptList } from './attempt-list';
import { Took } from './took';

export type HistoryDeployment = HistoryDeploymentsQuery['deployments'][number];

const COLUMNS = ['Application', 'Target', 'Rev', 'Status', 'Started', 'Finished', 'Duration', 'Rollout', 'Jenkins builds'];

/** Deployments, newest first; each row opens onto its Jenkins builds. */
export function DeploymentTable({ deployments }: { deployments: readonly HistoryDeployment[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <table className="history-deployments">
      <TableHead columns={COLUMNS} />
      <tbody>
        {deployments.map((deployment) => {
          const expanded = open.has(deployment.id);
          const detailsId = `attempts-${deployment.id}`;
          return (
            <Fragment key={deployment.id}>
              <tr data-deployment={deployment.id}>
                <td>
                  <Link to={`/applications/${encodeURIComponent(deployment.application.name)}`}>{deployment.application.name}</Link>
                </td>
                <td>
                  <span className="target">{targetLabel(deployment.target)}</span>
                  <div className="muted">namespace {deployment.target.namespace}</div>
                </td>
                <td>
                  <RevChange from={deployment.previousRev} to={deployment.gitRev} short />
                </td>
                <td>
                  <StatusBadge status={deployment.status} />
                  {deployment.error && <div className="row-error">{deployment.error}</div>}
                </td>
                <td>
                  <Time value={deployment.startedAt} />
                </td>
                <td>
                  <Time value={deployment.finishedAt} />
                </td>
                <td>
                  <Took startedAt={deployment.startedAt} finishedAt={deployment.finishedAt} running={deployment.status === 'RUNNING'} />
                </td>
                <td>
                  <RolloutLink rollout={deployment.rollout} />
                </td>
                <td>
                  <button type="button" aria-expanded={expanded} aria-controls={detailsId} onClick={() => toggle(deployment.id)}>
                    {expanded ? 'Hide' : 'Show'} attempts ({deployment.attempt})
                  </button>
                </td>
              </tr>
              {expanded && (
                <tr id={detailsId} className="history-attempts">
                  <td colSpan={COLUMNS.length}>
                    <AttemptList deploymentId={deployment.id} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
