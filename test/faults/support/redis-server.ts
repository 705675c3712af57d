import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort, waitFor } from '@hydrator/testing';

/**
 * A private `redis-server` the test owns, on a free loopback port, with no persistence at all: a
 * restart comes back empty, as a Redis that lost its data does. The machine's Redis is never touched.
 */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** kill -9, then a fresh server on the same port: every key is gone. */
  async restartEmpty(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  async keys(): Promise<number> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await client.connect();
      return await client.dbsize();
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.kill();
  }

  private async launch(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
    this.child = child;
    // A test run that dies must not leave its Redis behind.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        return (await this.keys()) >= 0;
      },
      `redis-server on port ${this.port} to answer`,
      15_000,
    );
  }

  private async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
