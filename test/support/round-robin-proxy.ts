import { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackProxy } from './loopback-proxy';

/**
 * A tiny load balancer in front of several gateway replicas: each request goes to the next one in
 * turn, and to the one after when a replica refuses the connection (killed, restarting), as a load
 * balancer's health check would route around it. `served` counts what each replica answered.
 */
export class RoundRobinProxy extends LoopbackProxy {
  /** Requests each target answered, by target URL. */
  readonly served = new Map<string, number>();
  private next = 0;

  /** `targets` is read at every request, so replicas may come and go. */
  constructor(private readonly targets: () => string[]) {
    super();
  }

  protected async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const targets = this.targets();
    const first = this.next++;
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(first + i) % targets.length];
      let answer: Response;
      try {
        answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body, signal: AbortSignal.timeout(10_000) });
      } catch {
        continue; // refused or hung: the next replica
      }
      const answered = Buffer.from(await answer.arrayBuffer());
      this.served.set(target, (this.served.get(target) ?? 0) + 1);
      if (res.destroyed) return;
      res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))));
      res.end(answered);
      return;
    }
    if (!res.destroyed) res.writeHead(502).end('no gateway answered');
  }
}
