import { AlertmanagerError } from './alertmanager-error';

/** A silence's state as Alertmanager computes it from its start and end. */
export type SilenceState = 'active' | 'pending' | 'expired';

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** False for a negative matcher (`!=`, `!~`). */
  isEqual: boolean;
}

/** A silence as Alertmanager holds it. */
export interface Silence {
  id: string;
  state: SilenceState;
  matchers: SilenceMatcher[];
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  createdBy: string;
  comment: string;
}

export interface NewSilence {
  /** Label name → exact value; every one must match for an alert to be silenced. */
  matchers: Record<string, string>;
  endsAt: Date;
  createdBy: string;
  comment: string;
}

export interface FindSilencesOptions {
  /** Keep only silences whose comment contains this text, e.g. `silenceCommentMarker(deploymentId)`. */
  commentContains?: string;
  /** Keep only silences in one of these states (default: all, expired ones included). */
  states?: SilenceState[];
}

export interface AlertmanagerClientOptions {
  /** How long one request may take, answer included (default 10 s). */
  timeoutMs?: number;
}

/** A silence on the wire (API v2 `gettableSilence`); Alertmanager before 0.22 leaves out `isEqual`. */
interface ApiSilence {
  id: string;
  status: { state: SilenceState };
  matchers: Array<Omit<SilenceMatcher, 'isEqual'> & { isEqual?: boolean }>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  createdBy: string;
  comment: string;
}

interface ApiAnswer {
  method: string;
  url: string;
  status: number;
  text: string;
}

/** How long one request to Alertmanager may take unless the client is given another timeout. */
export const ALERTMANAGER_TIMEOUT_MS = 10_000;

/**
 * Alertmanager's silence API (v2), as Hydrator uses it: a deployment holds a silence on its target like
 * a lease — created before Jenkins runs, extended while the deployment outlives it, expired afterwards.
 * Every failure is an `AlertmanagerError` naming the URL, retryable or not.
 */
export class AlertmanagerClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, options: AlertmanagerClientOptions = {}) {
    this.baseUrl = new URL(baseUrl).toString().replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? ALERTMANAGER_TIMEOUT_MS;
  }

  /** Creates a silence starting now on exact (non-regex) matchers; returns its id. */
  async createSilence(silence: NewSilence): Promise<string> {
    const matchers = Object.entries(silence.matchers).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
    return this.postSilence({ matchers, startsAt: new Date().toISOString(), endsAt: silence.endsAt.toISOString(), createdBy: silence.createdBy, comment: silence.comment });
  }

  /**
   * Moves the end of a silence to `endsAt` and returns the id to keep, which may be new:
   * - an active or pending silence is updated in place (same id). Alertmanager only does that when
   *   matchers and start are unchanged, so they are sent back exactly as it holds them; anything else
   *   would make it expire the silence and create another.
   * - an expired silence (it lapsed, or someone expired it) is created again under a new id, starting now.
   * - a silence that already ends at or after `endsAt` is left alone: a lease is never shortened here.
   * Fails with a non-retryable `AlertmanagerError` (status 404) when Alertmanager does not know the id.
   */
  async extendSilence(id: string, endsAt: Date): Promise<string> {
    const current = await this.fetchSilence(id);
    if (!current) {
      throw new AlertmanagerError(`Alertmanager at ${this.baseUrl} has no silence ${id} to extend`, false, 404);
    }
    if (current.status.state !== 'expired' && new Date(current.endsAt) >= endsAt) return id;
    const { id: previousId, matchers, startsAt, createdBy, comment } = current;
    return this.postSilence({ id: previousId, matchers, startsAt, endsAt: endsAt.toISOString(), createdBy, comment });
  }

  /**
   * Ends a silence now. Idempotent: a silence already expired, or unknown to Alertmanager (never
   * created there, or expired long enough ago to be forgotten), counts as expired.
   */
  async expireSilence(id: string): Promise<void> {
    const answer = await this.call('DELETE', silencePath(id));
    if (answer.status === 200 || answer.status === 404) return;
    // Alertmanager 0.25 answers an unknown id with 500 "silence not found"; releases before it answer
    // an expired one with 500 "silence <id> already expired".
    if (answer.status === 500 && /not found|already expired/i.test(answer.text)) return;
    throw failure(answer);
  }

  /** The silence with this id, or undefined when Alertmanager does not know it. */
  async getSilence(id: string): Promise<Silence | undefined> {
    const silence = await this.fetchSilence(id);
    return silence && toSilence(silence);
  }

  /**
   * Silences having each of `matchers` as an exact matcher (they may have more), in Alertmanager's
   * order: active first, then pending, then expired. This is how a restarted runner finds a silence it
   * created but did not record: search by target and by the deployment's comment marker.
   */
  async findSilences(matchers: Record<string, string>, options: FindSilencesOptions = {}): Promise<Silence[]> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(matchers)) query.append('filter', `${name}=${JSON.stringify(value)}`);
    const answer = await this.call('GET', `/api/v2/silences?${query.toString()}`);
    if (answer.status !== 200) throw failure(answer);
    return (parse(answer) as ApiSilence[])
      .map(toSilence)
      .filter((silence) => Object.entries(matchers).every(([name, value]) => silence.matchers.some((m) => m.name === name && m.value === value && !m.isRegex && m.isEqual)))
      .filter((silence) => options.commentContains === undefined || silence.comment.includes(options.commentContains))
      .filter((silence) => options.states === undefined || options.states.includes(silence.state));
  }

  private async fetchSilence(id: string): Promise<ApiSilence | undefined> {
    const answer = await this.call('GET', silencePath(id));
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw failure(answer);
    return parse(answer) as ApiSilence;
  }

  private async postSilence(body: Omit<ApiSilence, 'id' | 'status' | 'updatedAt'> & { id?: string }): Promise<string> {
    const answer = await this.call('POST', '/api/v2/silences', body);
    if (answer.status !== 200) throw failure(answer);
    return (parse(answer) as { silenceID: string }).silenceID;
  }

  /** One request with the timeout; only an unreachable or silent Alertmanager throws here. */
  private async call(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const url = `${this.baseUrl}${path}`;
    try {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { method, url, status: response.status, text: await response.text() };
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `gave no answer within ${this.timeoutMs} ms` : `is unreachable (${networkReason(error)})`;
      throw new AlertmanagerError(`Alertmanager ${method} ${url} ${reason}`, true, undefined, { cause: error });
    }
  }
}

function silencePath(id: string): string {
  return `/api/v2/silence/${encodeURIComponent(id)}`;
}

function toSilence(silence: ApiSilence): Silence {
  return {
    id: silence.id,
    state: silence.status.state,
    matchers: silence.matchers.map(({ name, value, isRegex, isEqual }) => ({ name, value, isRegex, isEqual: isEqual ?? true })),
    startsAt: new Date(silence.startsAt),
    endsAt: new Date(silence.endsAt),
    updatedAt: new Date(silence.updatedAt),
    createdBy: silence.createdBy,
    comment: silence.comment,
  };
}

function parse(answer: ApiAnswer): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    const message = `Alertmanager ${answer.method} ${answer.url} answered ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`;
    throw new AlertmanagerError(message, false, answer.status);
  }
}

/** Server errors and throttling may pass; any other refusal will be refused again. */
function failure(answer: ApiAnswer): AlertmanagerError {
  const { status } = answer;
  const retryable = status >= 500 || status === 429;
  return new AlertmanagerError(`Alertmanager ${answer.method} ${answer.url} answered ${status}: ${reasonOf(answer.text)}`, retryable, status);
}

/** Alertmanager explains a refusal as a JSON string or as `{ code, message }`. */
function reasonOf(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body === 'string') return body;
    if (body && typeof body === 'object' && 'message' in body) return String(body.message);
  } catch {
    // Not JSON: the text itself is the reason.
  }
  return text.slice(0, 300) || '(no reason given)';
}

/**
 * fetch() hides the socket error ("connect ECONNREFUSED 127.0.0.1:9093") in `cause`. Duck-typed: the
 * cause may come from another realm (Jest's sandbox), where `instanceof Error` is false.
 */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  return typeof cause?.message === 'string' ? cause.message : (error as Error).message;
}
