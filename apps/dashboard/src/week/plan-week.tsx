import { useAction, useQuery } from '../api/hooks';
import { graphql } from '../gql';
import type { RolloutKind, RolloutStatus } from '../gql/schema-types';
import { Link } from '../router';
import { OperatorButton } from '../ui/forms';
import { RevChange, targetLabel } from '../ui/rev';
import { ActionError, ErrorState, Loading } from '../ui/states';
import { StatusBadge } from '../ui/status';
import { TableHead } from '../ui/table';
import { Time } from '../ui/time';

const SchedulePreviewQuery = graphql(`
  query WeekSchedulePreview {
    schedulePreview {
      weekOf
      cutoff
      deployments {
        application {
          name
        }
        target {
          id
          cluster
          environment
        }
        gitRev
        previousRev
        sourceFinishedAt
      }
      skipped {
        application
        reason
      }
    }
  }
`);

const ScheduleRolloutMutation = graphql(`
  mutation WeekScheduleRollout {
    scheduleRollout {
      id
      weekOf
      status
      version
    }
  }
`);

const PLAN_COLUMNS = ['Application', 'Target', 'Rev', 'On staging since'];

interface RolloutSummary {
  id: string;
  kind: RolloutKind;
  weekOf: string | null;
  status: RolloutStatus;
}

/**
 * "Plan the week": what scheduleRollout would plan now (the preview), then "Confirm plan". Shown when
 * this ISO week (as the gateway counts it, in HYDRATOR_TIMEZONE) has no weekly rollout yet, or the
 * current rollout is completed.
 */
export function PlanWeek({ current, recent, onPlanned }: { current?: RolloutSummary | null; recent: readonly RolloutSummary[]; onPlanned: () => void }) {
  const preview = useQuery(SchedulePreviewQuery);
  const schedule = useAction(ScheduleRolloutMutation, () => {
    onPlanned();
    preview.reload();
  });
  const plan = preview.data?.schedulePreview;
  const planned = plan && recent.find((rollout) => rollout.kind === 'WEEKLY' && rollout.weekOf === plan.weekOf);
  // A rollout under way hides the section (also while the preview loads, so it does not flash).
  if (current && current.status !== 'COMPLETED' && (!plan || planned)) return null;
  return (
    <section className="panel plan-week" aria-labelledby="plan-week">
      <h2 id="plan-week">Plan the week{plan ? ` ${plan.weekOf}` : ''}</h2>
      {preview.error && <ErrorState error={preview.error} retry={preview.reload} />}
      {!plan ? (
        !preview.error && <Loading what="the plan" />
      ) : planned ? (
        <p>
          {plan.weekOf} is planned already: <Link to={`/rollouts/${planned.id}`}>its rollout</Link> is <StatusBadge status={planned.status} />. Planning again would return it; the next week can be
          planned from its Monday.
        </p>
      ) : (
        <>
          <p>
            Preview of what <strong>Confirm plan</strong> records for {plan.weekOf}: for every application not frozen, the newest rev that ran on staging before the cutoff <Time value={plan.cutoff} />
            . Teams get their shortlog on Slack and the SRE channel a summary once it is confirmed.
          </p>
          {plan.deployments.length ? (
            <table className="week-plan">
              <caption className="muted">
                {plan.deployments.length} deployment{plan.deployments.length === 1 ? '' : 's'} to plan
              </caption>
              <TableHead columns={PLAN_COLUMNS} />
              <tbody>
                {plan.deployments.map((deployment) => (
                  <tr key={deployment.target.id}>
                    <th scope="row">{deployment.application.name}</th>
                    <td>{targetLabel(deployment.target)}</td>
                    <td>
                      <RevChange from={deployment.previousRev} to={deployment.gitRev} short />
                    </td>
                    <td>
                      <Time value={deployment.sourceFinishedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>
              <strong>Nothing to deploy:</strong> every application is current or left out (below).
            </p>
          )}
          {plan.skipped.length > 0 && (
            <>
              <h3>Left out</h3>
              <ul className="skipped-preview">
                {plan.skipped.map((skip) => (
                  <li key={skip.application}>
                    <strong>{skip.application}</strong>: {skip.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            <OperatorButton className="primary" pending={schedule.pending} onClick={() => void schedule.run({})}>
              Confirm plan
            </OperatorButton>
            <button type="button" onClick={preview.reload} disabled={preview.loading}>
              Refresh preview
            </button>
          </div>
          <ActionError error={schedule.error} />
        </>
      )}
    </section>
  );
}
