import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * A browser opening `/graphql` (the address in the docs and in every client's config) is sent to the
 * bundled GraphiQL at `/api`; GraphQL clients (POST, or GET with a query) reach Apollo as before.
 */
@Injectable()
export class GraphiqlRedirectMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const wantsPage = request.method === 'GET' && !request.query.query && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage) response.redirect(302, '/api');
    else next();
  }
}
