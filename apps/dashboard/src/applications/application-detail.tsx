import { useState } from 'react';
import { Link } from '../router';
import { OperatorButton } from '../ui/forms';
import { ToneBadge } from '../ui/tone';
import { useApplicationActions } from './application-actions';
import { Facts, GoingOut } from './application-parts';
import { Dependencies } from './dependencies';
import type { Application, Plan } from './documents';
import { EditApplicationForm } from './edit-form';
import { FreezeState } from './freeze';
import type { Done } from './notice';
import { AddTargetForm, TargetsTable } from './targets';

interface DetailProps {
  application: Application;
  applications: readonly Application[];
  plan?: Plan;
  planProblem?: string;
  done: Done;
}

/** One application with every action on it: edit, freeze, emergency, targets and dependencies. */
export function ApplicationDetail({ application, applications, plan, planProblem, done }: DetailProps) {
  const actions = useApplicationActions(application, done);
  const [editing, setEditing] = useState(false);
  return (
    <article className="app-detail">
      <p>
        <Link to="/applications">← All applications</Link>
      </p>
      <h1>
        {application.name} {application.frozen && <ToneBadge tone="stopped">FROZEN</ToneBadge>}
      </h1>
      <section className="panel" aria-labelledby="about-title">
        <h2 id="about-title">About</h2>
        <Facts application={application} />
        <OperatorButton aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Edit application…
        </OperatorButton>
        {editing && <EditApplicationForm application={application} done={done} onClose={() => setEditing(false)} />}
      </section>
      <section className="panel" aria-labelledby="freeze-title">
        <h2 id="freeze-title">Freeze and emergency deployment</h2>
        <FreezeState application={application} />
        {actions.buttons}
        {actions.form}
      </section>
      <section className="panel" aria-labelledby="targets-title">
        <h2 id="targets-title">Targets and revs</h2>
        <TargetsTable application={application} done={done} />
        <h3>What would go out</h3>
        <GoingOut application={application} plan={plan} planProblem={planProblem} />
        <AddTargetForm application={application} done={done} />
      </section>
      <section className="panel" aria-labelledby="dependencies-title">
        <h2 id="dependencies-title">Dependencies</h2>
        <Dependencies application={application} applications={applications} done={done} />
      </section>
    </article>
  );
}
