import { DocumentNode, getOperationAST, GraphQLError, OperationTypeNode, parse } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { ErrorCode, HydratorError } from '@hydrator/common';
import { checkOperationText } from './argument-text';

/**
 * graphql-ws `onSubscribe`: the WebSocket serves subscriptions only. Queries and mutations go to
 * `POST /graphql`, where each request gets its own database context; here they are refused with a
 * message that says so. A subscription's text arguments get the same check as over HTTP. Syntax
 * errors are left to graphql-ws, which reports them itself.
 */
export function subscriptionsOnly(_ctx: unknown, _id: string, payload: SubscribePayload): readonly GraphQLError[] | undefined {
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch {
    return undefined;
  }
  const operation = getOperationAST(document, payload.operationName)?.operation;
  if (operation && operation !== OperationTypeNode.SUBSCRIPTION) {
    return [new GraphQLError(`a ${operation} goes over HTTP (POST /graphql): this WebSocket serves subscriptions only`, { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
  }
  try {
    checkOperationText(document, payload.variables ?? undefined);
  } catch (error) {
    if (!(error instanceof HydratorError)) throw error;
    return [new GraphQLError(error.message, { extensions: { code: error.code, field: error.field } })];
  }
  return undefined;
}
