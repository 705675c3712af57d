import { Controller, Get, Inject, NotFoundException, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { DashboardFiles } from './dashboard-files';

export const DASHBOARD_FILES = Symbol('DASHBOARD_FILES');

/** The app's policy: nothing inline, nothing from another origin, never framed. */
const APP_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** GraphiQL's editor (Monaco) injects style elements and runs its language service in workers. */
const GRAPHIQL_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Every path the dashboard routes itself (apps/dashboard/src/router.tsx). */
export const DASHBOARD_ROUTES = ['/', '/rollouts/:id', '/history', '/applications', '/applications/:name', '/stability', '/outbox', '/deployments/:id/cancel'];

/**
 * The dashboard on the gateway's port: the pages Slack messages link to (`/rollouts/:id`,
 * `/deployments/:id/cancel`), the rest of the app, GraphiQL at `/api`, and their built assets. The
 * pages are static; the app reads through GraphQL with the token the user signs in with, so these
 * routes need no auth of their own.
 */
@Controller()
export class DashboardController {
  constructor(@Inject(DASHBOARD_FILES) private readonly files: DashboardFiles) {}

  @Get(DASHBOARD_ROUTES)
  app(@Res() response: Response): void {
    this.sendDocument(response, 'index.html', APP_POLICY);
  }

  @Get('api')
  graphiql(@Res() response: Response): void {
    this.sendDocument(response, 'api.html', GRAPHIQL_POLICY);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    const path = this.files.asset(file);
    if (!path) throw new NotFoundException(`no dashboard asset ${file}`);
    // Built names carry a content hash: a changed file is a new name, so the old one never goes stale.
    response.sendFile(path, { maxAge: '365d', immutable: true, dotfiles: 'deny', headers: { 'x-content-type-options': 'nosniff' } });
  }

  private sendDocument(response: Response, name: 'index.html' | 'api.html', policy: string): void {
    const html = this.files.document(name);
    if (html === undefined) throw new ServiceUnavailableException('the dashboard is not built: run `npm run build` (it builds apps/dashboard into dist/dashboard)');
    response.setHeader('content-security-policy', policy);
    response.setHeader('cache-control', 'no-cache');
    response.type('text/html; charset=utf-8').send(html);
  }
}
