import { useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { ActionError } from '../ui/states';
import { localDateTimeToIso, TextAreaField, TextField, textOf, useFormAction, FormActions, OperatorButton } from '../ui/forms';
import { useAction } from '../api/hooks';
import { Time } from '../ui/time';
import { ToneBadge } from '../ui/tone';
import { Application, FleetFreeze, FreezeAll, FreezeApplication, ThawAll, ThawApplication } from './documents';
import type { Done } from './notice';

/** "FROZEN (own freeze): reason, until …" or "not frozen". */
export function FreezeState({ application }: { application: Application }) {
  const scope = application.freezeScope;
  if (!scope) return <span className="muted">not frozen</span>;
  return (
    <div className="app-freeze-state">
      <ToneBadge tone="stopped">FROZEN</ToneBadge> <span className="muted">{scope === 'FLEET' ? 'fleet freeze' : 'own freeze'}</span>
      <div>{application.frozenReason}</div>
      <div className="muted">
        {application.frozenUntil ? (
          <>
            until <Time value={application.frozenUntil} />
          </>
        ) : (
          'until thawed'
        )}
      </div>
    </div>
  );
}

interface FreezeFormProps<TResult, TVariables> {
  title: string;
  submitLabel: string;
  document: TypedDocumentString<TResult, TVariables>;
  toVariables: (reason: string, until: string | undefined) => TVariables;
  onDone: () => void;
  onCancel: () => void;
}

/** Reason and optional end, typed in the viewer's time zone and sent with its offset. */
function FreezeForm<TResult, TVariables>({ title, submitLabel, document, toVariables, onDone, onCancel }: FreezeFormProps<TResult, TVariables>) {
  const action = useFormAction(document, (fields) => toVariables(textOf(fields, 'reason') ?? '', localDateTimeToIso(textOf(fields, 'until'))), onDone);
  return (
    <form className="stacked" aria-label={title} onSubmit={action.onSubmit}>
      <h3>{title}</h3>
      <TextAreaField label="Reason" name="reason" required autoFocus error={action.error} hint="Goes to the audit log and to the teams." />
      <TextField label="Until (optional)" name="until" type="datetime-local" step={60} error={action.error} hint="In your time zone; leave empty to freeze until thawed." />
      <FormActions submitLabel={submitLabel} tone="danger" action={action} onCancel={onCancel} />
    </form>
  );
}

export function FreezeApplicationForm({ application, done, onClose }: { application: Application; done: Done; onClose: () => void }) {
  const { name } = application;
  return (
    <FreezeForm
      title={`Freeze ${name}`}
      submitLabel={`Freeze ${name}`}
      document={FreezeApplication}
      toVariables={(reason, until) => ({ name, reason, until })}
      onDone={() => {
        onClose();
        done(`${name} is frozen: it is neither scheduled nor started until thawed.`);
      }}
      onCancel={onClose}
    />
  );
}

/** Lifts the application's own freeze (a fleet freeze stays: Thaw all lifts it). */
export function ThawButton({ application, done }: { application: Application; done: Done }) {
  const thaw = useAction(ThawApplication);
  const run = async () => {
    if (await thaw.run({ name: application.name })) done(`${application.name} is thawed.`);
  };
  return (
    <>
      <OperatorButton pending={thaw.pending} aria-label={`Thaw ${application.name}`} onClick={() => void run()}>
        Thaw
      </OperatorButton>
      <ActionError error={thaw.error} />
    </>
  );
}

/** Freeze all / Thaw all, with the fleet's freeze in force. */
export function FleetFreezePanel({ fleet, done }: { fleet: FleetFreeze; done: Done }) {
  const [open, setOpen] = useState(false);
  const thaw = useAction(ThawAll);
  const thawAll = async () => {
    if (await thaw.run({})) done('The fleet is thawed: applications frozen on their own stay frozen.');
  };
  return (
    <section className="panel app-fleet-freeze" aria-labelledby="fleet-freeze-title">
      <h2 id="fleet-freeze-title">Fleet freeze</h2>
      {fleet ? (
        <p>
          <ToneBadge tone="stopped">FLEET FROZEN</ToneBadge> {fleet.reason} —{' '}
          {fleet.until ? (
            <>
              until <Time value={fleet.until} />
            </>
          ) : (
            'until thawed'
          )}{' '}
          <span className="muted">
            (by {fleet.frozenBy}, <Time value={fleet.frozenAt} />)
          </span>
        </p>
      ) : (
        <p className="muted">The fleet is not frozen: every application not frozen on its own is planned and deployed.</p>
      )}
      <div className="actions">
        <OperatorButton className="danger" aria-expanded={open} onClick={() => setOpen(!open)}>
          Freeze all…
        </OperatorButton>
        <OperatorButton pending={thaw.pending} onClick={() => void thawAll()}>
          Thaw all
        </OperatorButton>
      </div>
      <ActionError error={thaw.error} />
      {open && (
        <FreezeForm
          title="Freeze all applications"
          submitLabel="Freeze all"
          document={FreezeAll}
          toVariables={(reason, until) => ({ reason, until })}
          onDone={() => {
            setOpen(false);
            done('The whole fleet is frozen.');
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </section>
  );
}
