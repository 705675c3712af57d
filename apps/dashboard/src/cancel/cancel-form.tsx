import { FormEvent, useId, useState } from 'react';
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
function notCancelable(deployment: CancelableDeployment): string {
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

/** "Cancel deployment" with a required reason, or why it cannot be; the result of a cancel stays on the page. */
export function CancelForm({ deployment, onCanceled }: { deployment: CancelableDeployment; onCanceled: (row: DeploymentState) => void }) {
  const session = useSignedIn();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const cancel = useAction(CancelMutation, (result) => onCanceled(result.cancelDeployment));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void cancel.run({ id: deployment.id, reason: reason.trim() }).then((result) => {
      if (result) setDone(`Canceled: ${deployment.application.name} will not be deployed to ${targetLabel(deployment.target)}.`);
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
      {CANCELABLE.has(deployment.status) ? (
        <form id="cancel-form" className="stacked" onSubmit={submit}>
          <p>
            {deployment.application.name} will not be deployed to {targetLabel(deployment.target)} in this rollout; the rest of the rollout goes on without it. The reason goes to the audit log and to
            the team.
          </p>
          {!isOperator(session) && <p className="muted">You are signed in with a viewer token: the gateway accepts a cancel from an operator token only.</p>}
          <label htmlFor={reasonId}>Reason (required)</label>
          <textarea id={reasonId} name="reason" required maxLength={2000} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          <div className="actions">
            <button type="submit" className="danger" disabled={cancel.pending}>
              Cancel deployment
            </button>
          </div>
          <ActionError error={cancel.error} />
        </form>
      ) : (
        <p className="notice" id="not-cancelable">
          {notCancelable(deployment)}
        </p>
      )}
    </section>
  );
}
