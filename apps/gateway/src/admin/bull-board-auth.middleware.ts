import type { NextFunction, Request, Response } from 'express';
import type { TokenAuthority } from '../auth/token-authority';
import { Role } from '../auth/token-authority';

/**
 * Guards `/admin/queues` (Bull Board) with an operator token, given as a bearer token or, so that a
 * browser can log in, as the password of HTTP Basic auth (any user name).
 */
export function bullBoardAuth(tokens: TokenAuthority) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    const caller = basic ? tokens.resolve(Buffer.from(basic[1], 'base64').toString('utf8').split(':').slice(1).join(':')) : tokens.fromAuthorization(header);
    if (caller?.role === Role.OPERATOR) return next();
    res.status(caller ? 403 : 401);
    if (!caller) res.setHeader('WWW-Authenticate', 'Basic realm="Hydrator queues", charset="UTF-8"');
    res.json({
      error: caller ? 'FORBIDDEN' : 'UNAUTHENTICATED',
      message: caller ? `${caller.name} has a viewer token: the queue admin needs an operator token` : 'the queue admin needs an operator token (bearer, or as the Basic auth password)',
    });
  };
}
