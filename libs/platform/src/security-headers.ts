import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * The default for every route: an API answers JSON and no page of Hydrator may be framed
 * (clickjacking a Cancel or Freeze button), so nothing is allowed to load or embed it.
 */
const API_POLICY: Directives = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Pages that come from libraries and need more than our own pages (the dashboard and its bundled
 * GraphiQL set their policies themselves). Each still refuses framing. Bull Board styles with inline
 * styles and Google Fonts.
 */
const PAGE_POLICIES: ReadonlyArray<{ path: string; directives: Directives }> = [
  {
    path: '/admin/queues',
    directives: {
      ...API_POLICY,
      formAction: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
      fontSrc: ["'self'", 'https://fonts.gstatic.com'],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
    },
  },
];

/**
 * Security headers on every route of every service (helmet: CSP with frame-ancestors, HSTS, nosniff,
 * referrer policy, X-Frame-Options, cross-origin policies), with the page policies above on their paths.
 */
export function applySecurityHeaders(app: INestApplication): void {
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_POLICY }, referrerPolicy: { policy: 'no-referrer' } }));
  for (const { path, directives } of PAGE_POLICIES) {
    app.use(path, helmet.contentSecurityPolicy({ useDefaults: false, directives }));
  }
}
