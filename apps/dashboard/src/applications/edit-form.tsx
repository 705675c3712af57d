import type { UpdateApplicationInput } from '../gql/schema-types';
import { navigate } from '../router';
import { listOf, textOf, useFormAction, FormActions } from '../ui/forms';
import { applicationPath } from './application-parts';
import { Application, UpdateApplication } from './documents';
import type { Done } from './notice';
import { ApplicationFields } from './register-form';

/** Only what was changed is sent: the gateway changes only the fields given. */
function changesOf(application: Application, fields: FormData): UpdateApplicationInput {
  const input: UpdateApplicationInput = {};
  for (const key of ['name', 'githubRepo', 'slackChannel', 'jenkinsJob'] as const) {
    const value = textOf(fields, key) ?? '';
    if (value !== application[key]) input[key] = value;
  }
  const owners = listOf(textOf(fields, 'owners'));
  if (owners.join('\n') !== application.owners.join('\n')) input.owners = owners;
  const description = textOf(fields, 'description') ?? '';
  if (description !== (application.description ?? '')) input.description = description;
  return input;
}

export function EditApplicationForm({ application, done, onClose }: { application: Application; done: Done; onClose: () => void }) {
  const action = useFormAction(
    UpdateApplication,
    (fields) => ({ name: application.name, input: changesOf(application, fields) }),
    (result) => {
      onClose();
      done(`Saved ${result.updateApplication.name}.`);
      if (result.updateApplication.name !== application.name) navigate(applicationPath(result.updateApplication.name));
    },
  );
  return (
    <form className="stacked" aria-label={`Edit ${application.name}`} onSubmit={action.onSubmit}>
      <h3>Edit {application.name}</h3>
      <ApplicationFields error={action.error} values={application} autoFocus />
      <FormActions submitLabel="Save changes" tone="primary" action={action} onCancel={onClose} />
    </form>
  );
}
