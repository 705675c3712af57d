import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { graphqlRequest, GraphqlRequestError } from './graphql-client';
import { subscribeLive } from './live';
import { useSession, useSignedIn } from './session';

/** Runs typed operations with the session's token; a refused token signs the user out with the reason. */
export function useGraphql() {
  const { token } = useSignedIn();
  const { tokenRefused } = useSession();
  return useCallback(
    async <TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables?: TVariables): Promise<TResult> => {
      try {
        return await graphqlRequest(token, document, variables);
      } catch (error) {
        if (error instanceof GraphqlRequestError && error.unauthenticated) tokenRefused();
        throw error;
      }
    },
    [token, tokenRefused],
  );
}

export interface QueryState<TResult> {
  data?: TResult;
  error?: GraphqlRequestError;
  loading: boolean;
  /** Reads again (after an action, or when a live event says derived fields changed). */
  reload: () => void;
}

/** Reads a query, again whenever its variables change or `reload` is called. */
export function useQuery<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables?: TVariables, options: { skip?: boolean } = {}): QueryState<TResult> {
  const request = useGraphql();
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables ?? {});
  const requestKey = `${generation}:${key}`;
  // The data stays on screen while a newer read is under way; `answered` says which read it came from.
  const [state, setState] = useState<{ answered?: string; data?: TResult; error?: GraphqlRequestError }>({});
  useEffect(() => {
    if (options.skip) return;
    let current = true;
    request(document, JSON.parse(key) as TVariables).then(
      (data) => current && setState({ answered: requestKey, data }),
      (error: unknown) => current && setState((previous) => ({ answered: requestKey, data: previous.data, error: asRequestError(error) })),
    );
    return () => {
      current = false;
    };
  }, [request, document, key, requestKey, options.skip]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: !options.skip && state.answered !== requestKey, reload };
}

/** Follows a subscription while mounted; each event goes to the latest `onEvent`. Returns the live problem, if any. */
export function useLive<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables | undefined, onEvent: (data: TResult) => void): string | undefined {
  const { token } = useSignedIn();
  const { tokenRefused } = useSession();
  const deliver = useEffectEvent(onEvent);
  const key = variables === undefined ? undefined : JSON.stringify(variables);
  const [problem, setProblem] = useState<{ key: string; message: string }>();
  useEffect(() => {
    if (key === undefined) return;
    const handlers = { next: (data: TResult) => deliver(data), error: (message: string) => setProblem({ key, message }) };
    return subscribeLive(token, document, JSON.parse(key) as TVariables, handlers, tokenRefused);
  }, [token, document, key, tokenRefused]);
  return problem && problem.key === key ? problem.message : undefined;
}

export interface ActionState<TResult, TVariables> {
  run: (variables: TVariables) => Promise<TResult | undefined>;
  pending: boolean;
  error?: GraphqlRequestError;
  clearError: () => void;
}

/** A mutation behind a button or form: pending while it runs, the refusal kept to show next to it. */
export function useAction<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, onDone?: (result: TResult) => void): ActionState<TResult, TVariables> {
  const request = useGraphql();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<GraphqlRequestError>();
  const run = useCallback(
    async (variables: TVariables) => {
      setPending(true);
      setError(undefined);
      try {
        const result = await request(document, variables);
        onDone?.(result);
        return result;
      } catch (caught) {
        setError(asRequestError(caught));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [request, document, onDone],
  );
  return { run, pending, error, clearError: useCallback(() => setError(undefined), []) };
}

function asRequestError(error: unknown): GraphqlRequestError {
  return error instanceof GraphqlRequestError ? error : new GraphqlRequestError(error instanceof Error ? error.message : String(error), 'CLIENT');
}
