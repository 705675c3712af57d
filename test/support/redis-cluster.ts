import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { freePort, waitFor } from '@hydrator/testing';

/** A node's cluster bus listens on its port + 10000, which must be a port too. */
const BUS_OFFSET = 10_000;

/**
 * Whether this machine's `redis-server` can run a cluster (Redis 3 or newer): the reason when it cannot.
 * CI installs one that can, so there the answer never skips a test.
 */
export function redisClusterUnsupported(): string | undefined {
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (version.error) return `redis-server is not installed (${version.error.message})`;
  const major = Number(/v=(\d+)\./.exec(version.stdout)?.[1]);
  return major >= 3 ? undefined : `redis-server ${version.stdout.trim()} has no cluster support (Redis 3 or newer needed)`;
}

/**
 * A Redis Cluster of `masters` masters and no replicas on free loopback ports, its files in a folder
 * of its own: `redis-server --cluster-enabled yes` per node, then `redis-cli --cluster create`, ready
 * once every node says `cluster_state:ok`. {@link stop} stops the nodes and deletes the folder.
 */
export class LocalRedisCluster {
  private constructor(
    readonly ports: number[],
    private readonly dir: string,
    private readonly servers: ChildProcess[],
  ) {}

  /** The seed nodes, as REDIS_CLUSTER_NODES takes them. */
  get nodes(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  static async start(masters = 3): Promise<LocalRedisCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'hydrator-redis-cluster-'));
    const ports: number[] = [];
    while (ports.length < masters) {
      const port = await freePort();
      if (port + BUS_OFFSET <= 65_535 && !ports.includes(port) && (await portFree(port + BUS_OFFSET))) ports.push(port);
    }
    const servers = ports.map((port) =>
      spawn(
        'redis-server',
        // prettier-ignore
        ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000',
          '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir],
        { stdio: 'ignore' },
      ),
    );
    const cluster = new LocalRedisCluster(ports, dir, servers);
    try {
      await Promise.all(ports.map((port) => waitFor(() => nodeAnswers(port, 'PING', 'PONG'), `redis-server on port ${port}`)));
      await promisify(execFile)('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
      await Promise.all(ports.map((port) => waitFor(() => nodeAnswers(port, 'CLUSTER INFO', 'cluster_state:ok'), `cluster_state:ok on port ${port}`, 20_000)));
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** A plain connection to one node (CLUSTER KEYSLOT, SCAN of that node's keys…); the caller disconnects it. */
  node(port: number): Redis {
    return new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.exitCode !== null || server.signalCode !== null) return resolve();
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
          }),
      ),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function portFree(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => server.once('error', () => resolve(false)).listen(port, '127.0.0.1', () => resolve(true)));
  if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  return listening;
}

/** Whether the node on `port` answers `command` with something containing `expected`. */
async function nodeAnswers(port: number, command: string, expected: string): Promise<boolean> {
  const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const [name, ...args] = command.split(' ');
    return String(await redis.call(name, ...args)).includes(expected);
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
