import { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackProxy } from '../../support/loopback-proxy';

/** What the proxy does with each request: forward it, answer 500 itself, or forward it and never answer. */
export type JenkinsFaultMode = 'pass' | 'error' | 'hang';

/**
 * An HTTP proxy in front of the Jenkins sandbox for outages Jenkins has: `error` answers every request
 * 500 without passing it on (Jenkins restarting); `hang` passes it on, so Jenkins does what was asked
 * (queues the build), but never answers, so the client gives up after its timeout not knowing whether
 * its trigger took: the case that must not make a second build.
 */
export class JenkinsFaultProxy extends LoopbackProxy {
  mode: JenkinsFaultMode = 'pass';
  /** Requests answered 500 in `error` mode. */
  errored = 0;
  /** Requests left unanswered in `hang` mode; `abandoned`: of those, the ones whose client gave up and closed. */
  hung = 0;
  abandoned = 0;
  private readonly held = new Set<ServerResponse>();

  constructor(private readonly target: string) {
    super();
  }

  override async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    await super.stop();
  }

  protected async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const mode = this.mode;
    if (mode === 'error') {
      this.errored++;
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Jenkins is restarting</body></html>');
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
    const answer = await fetch(`${this.target}${req.url}`, { method: req.method, headers, body, redirect: 'manual' });
    const answered = Buffer.from(await answer.arrayBuffer());
    if (mode === 'hang') {
      this.hung++;
      this.held.add(res);
      res.on('close', () => {
        this.held.delete(res);
        this.abandoned++;
      });
      return;
    }
    if (res.destroyed) return;
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))));
    res.end(answered);
  }
}
