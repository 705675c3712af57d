import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request as a sandbox server saw it, kept so tests and the UI can read what Hydrator sent. */
export interface RecordedRequest {
  at: Date;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed body: JSON object, form fields as an object, or the raw text. */
  body: unknown;
}

export interface SandboxRequest extends RecordedRequest {
  /** Path parameters captured by `:name` segments of the route. */
  params: Record<string, string>;
}

export interface SandboxReply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as text; undefined as an empty body. */
  body?: unknown;
}

export type SandboxHandler = (req: SandboxRequest) => SandboxReply | Promise<SandboxReply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: SandboxHandler;
}

/**
 * A tiny HTTP server for the in-repo stand-ins of Jenkins, Slack, Jira and GitHub.
 * It speaks real HTTP so that the real client libraries run unchanged against it; routes use
 * `:name` segments (`/job/:job/api/json`) and `*rest` for the remainder of a path.
 */
export class SandboxHttpServer {
  private readonly routes: Route[] = [];
  private server?: Server;
  readonly requests: RecordedRequest[] = [];

  constructor(private readonly name: string) {}

  route(method: string, path: string, handler: SandboxHandler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        if (segment.startsWith('*')) {
          names.push(segment.slice(1));
          return '(.*)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** Starts listening on 127.0.0.1; port 0 picks a free one. Returns the base URL without a trailing slash. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  get url(): string {
    if (!this.server) throw new Error(`${this.name} sandbox is not started`);
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const body = parseBody(await readBody(req), req.headers['content-type']);
      const recorded: RecordedRequest = {
        at: new Date(),
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      this.requests.push(recorded);
      const match = this.match(recorded.method, url.pathname);
      if (!match) {
        return send(res, { status: 404, body: { error: `${this.name} sandbox: no route ${recorded.method} ${url.pathname}` } });
      }
      send(res, await match.route.handler({ ...recorded, params: match.params }));
    } catch (error) {
      send(res, { status: 500, body: { error: `${this.name} sandbox: ${(error as Error).message}` } });
    }
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1])));
      return { route, params };
    }
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.includes('application/json')) return JSON.parse(text);
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return text;
}

function send(res: ServerResponse, reply: SandboxReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (typeof reply.body === 'string') {
    payload = reply.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(payload);
}
