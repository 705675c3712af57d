import { useAction } from '../api/hooks';
import { graphql } from '../gql';
import type { DeploymentStatus } from '../gql/schema-types';
import { ExternalLink } from '../ui/external-link';
import { OperatorButton } from '../ui/forms';
import { ActionError } from '../ui/states';
import { StatusBadge } from '../ui/status';
import { Time } from '../ui/time';
import type { WeekRollout } from './use-live-rollout';

const RunRolloutMutation = graphql(`
  mutation WeekRunRollout($id: ID!) {
    runRollout(id: $id) {
      id
      status
      version
    }
  }
`);

/** Deployments with nothing left to do: succeeded, or canceled by someone. */
const DONE = new Set<DeploymentStatus>(['SUCCEEDED', 'CANCELED']);
const STATUS_ORDER: DeploymentStatus[] = ['RUNNING', 'QUEUED', 'SCHEDULED', 'FAILED', 'BLOCKED', 'SUCCEEDED', 'CANCELED'];

/** The rollout's title in words: never its id. */
export function rolloutTitle(rollout: WeekRollout): string {
  if (rollout.kind === 'WEEKLY') return `Weekly rollout ${rollout.weekOf ?? ''}`.trim();
  const applications = [...new Set(rollout.deployments.map((d) => d.application.name))].join(', ');
  return `Emergency: ${rollout.purpose ?? `deployment of ${applications}`} (by ${rollout.createdBy ?? 'unknown'})`;
}

/** Title, status, links, progress and the run/resume button; every field the live row carries. */
export function RolloutHeader({ rollout, onChanged, Heading = 'h1' }: { rollout: WeekRollout; onChanged: () => void; Heading?: 'h1' | 'h2' }) {
  const run = useAction(RunRolloutMutation, onChanged);
  const total = rollout.deployments.length;
  const done = rollout.deployments.filter((d) => DONE.has(d.status)).length;
  const counts = STATUS_ORDER.map((status) => [status, rollout.deployments.filter((d) => d.status === status).length] as const).filter(([, n]) => n > 0);
  const canRun = rollout.status === 'PLANNED' || rollout.status === 'HALTED';
  return (
    <section className="rollout-header panel" aria-label="Rollout">
      <div className="title-line">
        <Heading>{rolloutTitle(rollout)}</Heading>
        <StatusBadge status={rollout.status} />
        {canRun && (
          <OperatorButton className="primary" pending={run.pending} onClick={() => void run.run({ id: rollout.id })}>
            {rollout.status === 'HALTED' ? 'Resume rollout' : 'Run rollout'}
          </OperatorButton>
        )}
      </div>
      <ActionError error={run.error} />
      {rollout.status === 'HALTED' && (
        <>
          {rollout.reason && (
            <p className="halt-reason" role="status">
              <strong>Halted:</strong> {rollout.reason}
            </p>
          )}
          <p className="muted">
            <strong>Resume rollout</strong> runs every failed and blocked deployment again and keeps the succeeded ones; <strong>Retry</strong> on a row runs only that deployment
            {rollout.deployments.some((d) => d.status === 'BLOCKED') ? ' (the blocked ones then still wait for their own Retry).' : '.'}
          </p>
        </>
      )}
      <dl className="rollout-facts">
        {rollout.weekOf && (
          <div>
            <dt>Week</dt>
            <dd>{rollout.weekOf}</dd>
          </div>
        )}
        {rollout.cutoff && (
          <div>
            <dt>Cutoff</dt>
            <dd>
              <Time value={rollout.cutoff} />
            </dd>
          </div>
        )}
        <div>
          <dt>Jira</dt>
          <dd>
            {!rollout.jiraIssueKey ? (
              <span className="muted">no ticket yet</span>
            ) : rollout.jiraIssueUrl ? (
              <ExternalLink href={rollout.jiraIssueUrl}>{rollout.jiraIssueKey}</ExternalLink>
            ) : (
              rollout.jiraIssueKey
            )}
          </dd>
        </div>
        <div>
          <dt>Slack</dt>
          <dd>{rollout.slackSummaryUrl ? <ExternalLink href={rollout.slackSummaryUrl}>Slack summary</ExternalLink> : <span className="muted">not posted yet</span>}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <Time value={rollout.startedAt} />
          </dd>
        </div>
        {rollout.finishedAt ? (
          <div>
            <dt>Finished</dt>
            <dd>
              <Time value={rollout.finishedAt} />
            </dd>
          </div>
        ) : (
          <div>
            <dt>{rollout.status === 'HALTED' ? 'Estimated finish if resumed now' : 'Estimated finish'}</dt>
            <dd>{rollout.estimatedFinishAt ? <Time value={rollout.estimatedFinishAt} /> : <span className="muted">unknown</span>}</dd>
          </div>
        )}
      </dl>
      <div className="progress">
        <label>
          <span>
            {done} of {total} done
          </span>
          <progress value={done} max={Math.max(total, 1)} />
        </label>
        <ul className="counts" aria-label="Deployments by status">
          {counts.map(([status, n]) => (
            <li key={status}>
              {n} <StatusBadge status={status} />
            </li>
          ))}
        </ul>
      </div>
      {rollout.skipped.length > 0 && (
        <details className="skipped">
          <summary>
            {rollout.skipped.length} application{rollout.skipped.length === 1 ? '' : 's'} left out of the plan
          </summary>
          <ul>
            {rollout.skipped.map((skip) => (
              <li key={skip.application}>
                <strong>{skip.application}</strong>: {skip.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
