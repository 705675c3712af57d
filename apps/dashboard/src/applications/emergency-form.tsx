import { navigate } from '../router';
import { fieldProblem, TextAreaField, TextField, textOf, useFormAction, FormActions } from '../ui/forms';
import { Application, CreateEmergencyDeployment } from './documents';
import { shortRev, sortedTargets, targetPlace } from './links';

/**
 * A rev to production now, in a rollout of its own (overriding a freeze, with the reason recorded);
 * on success the page of the new rollout opens.
 */
export function EmergencyForm({ application, onClose }: { application: Application; onClose: () => void }) {
  const { name } = application;
  const production = sortedTargets(application.targets.filter((t) => t.role === 'PRODUCTION'));
  const action = useFormAction(
    CreateEmergencyDeployment,
    (fields) => {
      const targets = fields.getAll('targets').map(String);
      return { application: name, gitRev: textOf(fields, 'gitRev') ?? '', reason: textOf(fields, 'reason') ?? '', targets: targets.length ? targets : undefined };
    },
    ({ createEmergencyDeployment: rollout }) => navigate(`/rollouts/${rollout.id}`),
  );
  const targetsProblem = production.map((_, i) => fieldProblem(action.error, `targets[${i}]`)).find(Boolean);
  return (
    <form className="stacked" aria-label={`Emergency deployment of ${name}`} onSubmit={action.onSubmit}>
      <h3>Emergency deployment of {name}</h3>
      <p className="muted">Deploys the rev now, outside the week, one production target at a time; it overrides a freeze, recording the reason.</p>
      <TextField
        label="Rev"
        name="gitRev"
        required
        autoFocus
        autoComplete="off"
        spellCheck={false}
        error={action.error}
        hint={`A commit sha of ${application.githubRepo} (a tag or branch when GitHub or a git mirror is configured).`}
      />
      <fieldset aria-invalid={targetsProblem ? true : undefined}>
        <legend>Production targets</legend>
        <p className="muted field-hint">None ticked: all of them, in order.</p>
        {production.map((target) => (
          <label key={target.id} className="app-check">
            <input type="checkbox" name="targets" value={target.id} /> {targetPlace(target)}{' '}
            <span className="muted">
              (order {target.order}, now on {shortRev(target.currentRev)})
            </span>
          </label>
        ))}
        {targetsProblem && <span className="action-error field-problem">{targetsProblem}</span>}
      </fieldset>
      <TextAreaField label="Reason" name="reason" required error={action.error} hint="Goes to the audit log and to the teams." />
      <FormActions submitLabel="Deploy now" tone="danger" action={action} onCancel={onClose} />
    </form>
  );
}
