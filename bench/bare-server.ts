import { ChildProcess, fork } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * The baseline of the ingest benchmark: a bare `node:http` server that reads each POST body,
 * `JSON.parse`s it and answers 202 (or, once given one, 200 with a canned answer: a GraphQL response
 * computed beforehand). A child process of its own, like the services it is compared with, so it gets
 * a core and an event loop to itself the same way they do.
 */
export class BareServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<BareServer> {
    const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve(message as number));
      child.once('exit', (code) => reject(new Error(`the bare server exited with ${code} before listening`)));
    });
    return new BareServer(child, `http://127.0.0.1:${port}`);
  }

  /** From now on every POST is answered 200 with `body` (after parsing the request's, as before). */
  async answerWith(body: string): Promise<void> {
    await new Promise<void>((resolve) => {
      this.child.once('message', () => resolve());
      this.child.send(body);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

function serve(): void {
  let canned: Buffer | undefined;
  process.on('message', (body: string) => {
    canned = Buffer.from(body);
    process.send!('ok');
  });
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        response.writeHead(400).end();
        return;
      }
      if (canned) response.writeHead(200, { 'content-type': 'application/json', 'content-length': canned.length }).end(canned);
      else response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
  process.once('SIGTERM', () => process.exit(0));
}

if (require.main === module) serve();
