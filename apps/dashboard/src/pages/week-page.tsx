import { useQuery } from '../api/hooks';
import { isOperator, useSignedIn } from '../api/session';
import { Link } from '../router';
import { useDocumentTitle } from '../ui/document-title';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { DependencyGraph } from '../week/dependency-graph';
import { DeploymentsTable } from '../week/deployments-table';
import { WeekCurrentQuery, WeekRolloutByIdQuery } from '../week/documents';
import { PlanWeek } from '../week/plan-week';
import { RolloutHeader, rolloutTitle } from '../week/rollout-header';
import { useLiveRollout, WeekRollout } from '../week/use-live-rollout';
import '../week/week.css';

/** "This week" (`/`, the current rollout, and planning the next) or one rollout (`/rollouts/:id`), live. */
export function WeekPage({ rolloutId }: { rolloutId?: string }) {
  return rolloutId ? <OneRollout id={rolloutId} /> : <CurrentWeek />;
}

function CurrentWeek() {
  const query = useQuery(WeekCurrentQuery);
  const { rollout, liveProblem } = useLiveRollout(query.data?.currentRollout, query.reload, true);
  useDocumentTitle('This week');
  const plan = query.data && <PlanWeek current={rollout} recent={query.data.rollouts} onPlanned={query.reload} />;
  return (
    <>
      <h1>This week</h1>
      {query.error && <ErrorState error={query.error} retry={query.reload} />}
      {!query.data ? (
        !query.error && <Loading what="this week's rollout" />
      ) : rollout ? (
        <>
          {plan}
          <RolloutView rollout={rollout} reload={query.reload} liveProblem={liveProblem} Heading="h2" />
        </>
      ) : (
        <>
          <EmptyState title="No rollout yet: plan the week.">
            <p>
              Check the preview below and press <strong>Confirm plan</strong> (operator token), or wait for the scheduler (<code>SCHEDULE_CRON</code>, Monday 09:00 by default). Earlier weeks are in{' '}
              <Link to="/history">History</Link>.
            </p>
          </EmptyState>
          {plan}
        </>
      )}
    </>
  );
}

function OneRollout({ id }: { id: string }) {
  const query = useQuery(WeekRolloutByIdQuery, { id });
  const { rollout, liveProblem } = useLiveRollout(query.data?.rollout, query.reload, false);
  useDocumentTitle(rollout ? rolloutTitle(rollout) : 'Rollout');
  if (rollout) return <RolloutView rollout={rollout} reload={query.reload} liveProblem={liveProblem} Heading="h1" />;
  return (
    <>
      <h1>Rollout</h1>
      {query.error ? (
        <ErrorState error={query.error} retry={query.reload} />
      ) : !query.data ? (
        <Loading what="the rollout" />
      ) : (
        <EmptyState title={`There is no rollout ${id}.`}>
          <p>
            The link may be mistyped or from another Hydrator. See <Link to="/">This week</Link> or the rollouts in <Link to="/history">History</Link>.
          </p>
        </EmptyState>
      )}
    </>
  );
}

function RolloutView({ rollout, reload, liveProblem, Heading }: { rollout: WeekRollout; reload: () => void; liveProblem?: string; Heading: 'h1' | 'h2' }) {
  const viewer = !isOperator(useSignedIn());
  return (
    <>
      <RolloutHeader rollout={rollout} onChanged={reload} Heading={Heading} />
      {liveProblem && (
        <p className="notice live-problem" role="alert">
          Live updates stopped: {liveProblem}.{' '}
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </p>
      )}
      {viewer && <p className="notice">You are signed in with a viewer token: the actions below need an operator token.</p>}
      {rollout.deployments.length === 0 ? (
        <EmptyState title="This rollout has no deployments.">
          <p>Every application was current or left out when it was planned (see the applications left out above). Nothing to run: the next week is planned on Monday.</p>
        </EmptyState>
      ) : (
        <>
          <h2>Deployments</h2>
          <DependencyGraph deployments={rollout.deployments} />
          <DeploymentsTable deployments={rollout.deployments} onChanged={reload} />
        </>
      )}
    </>
  );
}
