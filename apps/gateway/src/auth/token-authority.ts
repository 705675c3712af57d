import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Actor } from '@hydrator/audit';
import { HYDRATOR_CONFIG, HydratorConfig, parseTokenEntry } from '@hydrator/config';

/** Viewer: queries and subscriptions. Operator: everything a viewer can, plus mutations. */
export enum Role {
  VIEWER = 'viewer',
  OPERATOR = 'operator',
}

export interface Caller extends Actor {
  role: Role;
}

interface KnownToken {
  digest: Buffer;
  caller: Caller;
}

/**
 * Resolves bearer tokens from `HYDRATOR_OPERATOR_TOKENS` / `HYDRATOR_VIEWER_TOKENS`. An entry may be
 * `name:token`, and the name is the actor in the audit log; a bare token is audited by a short digest.
 * Tokens are compared as SHA-256 digests in constant time, and every entry is checked, so timing says nothing.
 */
@Injectable()
export class TokenAuthority {
  private readonly tokens: KnownToken[];

  constructor(@Inject(HYDRATOR_CONFIG) config: HydratorConfig) {
    this.tokens = [...config.operatorTokens.map((entry) => known(entry, Role.OPERATOR)), ...config.viewerTokens.map((entry) => known(entry, Role.VIEWER))];
  }

  /** The caller behind an `Authorization` header value (`Bearer …`), or undefined. */
  fromAuthorization(header: string | undefined): Caller | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return match ? this.resolve(match[1]) : undefined;
  }

  resolve(token: string): Caller | undefined {
    const digest = sha256(token);
    let found: Caller | undefined;
    for (const known of this.tokens) {
      if (timingSafeEqual(known.digest, digest) && !found) found = known.caller;
    }
    return found;
  }
}

/** The digests {@link matchesSecret} compares with: computed once from the configuration, not on every request. */
export function secretDigests(secrets: string[]): Buffer[] {
  return secrets.map(sha256);
}

/** Whether `given` is one of the secrets behind `digests`, in constant time: every digest is compared, whatever the length. */
export function matchesSecret(given: string, digests: Buffer[]): boolean {
  const digest = sha256(given);
  let found = false;
  for (const known of digests) found = timingSafeEqual(known, digest) || found;
  return found;
}

function known(entry: string, role: Role): KnownToken {
  const { name, token } = parseTokenEntry(entry);
  return { digest: sha256(token), caller: { name: name || `${role}-${sha256(token).toString('hex').slice(0, 8)}`, role } };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
