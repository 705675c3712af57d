import { FormEvent, useState } from 'react';
import { useAction } from '../api/hooks';
import { graphql } from '../gql';
import type { ShortlogEntry } from '../gql/schema-types';
import { OperatorButton } from '../ui/forms';
import { RevChange, targetLabel } from '../ui/rev';
import { Shortlog } from '../ui/shortlog';
import { ActionError } from '../ui/states';
import type { WeekDeployment } from './use-live-rollout';

const CancelDeploymentMutation = graphql(`
  mutation WeekCancelDeployment($id: ID!, $reason: String!) {
    cancelDeployment(id: $id, reason: $reason) {
      id
      status
      version
    }
  }
`);

const RetryDeploymentMutation = graphql(`
  mutation WeekRetryDeployment($id: ID!) {
    retryDeployment(id: $id) {
      id
      status
      version
    }
  }
`);

const SetDeploymentRevMutation = graphql(`
  mutation WeekSetDeploymentRev($id: ID!, $gitRev: String!) {
    setDeploymentRev(id: $id, gitRev: $gitRev) {
      id
      gitRev
      version
    }
  }
`);

const ShortlogPreviewQuery = graphql(`
  query WeekShortlogPreview($deploymentId: ID!, $gitRev: String!) {
    shortlogPreview(deploymentId: $deploymentId, gitRev: $gitRev) {
      author
      count
      subjects
    }
  }
`);

export type RowForm = 'cancel' | 'rev';

/** Who may do what, by status (the gateway checks the same rules and says why it refuses). */
export const CAN_CANCEL = new Set(['SCHEDULED', 'BLOCKED', 'FAILED']);
export const CAN_RETRY = new Set(['FAILED', 'BLOCKED']);
export const CAN_CHANGE_REV = new Set(['SCHEDULED']);

/** The buttons of one deployment row; Cancel and Change rev open a form under the row. */
export function RowActions({ deployment, open, onOpen, onChanged }: { deployment: WeekDeployment; open?: RowForm; onOpen: (form: RowForm | undefined) => void; onChanged: () => void }) {
  const retry = useAction(RetryDeploymentMutation, onChanged);
  const toggle = (form: RowForm) => onOpen(open === form ? undefined : form);
  const { status } = deployment;
  return (
    <div className="actions">
      {CAN_RETRY.has(status) && (
        <OperatorButton pending={retry.pending} onClick={() => void retry.run({ id: deployment.id })}>
          Retry
        </OperatorButton>
      )}
      {CAN_CHANGE_REV.has(status) && (
        <OperatorButton aria-expanded={open === 'rev'} onClick={() => toggle('rev')}>
          Change rev
        </OperatorButton>
      )}
      {CAN_CANCEL.has(status) && (
        <OperatorButton aria-expanded={open === 'cancel'} onClick={() => toggle('cancel')}>
          Cancel deployment
        </OperatorButton>
      )}
      <ActionError error={retry.error} />
    </div>
  );
}

interface FormProps {
  deployment: WeekDeployment;
  onChanged: () => void;
  onClose: () => void;
}

function what(deployment: WeekDeployment): string {
  return `${deployment.application.name} on ${targetLabel(deployment.target)}`;
}

/** Cancels with a reason (required: it goes to the audit log and to the team). */
export function CancelForm({ deployment, onChanged, onClose }: FormProps) {
  const [reason, setReason] = useState('');
  const cancel = useAction(CancelDeploymentMutation, () => {
    onChanged();
    onClose();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void cancel.run({ id: deployment.id, reason });
  };
  return (
    <form className="inline row-form" onSubmit={submit} aria-label={`Cancel ${what(deployment)}`}>
      <label>
        Why cancel {what(deployment)}? (goes to the audit log and the team)
        <input name="reason" required maxLength={2000} size={48} value={reason} onChange={(event) => setReason(event.target.value)} autoFocus />
      </label>
      <OperatorButton type="submit" className="danger" pending={cancel.pending} disabled={!reason.trim()}>
        Confirm cancel
      </OperatorButton>
      <button type="button" onClick={onClose}>
        Keep it
      </button>
      <ActionError error={cancel.error} />
    </form>
  );
}

/** A new rev for a SCHEDULED deployment: the shortlog it would bring is shown first, then it can be saved. */
export function ChangeRevForm({ deployment, onChanged, onClose }: FormProps) {
  const [rev, setRev] = useState('');
  const [preview, setPreview] = useState<{ rev: string; entries: ShortlogEntry[] }>();
  const shortlog = useAction(ShortlogPreviewQuery);
  const save = useAction(SetDeploymentRevMutation, () => {
    onChanged();
    onClose();
  });
  const wanted = rev.trim();
  const previewed = preview && preview.rev === wanted ? preview : undefined;
  const show = async (event: FormEvent) => {
    event.preventDefault();
    save.clearError();
    const result = await shortlog.run({ deploymentId: deployment.id, gitRev: wanted });
    if (result) setPreview({ rev: wanted, entries: result.shortlogPreview });
  };
  return (
    <div className="row-form">
      <form className="inline" onSubmit={(event) => void show(event)} aria-label={`Change the rev of ${what(deployment)}`}>
        <label>
          New rev for {what(deployment)} (sha, tag or branch)
          <input name="gitRev" required maxLength={100} size={42} value={rev} onChange={(event) => setRev(event.target.value)} autoFocus spellCheck={false} autoComplete="off" />
        </label>
        <button type="submit" disabled={!wanted || shortlog.pending} aria-busy={shortlog.pending || undefined}>
          Show shortlog
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </form>
      <ActionError error={shortlog.error} />
      {previewed && (
        <div className="shortlog-preview" aria-live="polite">
          <p>
            New shortlog, <RevChange from={deployment.previousRev} to={previewed.rev} short />:{' '}
            {previewed.entries.length ? `${previewed.entries.reduce((sum, entry) => sum + entry.count, 0)} commits` : 'no commits to list'}
          </p>
          <Shortlog entries={previewed.entries} empty="Nothing between them: the same rev, a first deployment, or no GitHub or git mirror to compare with." />
          <OperatorButton className="primary" pending={save.pending} onClick={() => void save.run({ id: deployment.id, gitRev: previewed.rev })}>
            Save rev
          </OperatorButton>
        </div>
      )}
      <ActionError error={save.error} />
    </div>
  );
}
