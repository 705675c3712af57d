import { useState } from 'react';
import type { GraphqlRequestError } from '../api/graphql-client';
import type { TargetRole } from '../gql/schema-types';
import { Link } from '../router';
import { fieldProblem, listOf, TextAreaField, TextField, textOf, useFormAction, FormActions } from '../ui/forms';
import { Application, RegisterApplication, RequestRegistrationTicket } from './documents';
import type { Done } from './notice';
import { TargetFields, targetOf } from './targets';

interface Row {
  key: number;
  role: TargetRole;
}

const FIRST_ROWS: Row[] = [
  { key: 0, role: 'PROTOTYPE' },
  { key: 1, role: 'PRODUCTION' },
];

export type ApplicationValues = Pick<Application, 'name' | 'githubRepo' | 'slackChannel' | 'jenkinsJob' | 'owners' | 'description'>;

/** The fields an application is registered and edited with; `values` fills them in for an edit. */
export function ApplicationFields({ error, values, autoFocus }: { error?: GraphqlRequestError; values?: ApplicationValues; autoFocus?: boolean }) {
  return (
    <>
      <TextField
        label="Name"
        name="name"
        required
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        defaultValue={values?.name}
        error={error}
        hint="Lowercase letters, digits and dashes, e.g. billing-api."
      />
      <TextField
        label="GitHub repository"
        name="githubRepo"
        required
        autoComplete="off"
        spellCheck={false}
        defaultValue={values?.githubRepo}
        error={error}
        placeholder="acme/billing"
        hint="owner/name"
      />
      <TextField label="Slack channel" name="slackChannel" required autoComplete="off" defaultValue={values?.slackChannel} error={error} placeholder="#team-billing" />
      <TextField label="Jenkins job" name="jenkinsJob" required autoComplete="off" spellCheck={false} defaultValue={values?.jenkinsJob} error={error} placeholder="deploy/billing" hint="folder/job" />
      <TextField label="Owners (optional)" name="owners" autoComplete="off" defaultValue={values?.owners.join(', ')} error={error} hint="Comma-separated." />
      <TextAreaField label="Description (optional)" name="description" defaultValue={values?.description ?? undefined} error={error} />
    </>
  );
}

/** Registers an application with its targets: rows to add and remove, at least one of each role. */
export function RegisterForm({ done, onClose }: { done: Done; onClose: () => void }) {
  const [rows, setRows] = useState<Row[]>(FIRST_ROWS);
  const action = useFormAction(
    RegisterApplication,
    (fields) => ({
      input: {
        name: textOf(fields, 'name') ?? '',
        githubRepo: textOf(fields, 'githubRepo') ?? '',
        slackChannel: textOf(fields, 'slackChannel') ?? '',
        jenkinsJob: textOf(fields, 'jenkinsJob') ?? '',
        owners: listOf(textOf(fields, 'owners')),
        description: textOf(fields, 'description'),
        targets: rows.map((row) => targetOf(fields, `target-${row.key}-`)),
      },
    }),
    ({ registerApplication: application }) => {
      onClose();
      done(
        <>
          Registered <Link to={`/applications/${encodeURIComponent(application.name)}`}>{application.name}</Link> with {application.targets.length} targets.
        </>,
      );
    },
  );
  const addRow = (role: TargetRole) => setRows((current) => [...current, { key: Math.max(-1, ...current.map((r) => r.key)) + 1, role }]);
  const lastOfRole = (row: Row) => rows.filter((r) => r.role === row.role).length === 1;
  const targetsProblem = fieldProblem(action.error, 'targets');
  return (
    <form className="stacked app-register" aria-label="Register application" onSubmit={action.onSubmit}>
      <h2>Register application</h2>
      <ApplicationFields error={action.error} autoFocus />
      <fieldset className="app-targets-fieldset" aria-describedby={targetsProblem ? 'register-targets-problem' : undefined}>
        <legend>Targets</legend>
        <p className="muted field-hint">At least one PROTOTYPE (staging, where the rev is chosen) and one PRODUCTION target; one per cluster and environment.</p>
        {rows.map((row, index) => (
          <fieldset key={row.key} className="app-target-row">
            <legend>Target {index + 1}</legend>
            <TargetFields
              prefix={`target-${row.key}-`}
              errorPrefix={`targets[${index}]`}
              error={action.error}
              role={row.role}
              onRoleChange={(role) => setRows((current) => current.map((r) => (r.key === row.key ? { ...r, role } : r)))}
            />
            {fieldProblem(action.error, `targets[${index}]`) && <span className="action-error field-problem">{fieldProblem(action.error, `targets[${index}]`)}</span>}
            <button
              type="button"
              disabled={lastOfRole(row)}
              title={lastOfRole(row) ? `The last ${row.role} target stays` : undefined}
              onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
            >
              Remove target {index + 1}
            </button>
          </fieldset>
        ))}
        {targetsProblem && (
          <span id="register-targets-problem" className="action-error field-problem">
            {targetsProblem}
          </span>
        )}
        <div className="actions">
          <button type="button" onClick={() => addRow('PROTOTYPE')}>
            Add prototype target
          </button>
          <button type="button" onClick={() => addRow('PRODUCTION')}>
            Add production target
          </button>
        </div>
      </fieldset>
      <FormActions submitLabel="Register" tone="primary" action={action} onCancel={onClose} />
    </form>
  );
}

/** Asks the SRE team, through a Jira ticket in the outbox, to set up a new application. */
export function TicketForm({ done, onClose }: { done: Done; onClose: () => void }) {
  const action = useFormAction(
    RequestRegistrationTicket,
    (fields) => ({
      input: {
        name: textOf(fields, 'name') ?? '',
        githubRepo: textOf(fields, 'githubRepo'),
        slackChannel: textOf(fields, 'slackChannel'),
        jenkinsJob: textOf(fields, 'jenkinsJob'),
        notes: textOf(fields, 'notes'),
      },
    }),
    ({ requestRegistrationTicket: message }) => {
      onClose();
      done(
        <>
          The registration ticket is in the <Link to="/outbox">outbox</Link> ({message.status}
          {message.status === 'HELD' ? ': Jira is not configured' : ` for ${message.destination}`}).
        </>,
      );
    },
  );
  return (
    <form className="stacked" aria-label="Request registration ticket" onSubmit={action.onSubmit}>
      <h2>Request registration ticket</h2>
      <p className="muted">
        Opens a Jira ticket listing the steps to register a new application (Jenkins job parameters, webhook, Slack). It goes to the <Link to="/outbox">outbox</Link> first: the notifier sends it, and
        it stays HELD while Jira is not configured.
      </p>
      <TextField label="Name" name="name" required autoFocus autoComplete="off" spellCheck={false} error={action.error} />
      <TextField label="GitHub repository (optional)" name="githubRepo" autoComplete="off" spellCheck={false} error={action.error} placeholder="acme/billing" />
      <TextField label="Slack channel (optional)" name="slackChannel" autoComplete="off" error={action.error} placeholder="#team-billing" />
      <TextField label="Jenkins job (optional)" name="jenkinsJob" autoComplete="off" spellCheck={false} error={action.error} placeholder="deploy/billing" />
      <TextAreaField label="Notes (optional)" name="notes" error={action.error} />
      <FormActions submitLabel="Request ticket" tone="primary" action={action} onCancel={onClose} />
    </form>
  );
}
