import { INestApplication } from '@nestjs/common';
import { Client as LiveClient, createClient } from 'graphql-ws';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client } from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { loadConfig } from '@hydrator/config';
import { CHANGED_DEPLOYMENT_COLUMNS, ChangedDeploymentRow, ChangeFeed, deploymentRowChange } from '@hydrator/live';
import { startHydratorService } from '@hydrator/platform';
import { waitFor } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { LiveSocketServer } from '../apps/gateway/src/live/live-socket.server';
import { BenchContext, Benchmark, BenchResult, round } from './harness';
import { distribution, Distribution } from './rollout-timeline';

const CLIENTS = 1000;
const DEPLOYMENTS = 20;
/** Status changes measured, one every {@link SPACING_MS}, after {@link WARM_UP} unreported ones (JIT, the publisher's Redis connection). */
const CHANGES = 50;
const WARM_UP = 5;
const SPACING_MS = 50;
/** Clients connecting at once. */
const CONNECT_BATCH = 100;
/** How long the last change may take to reach every client before the run fails. */
const DRAIN_TIMEOUT_MS = 20_000;
const TOKEN = 'bench-subscriptions-viewer';
const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED'] as const;
const SUBSCRIPTION = `subscription($rolloutId: ID!) { deploymentChanged(rolloutId: $rolloutId) { id status version } }`;

interface Memory {
  rssMiB: number;
  heapUsedMiB: number;
}

/** Deliveries of numbered messages to numbered clients: latency from the stamped send, and how many each client got. */
class Deliveries {
  readonly sentAt: number[] = [];
  readonly perClient = new Array<number>(CLIENTS).fill(0);
  readonly latencies: number[] = [];
  /** `<deployment id>@<version>` → the number of the change that made it (gateway run only). */
  readonly keyOf = new Map<string, number>();
  total = 0;

  received(client: number, message: number): void {
    const at = performance.now();
    this.perClient[client]++;
    this.total++;
    if (message >= WARM_UP) this.latencies.push(at - this.sentAt[message]);
  }

  /** Waits for every client to get every message, then a little longer to catch extras; throws loudly on any difference. */
  async complete(what: string): Promise<Distribution> {
    const expected = CLIENTS * this.sentAt.length;
    await waitFor(() => this.total >= expected, `${expected} deliveries`, DRAIN_TIMEOUT_MS).catch(() => undefined);
    await sleep(250);
    const wrong = this.perClient.filter((n) => n !== this.sentAt.length).length;
    if (this.total !== expected || wrong)
      throw new Error(`${what}: ${this.total} deliveries, expected ${CLIENTS} clients × ${this.sentAt.length} messages = ${expected}; ${wrong} clients got a different count`);
    return distribution(this.latencies);
  }
}

/**
 * Live updates at scale: one gateway in this process with 1,000 graphql-ws subscribers of one rollout's
 * `deploymentChanged`; deployment rows updated with SQL and published through a ChangeFeed as the runner
 * does; latency from the publish to each client's delivery, against a bare `ws` broadcast to as many clients.
 */
export const subscriptions: Benchmark = {
  name: 'subscriptions',
  async run(context: BenchContext): Promise<BenchResult> {
    const gc = exposeGc();
    const config = loadConfig({
      DATABASE_URL: context.databaseUrl,
      REDIS_URL: context.redisUrl,
      HYDRATOR_REDIS_PREFIX: `${context.redisPrefix}:subscriptions`,
      HYDRATOR_TIMEZONE: 'UTC',
      HYDRATOR_VIEWER_TOKENS: `bench:${TOKEN}`,
    });
    const db = new Client({ connectionString: context.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    let app: INestApplication | undefined;
    const feed = new ChangeFeed(config);
    const clients: LiveClient[] = [];
    try {
      const { rolloutId, deploymentIds } = await planRollout(db);
      app = await startHydratorService({ service: 'bench-subscriptions', modules: [GatewayModule], config, port: 0 });
      app.useLogger(['error', 'warn']);
      const url = `ws://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}/graphql`;
      const deliveries = new Deliveries();
      const failures: string[] = [];

      const before = memory(gc);
      const connectStart = performance.now();
      for (let first = 0; first < CLIENTS; first += CONNECT_BATCH) {
        const batch = Array.from({ length: Math.min(CONNECT_BATCH, CLIENTS - first) }, (_, i) => subscribe(url, rolloutId, first + i, deliveries, failures));
        clients.push(...(await Promise.all(batch)));
      }
      const connectMs = performance.now() - connectStart;
      if (failures.length) throw new Error(`subscriptions failed: ${failures.slice(0, 3).join('; ')}`);
      const connected = memory(gc);

      const execution = app.get(LiveSocketServer).execution!;
      const executionsBefore = execution.executions;
      const elu = performance.eventLoopUtilization();
      await paced(WARM_UP + CHANGES, async (i) => {
        const status = STATUSES[Math.floor(i / DEPLOYMENTS) % STATUSES.length];
        const { rows } = await db.query<ChangedDeploymentRow>(`update deployment set status = $2, version = version + 1, updated_at = now() where id = $1 returning ${CHANGED_DEPLOYMENT_COLUMNS}`, [
          deploymentIds[i % DEPLOYMENTS],
          status,
        ]);
        deliveries.keyOf.set(`${rows[0].id}@${rows[0].version}`, i);
        deliveries.sentAt[i] = performance.now();
        feed.publish(deploymentRowChange(rows[0]));
      });
      const gateway = await deliveries.complete('gateway');
      const executions = execution.executions - executionsBefore;
      const busy = round(performance.eventLoopUtilization(elu).utilization, 2);
      if (failures.length) throw new Error(`subscriptions failed: ${failures.slice(0, 3).join('; ')}`);
      const after = memory(gc);

      // graphql-ws' dispose() may or may not return a promise: wrap it, and await whichever it is.
      await Promise.all(clients.splice(0).map((client) => Promise.resolve(client.dispose())));
      await app.close();
      app = undefined;
      const baseline = await bareBroadcast(gc);
      return summarize({ gateway, busy, executions, before, connected, after, connectMs, deliveries: deliveries.total, baseline });
    } finally {
      await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
      await app?.close();
      await feed.onApplicationShutdown();
      await db.end();
    }
  },
};

/** One application per deployment, one production target each, one RUNNING rollout with a SCHEDULED deployment per target, in one statement. */
async function planRollout(db: Client): Promise<{ rolloutId: string; deploymentIds: string[] }> {
  await db.query('truncate application, target, dependency, rollout, deployment restart identity cascade');
  const { rows } = await db.query<{ id: string; rollout_id: string }>(
    `with apps as (
       insert into application (id, name, github_repo, slack_channel, jenkins_job, owners, created_at, updated_at)
       select gen_random_uuid(), 'live-' || n, 'acme/live-' || n, '#live', 'deploy/live-' || n, '{}', now(), now() from generate_series(1, $1::int) n
       returning id, name
     ), targets as (
       insert into target (id, application_id, cluster, environment, namespace, role, position, created_at)
       select gen_random_uuid(), id, 'prod-0', 'production', name, 'PRODUCTION', 0, now() from apps
       returning id, application_id
     ), rollouts as (
       insert into rollout (id, kind, status, skipped, reason, created_by, created_at, updated_at)
       values (gen_random_uuid(), 'EMERGENCY', 'RUNNING', '[]', 'benchmark', 'bench', now(), now())
       returning id
     )
     insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, created_at, updated_at)
     select gen_random_uuid(), rollouts.id, targets.application_id, targets.id, md5(targets.id::text), '[]', 'SCHEDULED', 0, now(), now() from targets, rollouts
     returning id, rollout_id`,
    [DEPLOYMENTS],
  );
  return { rolloutId: rows[0].rollout_id, deploymentIds: rows.map((row) => row.id) };
}

/** A graphql-ws client subscribed to the rollout's deployments; resolves once the gateway has registered the subscription. */
async function subscribe(url: string, rolloutId: string, index: number, deliveries: Deliveries, failures: string[]): Promise<LiveClient> {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${TOKEN}` }, retryAttempts: 0 });
  client.subscribe<{ deploymentChanged: { id: string; version: number } }>(
    { query: SUBSCRIPTION, variables: { rolloutId } },
    {
      next: (result) => {
        const change = result.data?.deploymentChanged;
        const message = change && deliveries.keyOf.get(`${change.id}@${change.version}`);
        if (result.errors || message === undefined) failures.push(`client ${index}: ${JSON.stringify(result).slice(0, 200)}`);
        else deliveries.received(index, message);
      },
      error: (error) => failures.push(`client ${index}: ${error instanceof Error ? error.message : JSON.stringify(error)}`),
      complete: () => undefined,
    },
  );
  // The gateway handles a socket's messages in order and registers a subscription before any I/O: once a
  // later operation on the socket is answered (this one is refused: queries go over HTTP), it is live.
  await new Promise<void>((resolve) => client.subscribe({ query: '{ __typename }' }, { next: () => resolve(), error: () => resolve(), complete: () => resolve() }));
  return client;
}

/** The baseline: a plain WebSocketServer sending the same number of JSON messages, as spaced, to as many `ws` clients. */
async function bareBroadcast(gc: () => void): Promise<{ latency: Distribution; before: Memory; connected: Memory; deliveries: number }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const deliveries = new Deliveries();
  const sockets: WebSocket[] = [];
  try {
    const before = memory(gc);
    for (let first = 0; first < CLIENTS; first += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, CLIENTS - first) }, async (_, i) => {
        const socket = new WebSocket(url);
        socket.on('message', (data) => deliveries.received(first + i, (JSON.parse((data as Buffer).toString('utf8')) as { payload: { n: number } }).payload.n));
        await once(socket, 'open');
        return socket;
      });
      sockets.push(...(await Promise.all(batch)));
    }
    await waitFor(() => server.clients.size === CLIENTS, `${CLIENTS} baseline connections`);
    const connected = memory(gc);
    await paced(WARM_UP + CHANGES, (n) => {
      deliveries.sentAt[n] = performance.now();
      // About the size of a graphql-ws `next` of the subscription above.
      const message = JSON.stringify({
        id: '7f0c8d52-2d3c-4d7a-9a51-3b1f3c2a9e10',
        type: 'next',
        payload: { n, data: { deploymentChanged: { id: '0d9f7f5e-6a1e-4f0a-8d55-0b7f8c2f4a11', status: 'RUNNING', version: n } } },
      });
      for (const client of server.clients) client.send(message);
    });
    return { latency: await deliveries.complete('bare ws broadcast'), before, connected, deliveries: deliveries.total };
  } finally {
    for (const socket of sockets) socket.terminate();
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Runs `step(0…count-1)`, the i-th starting i × SPACING_MS after the first (later if the previous one ran long). */
async function paced(count: number, step: (i: number) => Promise<void> | void): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    await sleep(start + i * SPACING_MS - performance.now());
    await step(i);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** `global.gc` without `--expose-gc` on the command line: memory is read after a full collection. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function memory(gc: () => void): Memory {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMiB: round(rss / 2 ** 20), heapUsedMiB: round(heapUsed / 2 ** 20) };
}

interface Measured {
  gateway: Distribution;
  /** Share of the changes' run (drain included) the event loop was busy. */
  busy: number;
  /** GraphQL executions of subscription events the gateway ran for the changes, warm-up included: one per change when subscribers share them. */
  executions: number;
  before: Memory;
  connected: Memory;
  after: Memory;
  connectMs: number;
  deliveries: number;
  baseline: { latency: Distribution; before: Memory; connected: Memory; deliveries: number };
}

function summarize(m: Measured): BenchResult {
  const expected = CLIENTS * (WARM_UP + CHANGES);
  const row = (name: string, d: Distribution, deliveries: number) => ({
    scenario: name,
    clients: CLIENTS,
    messages: CHANGES,
    'deliveries (all)': `${deliveries}/${expected}`,
    measured: d.n,
    'p50 ms': d.p50,
    'p90 ms': d.p90,
    'p99 ms': d.p99,
    'max ms': d.max,
    'mean ms': d.mean,
  });
  const kib = (from: Memory, to: Memory) => round(((to.heapUsedMiB - from.heapUsedMiB) * 1024) / CLIENTS);
  const mem = (m: Memory) => `${m.rssMiB} / ${m.heapUsedMiB}`;
  return {
    name: subscriptions.name,
    title: `Live updates: deployment status change published by the runner's ChangeFeed → delivered to each of ${CLIENTS} graphql-ws subscribers of one gateway (${CHANGES} changes, ${SPACING_MS} ms apart)`,
    rows: [row('gateway deploymentChanged (graphql-ws)', m.gateway, m.deliveries), row('bare ws broadcast', m.baseline.latency, m.baseline.deliveries)],
    summary: {
      'deliveries measured': `${m.gateway.n} (${CLIENTS} clients × ${CHANGES} changes; every client got every change exactly once)`,
      'gateway p50 ms': m.gateway.p50,
      'gateway p90 ms': m.gateway.p90,
      'gateway p99 ms': m.gateway.p99,
      'gateway max ms': m.gateway.max,
      'event loop busy while the changes ran (gateway + clients)': m.busy,
      [`GraphQL executions for ${WARM_UP + CHANGES} changes × ${CLIENTS} subscribers`]: m.executions,
      'bare ws p50 ms': m.baseline.latency.p50,
      'bare ws p99 ms': m.baseline.latency.p99,
      'gateway p50 / bare ws p50': round(m.gateway.p50 / m.baseline.latency.p50, 1),
      'gateway p99 / bare ws p99': round(m.gateway.p99 / m.baseline.latency.p99, 1),
      [`connecting and subscribing ${CLIENTS} clients (${CONNECT_BATCH} at a time) s`]: round(m.connectMs / 1000, 1),
      'process RSS / heapUsed MiB: before clients connect': mem(m.before),
      'process RSS / heapUsed MiB: after they connect': mem(m.connected),
      'process RSS / heapUsed MiB: after the run': mem(m.after),
      'heap growth per connected client KiB (gateway + graphql-ws client)': kib(m.before, m.connected),
      'heap growth per connected client KiB (bare ws server + ws client)': kib(m.baseline.before, m.baseline.connected),
      'heap growth per client KiB, gateway minus bare ws': round(kib(m.before, m.connected) - kib(m.baseline.before, m.baseline.connected)),
    },
    details: {
      gateway: m.gateway,
      baseline: m.baseline,
      memory: { before: m.before, connected: m.connected, after: m.after },
      clients: CLIENTS,
      deployments: DEPLOYMENTS,
      changes: CHANGES,
      warmUp: WARM_UP,
      spacingMs: SPACING_MS,
    },
    notes: [
      `One gateway (startHydratorService with GatewayModule only) in this process on the run's database and a Redis prefix of its own, with a viewer token. One RUNNING rollout of ${DEPLOYMENTS} deployments is written with SQL; ${CLIENTS} graphql-ws clients (graphql-ws createClient over ws, each its own WebSocket, ${CONNECT_BATCH} connecting at a time) subscribe to deploymentChanged(rolloutId) { id status version } with connectionParams.authorization, each awaited until the gateway registered it.`,
      `A change "in the runner": update deployment set status, version = version + 1 … returning ${CHANGED_DEPLOYMENT_COLUMNS} on a pg client, then ChangeFeed.publish(deploymentRowChange(row)) — the same class and builder the runner uses — on Redis <prefix>:changes. The clock starts (performance.now()) right after the update returns, just before the publish, and stops at each client's next callback: Redis pub/sub, the gateway's one PostgreSQL load of the row, the fan-out to ${CLIENTS} subscriptions, one GraphQL execution per change shared by the subscribers of the same operation (counted in the summary), the graphql-ws message (JSON) per subscriber, the WebSocket write and the client's parse. ${WARM_UP} unreported changes run first; changes go round-robin over the deployments (QUEUED → RUNNING → SUCCEEDED), one every ${SPACING_MS} ms.`,
      `Every client must receive every change exactly once (${CLIENTS} × ${WARM_UP + CHANGES} deliveries, warm-up included) or the benchmark fails.`,
      `The baseline is a plain ws WebSocketServer in the same process sending a JSON message of about the same size to ${CLIENTS} plain ws clients, ${WARM_UP} + ${CHANGES} times ${SPACING_MS} ms apart, timed from just before the send loop to each client's message event; it runs after the gateway is closed.`,
      `Memory is process.memoryUsage() after a full GC. The clients live in the same process as the gateway, so the RSS and heap figures include their sockets and graphql-ws clients; heap growth per connected client is given for both runs, and the difference between them is the gateway's own share (graphql-ws server, subscription, follower) per subscriber, the client side being comparable.`,
      "Gateway, clients and benchmark share one Node.js event loop: the tail includes the clients' own work, on both sides of the ratio. Compare ratios rather than single numbers.",
    ],
  };
}
