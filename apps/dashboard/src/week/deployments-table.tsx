import { useState } from 'react';
import { ExternalLink } from '../ui/external-link';
import { RevChange, targetLabel } from '../ui/rev';
import { StatusBadge } from '../ui/status';
import { TableHead } from '../ui/table';
import { Duration, formatDuration, Time } from '../ui/time';
import { CancelForm, ChangeRevForm, RowActions, RowForm } from './deployment-actions';
import type { WeekDeployment } from './use-live-rollout';

const COLUMNS = ['Application', 'Target', 'Rev', 'Status', 'Waiting for / error', 'Jenkins', 'Started', 'Duration', 'Attempt', 'Actions'];

/** Statuses in which the runner still moves the deployment: its elapsed time ticks. */
const UNDER_WAY = new Set(['QUEUED', 'RUNNING']);
/** Statuses `waitingFor` explains. */
const WAITING = new Set(['SCHEDULED', 'QUEUED']);

/** Every deployment of the rollout, one row each, with its actions. */
export function DeploymentsTable({ deployments, onChanged }: { deployments: readonly WeekDeployment[]; onChanged: () => void }) {
  return (
    <table className="week-deployments">
      <caption className="muted">Every deployment of this rollout, live.</caption>
      <TableHead columns={COLUMNS} />
      <tbody>
        {deployments.map((deployment) => (
          <DeploymentRow key={deployment.id} deployment={deployment} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
  );
}

function DeploymentRow({ deployment, onChanged }: { deployment: WeekDeployment; onChanged: () => void }) {
  const [open, setOpen] = useState<RowForm>();
  const close = () => setOpen(undefined);
  const d = deployment;
  return (
    <>
      <tr data-deployment={d.id} className={open ? 'has-form' : undefined}>
        <th scope="row">{d.application.name}</th>
        <td className="target">{targetLabel(d.target)}</td>
        <td>
          <RevChange from={d.previousRev} to={d.gitRev} short />
        </td>
        <td>
          <StatusBadge status={d.status} />
        </td>
        <td className="why">
          {WAITING.has(d.status) && d.waitingFor && <span className="waiting">{d.waitingFor}</span>}
          {d.error && <span className="deployment-error">{d.error}</span>}
        </td>
        <td>
          <JenkinsLink deployment={d} />
        </td>
        <td>
          <Time value={d.startedAt} />
        </td>
        <td>
          {d.startedAt && (UNDER_WAY.has(d.status) || d.finishedAt) ? <Duration from={d.startedAt} to={d.finishedAt} /> : <span className="muted">—</span>}
          {d.expectedSeconds != null && <div className="muted">usually {formatDuration(d.expectedSeconds)}</div>}
        </td>
        <td>
          <Attempts deployment={d} />
        </td>
        <td>
          <RowActions deployment={d} open={open} onOpen={setOpen} onChanged={onChanged} />
        </td>
      </tr>
      {open && (
        <tr className="form-row">
          <td colSpan={COLUMNS.length}>
            {open === 'cancel' ? <CancelForm deployment={d} onChanged={onChanged} onClose={close} /> : <ChangeRevForm deployment={d} onChanged={onChanged} onClose={close} />}
          </td>
        </tr>
      )}
    </>
  );
}

/** The build as soon as Jenkins started it, the queue item from the moment the runner triggered it. */
function JenkinsLink({ deployment }: { deployment: WeekDeployment }) {
  if (deployment.jenkinsBuildUrl) return <ExternalLink href={deployment.jenkinsBuildUrl}>Jenkins build</ExternalLink>;
  return <ExternalLink href={deployment.jenkinsQueueUrl}>queued in Jenkins</ExternalLink>;
}

/** The attempt number, and the builds of earlier attempts when there were some. */
function Attempts({ deployment }: { deployment: WeekDeployment }) {
  const builds = deployment.attempts;
  if (builds.length < 2) return <>{deployment.attempt}</>;
  return (
    <details>
      <summary>{deployment.attempt}</summary>
      <ul className="builds">
        {builds.map((build) => (
          <li key={`${build.attempt}-${build.buildNumber}`}>
            attempt {build.attempt}: {build.buildUrl ? <ExternalLink href={build.buildUrl}>#{build.buildNumber}</ExternalLink> : `#${build.buildNumber}`} {build.result}
          </li>
        ))}
      </ul>
    </details>
  );
}
