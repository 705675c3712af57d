import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GraphQLResolveInfo, OperationTypeNode } from 'graphql';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { ErrorCode, HydratorError } from '@hydrator/common';
import { GatewayContext } from '../graphql/gateway-context';
import { Role } from './token-authority';

/**
 * Applies to every GraphQL field, so no resolver can forget it: no token, no data; mutations need
 * an operator token. HTTP routes (webhooks, REST triggers) carry their own guards.
 */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const { caller } = gql.getContext<GatewayContext>();
    if (!caller) throw bearerTokenRequired();
    const operation = gql.getInfo<GraphQLResolveInfo>().operation.operation;
    if (operation === OperationTypeNode.MUTATION && caller.role !== Role.OPERATOR) {
      throw new HydratorError(ErrorCode.FORBIDDEN, `${caller.name} has a viewer token: mutations need an operator token`);
    }
    return true;
  }
}

/** Why an operation without a valid token is refused, and what to send. */
export function bearerTokenRequired(): HydratorError {
  return new HydratorError(ErrorCode.UNAUTHENTICATED, 'a bearer token is required: send "Authorization: Bearer <token>" (HYDRATOR_VIEWER_TOKENS or HYDRATOR_OPERATOR_TOKENS)');
}
