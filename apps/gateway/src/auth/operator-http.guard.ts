import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ErrorCode, HydratorError } from '@hydrator/common';
import { Role, TokenAuthority } from './token-authority';

/** For HTTP routes that act (REST triggers, Bull Board): an operator bearer token. */
@Injectable()
export class OperatorHttpGuard implements CanActivate {
  constructor(private readonly tokens: TokenAuthority) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const caller = this.tokens.fromAuthorization(request.headers.authorization);
    if (!caller) throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'an operator bearer token is required: "Authorization: Bearer <token>"');
    if (caller.role !== Role.OPERATOR) throw new HydratorError(ErrorCode.FORBIDDEN, `${caller.name} has a viewer token: this needs an operator token`);
    (request as Request & { caller?: unknown }).caller = caller;
    return true;
  }
}
