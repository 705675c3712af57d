import { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackProxy } from './loopback-proxy';

/** A request the proxy forwarded and whose answer it is holding back. */
export interface HeldRequest {
  method: string;
  path: string;
  body: string;
}

/**
 * An HTTP proxy in front of a sandbox that forwards every request at once but, for those `hold` picks,
 * keeps the answer until {@link release}: the other side has done what was asked (posted, commented)
 * while the caller still waits, which is where a process killed now leaves its outbox row SENDING.
 */
export class HoldingProxy extends LoopbackProxy {
  /** Requests whose answers are held, oldest first. */
  readonly held: HeldRequest[] = [];
  private readonly waiting: Array<() => void> = [];
  private hold: (request: HeldRequest) => boolean = () => false;

  constructor(private readonly target: string) {
    super();
  }

  /** From now on, holds the answers to the requests `predicate` picks. */
  holdWhen(predicate: (request: HeldRequest) => boolean): void {
    this.hold = predicate;
  }

  /** Holds nothing more, and lets every held answer go (to a caller that may be gone). */
  release(): void {
    this.hold = () => false;
    for (const go of this.waiting.splice(0)) go();
  }

  override async stop(): Promise<void> {
    this.release();
    await super.stop();
  }

  protected async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const answer = await fetch(`${this.target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
    const answered = Buffer.from(await answer.arrayBuffer());
    const request = { method: req.method ?? 'GET', path: req.url ?? '/', body };
    if (this.hold(request)) {
      this.held.push(request);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    // The caller may be gone (killed while it waited): its socket is closed and the answer is dropped.
    if (res.destroyed) return;
    res.on('error', () => undefined);
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))));
    res.end(answered);
  }
}
