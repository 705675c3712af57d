import { getOperationAST, GraphQLError, parse } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { ErrorCode } from '@hydrator/common';

/**
 * graphql-ws `onSubscribe`: the WebSocket serves subscriptions only. Queries and mutations go to
 * `POST /graphql`, where each request gets its own database context; here they are refused with a
 * message that says so. Syntax errors are left to graphql-ws, which reports them itself.
 */
export function subscriptionsOnly(_ctx: unknown, _id: string, payload: SubscribePayload): readonly GraphQLError[] | undefined {
  let operation: string | undefined;
  try {
    operation = getOperationAST(parse(payload.query), payload.operationName)?.operation;
  } catch {
    return undefined;
  }
  if (!operation || operation === 'subscription') return undefined;
  return [new GraphQLError(`a ${operation} goes over HTTP (POST /graphql): this WebSocket serves subscriptions only`, { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
}
