import { CloseCode, Context } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { Caller, TokenAuthority } from './token-authority';

/**
 * What a graphql-ws connection carries between its callbacks: the socket and its upgrade request (as
 * graphql-ws' `ws` adapter puts them), and who authenticated.
 */
export interface SubscriberExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  caller?: Caller;
}

/** The graphql-ws context of one connection, as the `onConnect` and `context` callbacks see it. */
export type SubscriberContext = Context<Record<string, unknown> | undefined, SubscriberExtra>;

/**
 * graphql-ws `onConnect`: a connection needs a viewer or operator token in its `connection_init`
 * payload, `{ authorization: "Bearer <token>" }` (browsers cannot set headers on a WebSocket). Without
 * one it is closed with 4401, with an unknown one with 4403 — the codes graphql-ws itself uses — and a
 * reason that says what to send (a close reason holds at most 123 bytes).
 */
export function authenticateSubscriber(tokens: TokenAuthority) {
  return (ctx: Context): boolean => {
    const extra = ctx.extra as SubscriberExtra;
    const authorization = authorizationOf(ctx.connectionParams);
    if (authorization === undefined) {
      extra.socket.close(CloseCode.Unauthorized, 'a bearer token is required: connection_init payload { authorization: "Bearer <token>" }');
      return false;
    }
    const caller = tokens.fromAuthorization(authorization);
    if (!caller) {
      extra.socket.close(CloseCode.Forbidden, 'unknown token: use one of HYDRATOR_VIEWER_TOKENS or HYDRATOR_OPERATOR_TOKENS');
      return false;
    }
    extra.caller = caller;
    return true;
  };
}

/** `authorization` (any case) from the connection parameters, when it is a string. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const key = Object.keys(params ?? {}).find((name) => name.toLowerCase() === 'authorization');
  const value = key ? params![key] : undefined;
  return typeof value === 'string' && value.trim() ? value : undefined;
}
