import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GatewayContext } from '../graphql/gateway-context';
import { Caller } from './token-authority';

/** The authenticated caller of a GraphQL operation (the guard has already refused anonymous ones). */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return GqlExecutionContext.create(context).getContext<GatewayContext>().caller!;
});
