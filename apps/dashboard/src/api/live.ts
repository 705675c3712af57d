import { Client, createClient } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql';

/** Close codes the gateway uses for a missing (4401) or unknown (4403) token. */
export const TOKEN_REFUSED_CODES = new Set([4401, 4403]);

let current: { token: string; client: Client } | undefined;

/**
 * One graphql-ws connection per token for the whole page: every live view subscribes through it,
 * and it reconnects by itself after the gateway restarts.
 */
function clientFor(token: string, onTokenRefused: () => void): Client {
  if (current?.token === token) return current.client;
  void current?.client.dispose();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const client = createClient({
    url,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: Infinity,
    shouldRetry: (event) => !(event instanceof CloseEvent && TOKEN_REFUSED_CODES.has(event.code)),
    on: {
      closed: (event) => {
        if (event instanceof CloseEvent && TOKEN_REFUSED_CODES.has(event.code)) onTokenRefused();
      },
    },
  });
  current = { token, client };
  return client;
}

export interface LiveHandlers<TResult> {
  next: (data: TResult) => void;
  error?: (message: string) => void;
}

/** Subscribes to a typed subscription document; returns the unsubscribe function. */
export function subscribeLive<TResult, TVariables>(
  token: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  handlers: LiveHandlers<TResult>,
  onTokenRefused: () => void,
): () => void {
  return clientFor(token, onTokenRefused).subscribe<TResult>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.data) handlers.next(result.data);
        if (result.errors?.length) handlers.error?.(result.errors.map((e) => e.message).join('; '));
      },
      error: (error) => handlers.error?.(error instanceof Error ? error.message : 'the live connection closed'),
      complete: () => undefined,
    },
  );
}
