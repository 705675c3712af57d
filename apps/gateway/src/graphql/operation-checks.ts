import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { HydratorError } from '@hydrator/common';
import { checkOperationText } from './argument-text';
import { graphqlErrorOf } from './format-error';
import type { GatewayContext } from './gateway-context';

/**
 * Checks every HTTP operation once it is parsed and validated, before any resolver runs: it is not a
 * subscription (those need the WebSocket; over HTTP graphql would run the field's resolver without an
 * event and fail inside it), and its text arguments pass {@link checkOperationText}.
 */
export const operationChecks: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request }) {
        if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
          throw new GraphQLError('a subscription needs the WebSocket (graphql-transport-ws on /graphql): over HTTP, send queries and mutations only', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        try {
          checkOperationText(document, request.variables);
        } catch (error) {
          throw error instanceof HydratorError ? graphqlErrorOf(error) : error;
        }
      },
    };
  },
};
