import type { ReactNode } from 'react';
import type { GraphqlRequestError } from '../api/graphql-client';

/** A failed read, with what to do about it. */
export function ErrorState({ error, retry }: { error: GraphqlRequestError; retry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <p>
        <strong>Could not load this:</strong> {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Nothing to show yet, and the next step that would change that. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty">
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status">
      Loading {what}…
    </p>
  );
}

/** A refused action, next to the button or form that sent it. */
export function ActionError({ error }: { error?: GraphqlRequestError }) {
  if (!error) return null;
  return (
    <p className="action-error" role="alert">
      {error.message}
      {error.code && <span className="muted"> ({error.code})</span>}
    </p>
  );
}
