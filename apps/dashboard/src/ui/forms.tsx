import { ButtonHTMLAttributes, FormEvent, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes, useId } from 'react';
import type { GraphqlRequestError } from '../api/graphql-client';
import { useAction } from '../api/hooks';
import { isOperator, useSignedIn } from '../api/session';
import type { TypedDocumentString } from '../gql/graphql';
import { ActionError } from './states';
import './forms.css';

/** Whether the signed-in token may act (mutations need an operator token), and if not, why — for a title. */
export function useOperatorGate(): { canAct: boolean; why?: string } {
  const session = useSignedIn();
  return isOperator(session) ? { canAct: true } : { canAct: false, why: `Needs an operator token: ${session.actor} has a viewer token (read only).` };
}

/** A button that acts: disabled for viewers with a title saying an operator token is needed, and while `pending`. */
export function OperatorButton({ pending, disabled, title, ...button }: ButtonHTMLAttributes<HTMLButtonElement> & { pending?: boolean }) {
  const gate = useOperatorGate();
  return <button type="button" {...button} disabled={!gate.canAct || pending || disabled} title={gate.why ?? title} aria-busy={pending || undefined} />;
}

/** A form's submit button (and Cancel when `onCancel` is given), with the refusal of its last submit under them. */
export function FormActions({
  submitLabel,
  tone,
  action,
  onCancel,
}: {
  submitLabel: ReactNode;
  tone: 'primary' | 'danger';
  action: { pending: boolean; error?: GraphqlRequestError };
  onCancel?: () => void;
}) {
  return (
    <>
      <div className="actions">
        <OperatorButton type="submit" className={tone} pending={action.pending}>
          {submitLabel}
        </OperatorButton>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ActionError error={action.error} />
    </>
  );
}

/**
 * The message of a refusal when it names `field` (`extensions.field`), e.g. `targets[1].namespace`; the
 * gateway may prefix it with the variable that carried it (`input.name`).
 */
export function fieldProblem(error: GraphqlRequestError | undefined, field: string): string | undefined {
  if (!error?.field) return undefined;
  return error.field === field || error.field.endsWith(`.${field}`) ? error.message : undefined;
}

interface LabelledProps {
  label: ReactNode;
  /** A short help text under the label. */
  hint?: ReactNode;
  /** The refusal to show under the field when it names `errorField` (default: the input's name). */
  error?: GraphqlRequestError;
  errorField?: string;
}

/** A labelled input; a refusal naming its field is shown under it and marks it invalid. */
export function TextField({ label, hint, error, errorField, ...input }: LabelledProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled label={label} hint={hint} problem={fieldProblem(error, errorField ?? input.name ?? '')}>
      {(described) => <input type="text" {...input} {...described} />}
    </Labelled>
  );
}

/** A labelled textarea, like {@link TextField}. */
export function TextAreaField({ label, hint, error, errorField, ...textarea }: LabelledProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled label={label} hint={hint} problem={fieldProblem(error, errorField ?? textarea.name ?? '')}>
      {(described) => <textarea rows={2} {...textarea} {...described} />}
    </Labelled>
  );
}

/** A labelled select, like {@link TextField}. */
export function SelectField({ label, hint, error, errorField, ...select }: LabelledProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Labelled label={label} hint={hint} problem={fieldProblem(error, errorField ?? select.name ?? '')}>
      {(described) => <select {...select} {...described} />}
    </Labelled>
  );
}

interface Described {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** The label names the field alone; the hint and the refusal describe it (read after the name). */
function Labelled({ label, hint, problem, children }: { label: ReactNode; hint?: ReactNode; problem?: string; children: (described: Described) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div className="labelled-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="muted field-hint">
          {hint}
        </span>
      )}
      {children({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': describedBy || undefined })}
      {problem && (
        <span id={`${id}-problem`} className="action-error field-problem">
          {problem}
        </span>
      )}
    </div>
  );
}

/**
 * A form that sends one mutation: the variables are read from the form's fields on submit; on success
 * `onDone` gets the result (the fields keep what was typed when the gateway refuses, to fix and resend).
 */
export function useFormAction<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  toVariables: (fields: FormData) => TVariables,
  onDone: (result: TResult, form: HTMLFormElement) => void,
) {
  const action = useAction(document);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const result = await action.run(toVariables(new FormData(form)));
    if (result !== undefined) onDone(result, form);
  };
  return { ...action, onSubmit };
}

/** A form field's text, trimmed; undefined when empty (GraphQL: "not given"). */
export function textOf(fields: FormData, name: string): string | undefined {
  const value = fields.get(name);
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? undefined : text;
}

/** "ada, grace\nlin" → ["ada", "grace", "lin"]. */
export function listOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The value of an `<input type="datetime-local">` (the viewer's wall-clock time, "2026-12-04T18:00") as an
 * ISO-8601 instant with the viewer's offset at that moment ("2026-12-04T18:00:00+01:00"); undefined when empty.
 */
export function localDateTimeToIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const local = new Date(value);
  if (Number.isNaN(local.getTime())) return value;
  const offset = -local.getTimezoneOffset();
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  const withSeconds = /T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
  return `${withSeconds}${offset >= 0 ? '+' : '-'}${pad(Math.abs(offset) / 60)}:${pad(Math.abs(offset) % 60)}`;
}
