import { useState } from 'react';
import type { GraphqlRequestError } from '../api/graphql-client';
import { useAction } from '../api/hooks';
import type { TargetInput, TargetRole } from '../gql/schema-types';
import { ActionError } from '../ui/states';
import { TableHead } from '../ui/table';
import { SelectField, TextField, textOf, useFormAction, FormActions, OperatorButton } from '../ui/forms';
import { AddTarget, Application, RemoveTarget } from './documents';
import { BuildLink, RevLink, sortedTargets, targetPlace } from './links';
import type { Done } from './notice';

const ROLES: TargetRole[] = ['PROTOTYPE', 'PRODUCTION'];
const COLUMNS = ['Role', 'Cluster / environment / namespace', 'Order', 'Current rev', 'Build'];

/** Every target with its role, place, order, current rev and build; with `done`, each one can be removed. */
export function TargetsTable({ application, done }: { application: Application; done?: Done }) {
  const remove = useAction(RemoveTarget);
  const removeTarget = async (target: Application['targets'][number]) => {
    if (await remove.run({ id: target.id })) done?.(`Removed target ${targetPlace(target)} from ${application.name}.`);
  };
  return (
    <>
      <table className="app-targets">
        <TableHead columns={done ? [...COLUMNS, 'Actions'] : COLUMNS} />
        <tbody>
          {sortedTargets(application.targets).map((target) => (
            <tr key={target.id} data-target={target.id}>
              <td>{target.role}</td>
              <td>{targetPlace(target)}</td>
              <td>{target.role === 'PRODUCTION' ? target.order : <span className="muted">—</span>}</td>
              <td>
                <RevLink repo={application.githubRepo} rev={target.currentRev} />
              </td>
              <td>
                <BuildLink report={target.currentReport} />
              </td>
              {done && (
                <td>
                  <OperatorButton pending={remove.pending} aria-label={`Remove target ${target.cluster}/${target.environment}`} onClick={() => void removeTarget(target)}>
                    Remove target
                  </OperatorButton>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ActionError error={remove.error} />
    </>
  );
}

/**
 * The fields of one target, named `<prefix>cluster`…; a refusal naming `<errorPrefix>.cluster`… is shown
 * under its field. The role is controlled when `onRoleChange` is given.
 */
export function TargetFields({
  prefix,
  errorPrefix,
  error,
  role,
  onRoleChange,
}: {
  prefix: string;
  errorPrefix: string;
  error?: GraphqlRequestError;
  role: TargetRole;
  onRoleChange?: (role: TargetRole) => void;
}) {
  const field = (name: string) => ({ name: `${prefix}${name}`, errorField: `${errorPrefix}.${name}`, error });
  return (
    <div className="app-target-fields">
      <SelectField
        label="Role"
        name={`${prefix}role`}
        value={onRoleChange ? role : undefined}
        defaultValue={onRoleChange ? undefined : role}
        onChange={(event) => onRoleChange?.(event.target.value as TargetRole)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r === 'PROTOTYPE' ? 'PROTOTYPE (staging)' : 'PRODUCTION'}
          </option>
        ))}
      </SelectField>
      <TextField label="Cluster" required autoComplete="off" placeholder="hydra-us" {...field('cluster')} />
      <TextField label="Environment" required autoComplete="off" defaultValue={role === 'PROTOTYPE' ? 'staging' : 'production'} {...field('environment')} />
      <TextField label="Namespace" required autoComplete="off" {...field('namespace')} />
      <TextField label="Order (optional)" type="number" min={0} step={1} className="app-order" hint="Production: after the last one when empty." {...field('order')} />
    </div>
  );
}

/** The target typed in {@link TargetFields} with `prefix`. */
export function targetOf(fields: FormData, prefix: string): TargetInput {
  const order = textOf(fields, `${prefix}order`);
  return {
    cluster: textOf(fields, `${prefix}cluster`) ?? '',
    environment: textOf(fields, `${prefix}environment`) ?? '',
    namespace: textOf(fields, `${prefix}namespace`) ?? '',
    role: (textOf(fields, `${prefix}role`) ?? 'PRODUCTION') as TargetRole,
    order: order === undefined ? undefined : Number(order),
  };
}

export function AddTargetForm({ application, done }: { application: Application; done: Done }) {
  // A new key empties the form after a target was added.
  const [generation, setGeneration] = useState(0);
  const action = useFormAction(
    AddTarget,
    (fields) => ({ application: application.name, input: targetOf(fields, '') }),
    ({ addTarget: target }) => {
      setGeneration((n) => n + 1);
      done(`Added target ${target.cluster}/${target.environment} to ${application.name}.`);
    },
  );
  return (
    <form key={generation} className="stacked" aria-label={`Add target to ${application.name}`} onSubmit={action.onSubmit}>
      <h3>Add target</h3>
      <TargetFields prefix="" errorPrefix="target" error={action.error} role="PRODUCTION" />
      <FormActions submitLabel="Add target" tone="primary" action={action} />
    </form>
  );
}
