import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './free-port';

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
    const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', ...env, PORT: port }, stdio: ['ignore', 'pipe', 'pipe'] });
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
