import type { JenkinsConfig } from '@hydrator/config';
import { JenkinsError, JenkinsErrorCode } from './jenkins-error';
import { gist, JsonReader, TREE } from './jenkins-json';

/** One request, and the words its errors use. */
export interface Call {
  method?: 'GET' | 'POST';
  url: string;
  /** What was asked, for messages: "triggering job deploy/api". */
  doing: string;
  /** What was asked about, for messages: "job deploy/api". */
  subject: string;
  /** The message of a 404, when it deserves more than "does not exist". */
  notFound?: string;
  headers?: Record<string, string>;
  body?: URLSearchParams;
}

/** An HTTP answer, body read. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

interface Crumb {
  field: string;
  value: string;
  /** The session cookie the crumb is bound to: recent Jenkins binds crumbs to the web session. */
  cookie?: string;
}

const CRUMB_REFUSAL = /no valid crumb/i;

/**
 * How Hydrator talks HTTP to Jenkins: Basic auth with user + API token, a timeout on every request,
 * redirects returned rather than followed, a CSRF crumb fetched only when Jenkins asks for one and kept
 * until Jenkins refuses it, and every failure turned into a {@link JenkinsError} a person can act on.
 */
export class JenkinsHttp {
  /** The Jenkins root URL, without a trailing slash. */
  readonly root: string;
  readonly user?: string;
  private readonly authorization?: string;
  private crumb?: Crumb;

  constructor(
    config: JenkinsConfig,
    private readonly timeoutMs: number,
  ) {
    if (!config.user !== !config.token) {
      throw new JenkinsError(JenkinsErrorCode.INVALID_INPUT, 'JENKINS_USER and JENKINS_TOKEN go together: set both (a user and one of its API tokens) or neither');
    }
    this.root = config.url.replace(/\/+$/, '');
    this.user = config.user;
    this.authorization = config.user ? `Basic ${Buffer.from(`${config.user}:${config.token}`).toString('base64')}` : undefined;
  }

  /** POSTs with the cached crumb; when Jenkins refuses it (or asks for one), fetches a fresh one and tries once more. */
  async post(call: Call): Promise<Answer> {
    const first = await this.send({ ...call, method: 'POST', headers: this.crumbHeaders() });
    if (first.status !== 403 || !CRUMB_REFUSAL.test(first.text)) return first;
    this.crumb = await this.fetchCrumb(call);
    const second = await this.send({ ...call, method: 'POST', headers: this.crumbHeaders() });
    if (second.status === 403 && CRUMB_REFUSAL.test(second.text)) {
      this.crumb = undefined;
      throw new JenkinsError(
        JenkinsErrorCode.FORBIDDEN,
        `Jenkins at ${this.root} refused a fresh CSRF crumb while ${call.doing} (403 No valid crumb): ` +
          'a proxy may be dropping the session cookie; use an API token in JENKINS_TOKEN, which needs no crumb',
        403,
      );
    }
    return second;
  }

  private async fetchCrumb(forCall: Call): Promise<Crumb> {
    const call: Call = {
      url: `${this.root}/crumbIssuer/api/json?tree=${encodeURIComponent(TREE.crumb)}`,
      doing: `fetching a CSRF crumb for ${forCall.doing}`,
      subject: 'the crumb issuer',
    };
    const answer = await this.send(call);
    if (answer.status === 404) {
      throw new JenkinsError(
        JenkinsErrorCode.FORBIDDEN,
        `Jenkins at ${this.root} asked for a CSRF crumb while ${forCall.doing} (403 No valid crumb) but issues none ` + '(crumbIssuer 404): check its CSRF protection settings',
        403,
      );
    }
    const read = new JsonReader(`Jenkins (${call.subject})`);
    const issued = read.parse(this.expectOk(answer, call).text);
    const cookie = answer.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    return { field: read.string(issued, 'crumbRequestField'), value: read.string(issued, 'crumb'), cookie: cookie || undefined };
  }

  private crumbHeaders(): Record<string, string> {
    if (!this.crumb) return {};
    return { [this.crumb.field]: this.crumb.value, ...(this.crumb.cookie ? { cookie: this.crumb.cookie } : {}) };
  }

  /** GETs `call.url` and returns the body of a 2xx answer. */
  async getText(call: Call): Promise<string> {
    return this.expectOk(await this.send(call), call).text;
  }

  private expectOk(answer: Answer, call: Call): Answer {
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw this.refusal(answer, call);
  }

  /** One HTTP exchange, body included, within the timeout. Redirects are returned, never followed. */
  private async send(call: Call): Promise<Answer> {
    try {
      const response = await fetch(call.url, {
        method: call.method ?? 'GET',
        headers: { accept: 'application/json', ...(this.authorization ? { authorization: this.authorization } : {}), ...call.headers },
        body: call.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      throw this.transportError(error, call);
    }
  }

  private transportError(error: unknown, call: Call): JenkinsError {
    const name = (error as Error | undefined)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      const message = `Jenkins at ${this.root} did not answer within ${this.timeoutMs} ms while ${call.doing}`;
      return new JenkinsError(JenkinsErrorCode.TIMEOUT, message, undefined, { cause: error });
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    // System errors (ECONNREFUSED, ENOTFOUND) by their code; undici's own ("other side closed") by their text.
    const reason = cause?.code?.startsWith('E') ? cause.code : (cause?.message ?? (error as Error).message);
    return new JenkinsError(JenkinsErrorCode.UNREACHABLE, `cannot reach Jenkins at ${this.root} while ${call.doing} (${reason}): check JENKINS_URL and that Jenkins is up`, undefined, {
      cause: error,
    });
  }

  /** The error for an answer Jenkins gave but the call cannot use. */
  refusal(answer: Answer, call: Call): JenkinsError {
    const { status } = answer;
    const user = this.user;
    if (status === 401) {
      return new JenkinsError(JenkinsErrorCode.UNAUTHORIZED, `Jenkins refused the credentials of user ${user ?? '(none)'} for ${call.subject} (401): check JENKINS_USER/JENKINS_TOKEN`, status);
    }
    if (status === 403) {
      const message = user
        ? `Jenkins refused user ${user} (403) while ${call.doing}: grant it Overall/Read, Job/Read and Job/Build on ${call.subject}`
        : `Jenkins at ${this.root} refused an anonymous request (403) while ${call.doing}: set JENKINS_USER and JENKINS_TOKEN (an API token)`;
      return new JenkinsError(JenkinsErrorCode.FORBIDDEN, message, status);
    }
    if (status === 404) {
      const message = call.notFound ?? `${call.subject} does not exist on ${this.root} (404): check JENKINS_URL`;
      return new JenkinsError(JenkinsErrorCode.NOT_FOUND, message, status);
    }
    if (status === 429 || status >= 500) {
      const message = `Jenkins at ${this.root} answered ${status} while ${call.doing}: it is overloaded, restarting or down; try again later`;
      return new JenkinsError(JenkinsErrorCode.UNAVAILABLE, message, status);
    }
    const location = answer.headers.get('location');
    const detail = location ? `redirected to ${location}` : gist(answer.text) || '(empty answer)';
    return new JenkinsError(JenkinsErrorCode.REJECTED, `Jenkins at ${this.root} answered ${status} while ${call.doing}: ${detail}`, status);
  }
}
