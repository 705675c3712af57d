import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of a service (PostgreSQL, Alertmanager, a sandbox) that a test can cut:
 * `dropAll()` resets every open connection, as a failover or a restarted server does; `setDown(true)`
 * resets every new one too, counting them in `refused`, until `setDown(false)`. The service behind it
 * is never touched, so other tests sharing it (the machine's PostgreSQL) see nothing.
 */
export class TcpProxy {
  /** Connections reset on arrival while down. */
  refused = 0;
  /** Connections accepted and forwarded, over the proxy's life. */
  forwarded = 0;
  private down = false;
  private readonly open = new Set<Socket>();
  private server?: Server;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** For a URL: the proxy forwards to its host and port. */
  static to(url: string): TcpProxy {
    const parsed = new URL(url);
    return new TcpProxy(parsed.hostname, Number(parsed.port));
  }

  async start(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.port;
  }

  get port(): number {
    return (this.server!.address() as { port: number }).port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString().replace(/\/$/, '');
  }

  /** Resets every connection open now; new ones are forwarded as before. */
  dropAll(): number {
    const dropped = this.open.size;
    for (const socket of this.open) socket.resetAndDestroy();
    this.open.clear();
    return dropped;
  }

  /** Down: every open and every new connection is reset (counted in `refused`). Up: forwarded again. */
  setDown(down: boolean): void {
    this.down = down;
    if (down) this.dropAll();
  }

  async stop(): Promise<void> {
    this.dropAll();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private accept(client: Socket): void {
    if (this.down) {
      this.refused++;
      client.resetAndDestroy();
      return;
    }
    this.forwarded++;
    const upstream = createConnection(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
