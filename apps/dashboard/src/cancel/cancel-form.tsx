import { FormEvent, ReactNode, useId, useState } from 'react';
import type { GraphqlRequestError } from '../api/graphql-client';
import { useAction } from '../api/hooks';
import { isOperator, useSignedIn } from '../api/session';
import { graphql } from '../gql';
import type { CancelPageDeploymentStateFragment } from '../gql/graphql';
import type { DeploymentStatus } from '../gql/schema-types';
import { targetLabel } from '../ui/rev';
import { ActionError } from '../ui/states';
import type { CancelableDeployment } from './deployment-facts';

/** What changes while the page is open: the read, the live feed and the cancel all carry it. */
graphql(`
  fragment CancelPageDeploymentState on Deployment {
    id
    status
    version
    gitRev
    previousRev
    changedBy
    changeReason
    error
    startedAt
    finishedAt
  }
`);

const CancelMutation = graphql(`
  mutation CancelPageCancel($id: ID!, $reason: String!) {
    cancelDeployment(id: $id, reason: $reason) {
      ...CancelPageDeploymentState
    }
  }
`);

export type DeploymentState = CancelPageDeploymentStateFragment;

/** Only a deployment not yet handed to Jenkins can be canceled. */
const CANCELABLE: ReadonlySet<DeploymentStatus> = new Set(['SCHEDULED', 'BLOCKED', 'FAILED']);

/** Why this deployment cannot be canceled, in its status's words. */
export function notCancelable(deployment: CancelableDeployment): string {
  const where = `${deployment.application.name} to ${targetLabel(deployment.target)}`;
  switch (deployment.status) {
    case 'CANCELED':
      return `This deployment is CANCELED by ${deployment.changedBy ?? 'someone unknown'}: ${deployment.changeReason ?? 'no reason recorded'}`;
    case 'SUCCEEDED':
      return `This deployment SUCCEEDED: ${where} is done, there is nothing left to cancel.`;
    default:
      return `This deployment is ${deployment.status}: it has been handed to Jenkins, so it can no longer be canceled.`;
  }
}

/** "Cancel deployment" through GraphQL with the signed-in token (an operator's; a viewer's is refused and says so). */
export function CancelForm({ deployment, onCanceled }: { deployment: CancelableDeployment; onCanceled: (row: DeploymentState) => void }) {
  const session = useSignedIn();
  const cancel = useAction(CancelMutation, (result) => onCanceled(result.cancelDeployment));
  return (
    <CancelPanel
      deployment={deployment}
      notCancelable={CANCELABLE.has(deployment.status) ? undefined : notCancelable(deployment)}
      note={!isOperator(session) && <p className="muted">You are signed in with a viewer token: the gateway accepts a cancel from an operator token only.</p>}
      pending={cancel.pending}
      error={cancel.error}
      cancel={async (reason) => (await cancel.run({ id: deployment.id, reason })) !== undefined}
    />
  );
}

export interface CancelPanelProps {
  deployment: CancelableDeployment;
  /** Why it cannot be canceled here; undefined shows the form. */
  notCancelable?: string;
  /** Said above the reason: who may cancel here. */
  note?: ReactNode;
  pending: boolean;
  error?: GraphqlRequestError;
  /** Sends the cancel; true once it is done. */
  cancel: (reason: string) => Promise<boolean>;
}

/** "Cancel deployment" with a required reason, or why it cannot be; the result of a cancel stays on the page. */
export function CancelPanel({ deployment, notCancelable: why, note, pending, error, cancel }: CancelPanelProps) {
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void cancel(reason.trim()).then((canceled) => {
      if (canceled) setDone(`Canceled: ${deployment.application.name} will not be deployed to ${targetLabel(deployment.target)}.`);
    });
  };
  return (
    <section className="panel cancel-panel" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel deployment</h2>
      {done && (
        <p id="result" className="notice tone-stopped" role="status">
          {done}
        </p>
      )}
      {why === undefined ? (
        <form id="cancel-form" className="stacked" onSubmit={submit}>
          <p>
            {deployment.application.name} will not be deployed to {targetLabel(deployment.target)} in this rollout; the rest of the rollout goes on without it. The reason goes to the audit log and to
            the team.
          </p>
          {note}
          <label htmlFor={reasonId}>Reason (required)</label>
          <textarea id={reasonId} name="reason" required maxLength={2000} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          <div className="actions">
            <button type="submit" className="danger" disabled={pending}>
              Cancel deployment
            </button>
          </div>
          <ActionError error={error} />
        </form>
      ) : (
        <p className="notice" id="not-cancelable">
          {why}
        </p>
      )}
    </section>
  );
}
