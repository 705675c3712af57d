import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '@hydrator/common';

/** A Hydrator deployable running as its own OS process, as in production; for crash and replica tests. */
export class ServiceProcess {
  private output = '';

  private constructor(
    readonly service: string,
    private readonly child: ChildProcess,
    /** Where its HTTP server (GraphQL, webhooks, health) listens: `http://127.0.0.1:<port>`. */
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /**
   * Starts `dist/apps/<service>/src/main.js` (built by `npm run build`, which `npm test` runs first)
   * with exactly `env` on top of PATH, and waits until Nest says it started. It listens on `env.PORT`,
   * else on a free port picked here: see {@link url}.
   */
  static async start(service: string, env: Record<string, string>, timeoutMs = 20_000): Promise<ServiceProcess> {
    const main = resolve('dist/apps', service, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does it in pretest)`);
    const port = env.PORT ?? String(await freePort());
    // A short drain on SIGTERM (SHUTDOWN_DRAIN, 5 s in production) so that stop() does not wait for load balancers there are none of.
    const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', SHUTDOWN_DRAIN: '100ms', ...env, PORT: port }, stdio: ['ignore', 'pipe', 'pipe'] });
    const running = new ServiceProcess(service, child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + timeoutMs;
    while (!running.output.includes('Nest application successfully started')) {
      if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}:\n${running.output}`);
      if (Date.now() > deadline) throw new Error(`${service} did not start within ${timeoutMs} ms:\n${running.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return running;
  }

  get log(): string {
    return this.output;
  }

  /** SIGKILL: no shutdown hook runs, exactly like a crash or an OOM kill. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM alone (the graceful shutdown), resolving with how the process ended and how long it took. */
  async terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }> {
    const sentAt = Date.now();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return { code: this.child.exitCode, signal: this.child.signalCode, afterMs: 0 };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => this.child.once('exit', (code, signal) => r({ code, signal })));
    this.child.kill('SIGTERM');
    return { ...(await exited), afterMs: Date.now() - sentAt };
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
