import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pageHtml, UI_ASSETS, UiPage } from './ui-assets';

/** No inline script or style anywhere: the pages hold to a strict policy. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Which page each route is; the page module reads the `:id` from the URL itself. */
const PAGE_ROUTES: Readonly<Record<string, UiPage>> = {
  '/': 'home',
  '/rollouts/:id': 'rollout',
  '/deployments/:id/cancel': 'cancel',
  '/applications': 'applications',
};

/**
 * The web UI on the gateway's port: the pages Hydrator's Slack messages link to (`/rollouts/:id`,
 * `/deployments/:id/cancel`), the fleet at `/` and `/applications`, and their modules under `/ui/`.
 * Pages are static shells; their modules read through GraphQL with the token the user pasted, so
 * these routes need no auth of their own.
 */
@Controller()
export class UiController {
  @Get(Object.keys(PAGE_ROUTES))
  page(@Req() request: Request, @Res() response: Response): void {
    sendPage(response, PAGE_ROUTES[(request.route as { path: string }).path]);
  }

  @Get('ui/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    const asset = Object.hasOwn(UI_ASSETS, file) ? UI_ASSETS[file] : undefined;
    if (!asset) throw new NotFoundException(`no UI asset ${file}`);
    send(response, asset.contentType, asset.body);
  }
}

function sendPage(response: Response, page: UiPage): void {
  response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  response.setHeader('referrer-policy', 'no-referrer');
  send(response, 'text/html; charset=utf-8', pageHtml(page));
}

function send(response: Response, contentType: string, body: string): void {
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('cache-control', 'no-cache');
  response.type(contentType).send(body);
}
