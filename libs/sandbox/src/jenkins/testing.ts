import { SandboxHttpServer } from '../http/sandbox-http-server';
import { jobUrlPath } from './job-path';
import { waitFor } from './timeline';

/**
 * Test helpers: a plain-HTTP Jenkins client of the kind Hydrator uses, and a webhook receiver.
 * They live next to the sandbox so its specs (and Hydrator's) drive it exactly as production would.
 */

/** The `Authorization` header for Jenkins' Basic user + API token authentication. */
export function basicAuth(user: string, token: string): string {
  return `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
}

/** A minimal Jenkins API client over `fetch`: trigger, follow the queue item, poll the build. */
export class TestJenkinsClient {
  constructor(
    readonly root: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** POSTs buildWithParameters with the parameters in the query string. Redirects are not followed. */
  trigger(jobPath: string, params: Record<string, string>, extraHeaders: Record<string, string> = {}): Promise<Response> {
    const query = new URLSearchParams(params);
    return fetch(`${this.root}/${jobUrlPath(jobPath)}buildWithParameters?${query.toString()}`, {
      method: 'POST',
      headers: { ...this.headers, ...extraHeaders },
      redirect: 'manual',
    });
  }

  async getJson<T = Record<string, unknown>>(url: string): Promise<T> {
    const response = await fetch(url, { headers: this.headers });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return (await response.json()) as T;
  }

  /** Follows a queue item (the trigger's `Location`) until it names its build; returns the build URL. */
  async buildUrlOf(location: string, timeoutMs = 3000): Promise<string> {
    return waitFor(
      async () => {
        const item = await this.getJson<{ executable: { url: string } | null }>(`${location}api/json`);
        return item.executable?.url;
      },
      timeoutMs,
      `queue item ${location} to start`,
    );
  }

  /** Polls a build's `api/json` until it has a result; returns the final JSON. */
  async resultOf(buildUrl: string, timeoutMs = 3000): Promise<BuildJson> {
    return waitFor(
      async () => {
        const build = await this.getJson<BuildJson>(`${buildUrl}api/json`);
        return build.result !== null && build;
      },
      timeoutMs,
      `${buildUrl} to finish`,
    );
  }
}

/** The fields of a build's `api/json` the specs read. */
export interface BuildJson {
  number: number;
  url: string;
  building: boolean;
  result: string | null;
  timestamp: number;
  duration: number;
  queueId: number;
  actions: Array<{ _class?: string; parameters?: Array<{ name: string; value: string }> }>;
}

/** The value of parameter `name` in a build's actions, looked up the way a careful client must. */
export function paramOf(build: Pick<BuildJson, 'actions'>, name: string): string | undefined {
  const action = build.actions.find((candidate) => candidate._class === 'hudson.model.ParametersAction');
  return action?.parameters?.find((parameter) => parameter.name === name)?.value;
}

/** A local HTTP endpoint that records every JSON body POSTed to it, answering 200 (or `status`). */
export class WebhookReceiver {
  status = 200;
  private readonly server = new SandboxHttpServer('webhook receiver').route('POST', '/*path', () => ({ status: this.status }));

  /** The bodies received so far, oldest first. */
  get received(): unknown[] {
    return this.server.requests.map((request) => request.body);
  }

  /** Starts on a free port and returns the URL to give Jenkins. */
  async start(): Promise<string> {
    return `${await this.server.start()}/webhooks/jenkins`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
