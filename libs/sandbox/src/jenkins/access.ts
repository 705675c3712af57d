import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SandboxReply, SandboxRequest } from '../http/sandbox-http-server';
import { JenkinsSandboxOptions } from './types';

/** The header Jenkins' default crumb issuer names in `crumbRequestField`. */
export const CRUMB_FIELD = 'Jenkins-Crumb';

/** Who a request is from, or the refusal Jenkins would answer with. */
export type AccessDecision = { user?: string; refusal?: undefined } | { refusal: SandboxReply & { status: number } };

/**
 * Jenkins' access rules for API clients: HTTP Basic with user + API token, and a CSRF crumb on POSTs
 * when crumbs are required. Jenkins does not negotiate authentication: a request without credentials
 * gets 403 (not 401), a wrong token gets 401.
 */
export class AccessControl {
  // A per-sandbox salt, as Jenkins salts crumbs per instance, so crumbs from another sandbox fail.
  private readonly salt = randomBytes(16).toString('hex');

  constructor(private readonly options: JenkinsSandboxOptions) {}

  /** The crumb Jenkins would issue to `user` (crumbs are bound to the user they were made for). */
  crumbFor(user: string | undefined): string {
    return createHash('sha256')
      .update(`${this.salt}:${user ?? 'anonymous'}`)
      .digest('hex');
  }

  check(req: SandboxRequest): AccessDecision {
    const auth = this.options.auth;
    const credentials = parseBasic(req.headers.authorization);
    if (auth && !credentials) {
      return refuse(403, 'Authentication required', { 'X-You-Are-Authenticated-As': 'anonymous' });
    }
    if (auth && credentials && !(credentials.user === auth.user && safeEqual(credentials.token, auth.token))) {
      return refuse(401, `Invalid password/token for user: ${credentials.user}`, { 'WWW-Authenticate': 'Basic realm="Jenkins"' });
    }
    const user = credentials?.user;
    if (req.method === 'POST' && this.options.requireCrumb) {
      const sent = req.headers[CRUMB_FIELD.toLowerCase()];
      if (typeof sent !== 'string' || !safeEqual(sent, this.crumbFor(user))) {
        return refuse(403, 'No valid crumb was included in the request');
      }
    }
    return { user };
  }
}

function refuse(status: number, message: string, headers: Record<string, string> = {}): AccessDecision {
  return { refusal: { status, headers, body: `HTTP ERROR ${status} ${message}` } };
}

function parseBasic(header: string | undefined): { user: string; token: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

/** Secrets are compared in constant time, as anywhere else. */
function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
