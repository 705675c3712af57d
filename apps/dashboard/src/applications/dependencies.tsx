import { useAction } from '../api/hooks';
import { Link } from '../router';
import { ActionError } from '../ui/states';
import { FormActions, OperatorButton, SelectField, textOf, useFormAction } from '../ui/forms';
import { ApplicationLinks, applicationPath } from './application-parts';
import { AddDependency, Application, RemoveDependency } from './documents';
import type { Done } from './notice';

/**
 * What the application deploys after (each removable) and before, and a form to add a dependency; a
 * dependency that would close a cycle is refused by the gateway, naming the cycle.
 */
export function Dependencies({ application, applications, done }: { application: Application; applications: readonly Application[]; done: Done }) {
  const { name } = application;
  const remove = useAction(RemoveDependency);
  const removeDependency = async (dependsOn: string) => {
    if (await remove.run({ application: name, dependsOn })) done(`${name} no longer waits for ${dependsOn}.`);
  };
  const add = useFormAction(
    AddDependency,
    (fields) => ({ application: name, dependsOn: textOf(fields, 'dependsOn') ?? '' }),
    (_, form) => {
      const dependsOn = textOf(new FormData(form), 'dependsOn');
      form.reset();
      done(`${name} now deploys after ${dependsOn}.`);
    },
  );
  const candidates = applications.filter((a) => a.name !== name && !application.dependsOn.some((d) => d.name === a.name));
  return (
    <>
      <h3>Deploys after</h3>
      {application.dependsOn.length === 0 ? (
        <p className="muted">Nothing: {name} does not wait for another application.</p>
      ) : (
        <ul className="app-dependencies">
          {application.dependsOn.map((dependency) => (
            <li key={dependency.name}>
              <Link to={applicationPath(dependency.name)}>{dependency.name}</Link>{' '}
              <OperatorButton pending={remove.pending} aria-label={`Remove dependency on ${dependency.name}`} onClick={() => void removeDependency(dependency.name)}>
                Remove dependency
              </OperatorButton>
            </li>
          ))}
        </ul>
      )}
      <ActionError error={remove.error} />
      <h3>Deploys before</h3>
      <p>
        <ApplicationLinks names={application.dependents} />
      </p>
      <form className="inline" aria-label={`Add dependency to ${name}`} onSubmit={add.onSubmit}>
        <SelectField label={`${name} deploys after`} name="dependsOn" required defaultValue="" error={add.error}>
          <option value="" disabled>
            choose an application
          </option>
          {candidates.map((a) => (
            <option key={a.id} value={a.name}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <FormActions submitLabel="Add dependency" tone="primary" action={add} />
      </form>
    </>
  );
}
