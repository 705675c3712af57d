import { Link } from '../router';
import { TableHead } from '../ui/table';
import { Time } from '../ui/time';
import { useApplicationActions } from './application-actions';
import { applicationPath, DependencySummary, Facts, NextPlan } from './application-parts';
import type { Application, Plan } from './documents';
import { FreezeState } from './freeze';
import type { Done } from './notice';
import { TargetsTable } from './targets';

const COLUMNS = 6;

interface FleetProps {
  applications: readonly Application[];
  plan?: Plan;
  planProblem?: string;
  done: Done;
}

/** Every application: who owns it, its freeze, dependencies, targets and revs, and what would go out. */
export function FleetTable({ applications, plan, planProblem, done }: FleetProps) {
  return (
    <div className="table-scroll">
      <table className="app-fleet">
        <caption>
          {applications.length} applications.{' '}
          {plan && (
            <span className="muted">
              Next plan: what scheduling would plan now for {plan.weekOf}, from the newest staging (PROTOTYPE) rev reported before the cutoff, <Time value={plan.cutoff} />.
            </span>
          )}
        </caption>
        <TableHead columns={['Application', 'Freeze', 'Deploys', 'Targets', 'Next plan', 'Actions']} />
        <tbody>
          {applications.map((application) => (
            <ApplicationRow key={application.id} application={application} plan={plan} planProblem={planProblem} done={done} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApplicationRow({ application, plan, planProblem, done }: Omit<FleetProps, 'applications'> & { application: Application }) {
  const actions = useApplicationActions(application, done);
  return (
    <>
      <tr data-application={application.name}>
        <td className="app-cell">
          <Link to={applicationPath(application.name)} className="app-name">
            {application.name}
          </Link>
          <Facts application={application} />
        </td>
        <td className="app-freeze">
          <FreezeState application={application} />
        </td>
        <td className="app-deploys">
          <DependencySummary application={application} />
        </td>
        <td>
          <TargetsTable application={application} />
        </td>
        <td className="app-next">
          <NextPlan application={application} plan={plan} planProblem={planProblem} />
        </td>
        <td className="app-actions">{actions.buttons}</td>
      </tr>
      {actions.form && (
        <tr className="app-row-form" data-form-of={application.name}>
          <td colSpan={COLUMNS}>{actions.form}</td>
        </tr>
      )}
    </>
  );
}
