import { SandboxHandler, SandboxHttpServer, SandboxReply } from './sandbox-http-server';

/** One scripted failure: the HTTP status to answer with, and for 429 how long the client is told to wait. */
export interface SandboxFault {
  status: number;
  /** Sent as the `Retry-After` header (whole seconds, as Slack, Jira and GitHub send it). */
  retryAfterSeconds?: number;
}

/** The error body a sandbox answers a fault with, in the dialect of the system it imitates. */
export type FaultBody = (status: number) => unknown;

/**
 * A sandbox server whose tests can script outages: `failNext` answers the next requests with an
 * HTTP error (429 with `Retry-After`, 503, …) and `setDown` refuses connections until it is brought
 * back, so Hydrator's retry paths meet the same failures they meet in production.
 * The Slack, Jira and GitHub sandboxes share this one implementation.
 */
export class FaultInjectingServer extends SandboxHttpServer {
  private readonly faults: SandboxFault[] = [];
  /** Set while down: the listener is closed but its address is kept so it can come back on it. */
  private downUrl?: string;

  constructor(
    name: string,
    private readonly faultBody: FaultBody,
  ) {
    super(name);
  }

  /** Registers a route whose handler runs only when no fault is pending. */
  override route(method: string, path: string, handler: SandboxHandler): this {
    return super.route(method, path, (req) => this.takeFault() ?? handler(req));
  }

  /** Answers the next `count` routed requests with `fault` instead of handling them. */
  failNext(count: number, fault: SandboxFault): this {
    for (let i = 0; i < count; i++) this.faults.push(fault);
    return this;
  }

  /**
   * `true` closes the listener so clients get connection refused (a real outage, not an HTTP error);
   * `false` listens again on the same port, so clients configured with the old URL reach it again.
   */
  async setDown(down: boolean): Promise<void> {
    if (down && this.downUrl === undefined) {
      this.downUrl = super.url;
      await super.stop();
    } else if (!down && this.downUrl !== undefined) {
      const port = Number(new URL(this.downUrl).port);
      this.downUrl = undefined;
      await super.start(port);
    }
  }

  get isDown(): boolean {
    return this.downUrl !== undefined;
  }

  /** The base URL; still known while the sandbox is down, as a client's configuration would be. */
  override get url(): string {
    return this.downUrl ?? super.url;
  }

  override async stop(): Promise<void> {
    this.downUrl = undefined;
    this.faults.length = 0;
    await super.stop();
  }

  private takeFault(): SandboxReply | undefined {
    const fault = this.faults.shift();
    if (!fault) return undefined;
    const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
    return { status: fault.status, headers, body: this.faultBody(fault.status) };
  }
}
