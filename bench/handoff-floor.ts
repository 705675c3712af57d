import { Queue, Worker } from 'bullmq';
import { Agent, createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { redisConnectionOptions } from '@hydrator/queues';
import { BenchContext, round } from './harness';
import { distribution, Distribution } from './rollout-timeline';

/** Round trips timed per part, after this many unreported. */
export const FLOOR_SAMPLES = 1000;
export const FLOOR_WARM_UP = 50;

/** Queue hops between a COMPLETED webhook and the next trigger: jenkins-reports, check-deployment, execute-deployment. */
export const QUEUE_HOPS = 3;
/** HTTP round trips on the path: the webhook in (Jenkins → gateway), the trigger out (runner → Jenkins). */
export const HTTP_ROUND_TRIPS = 2;

/**
 * The PostgreSQL round trips one hand-off waits for, in order, read from the code (begin and commit
 * are round trips of their own: MikroORM sends them as statements). Off the path: the STARTED
 * webhook's (recorded while the build runs), the hand-off metric's select and the delayed check's
 * enqueue (after the trigger), the silence expiry (after the decision; no Alertmanager here).
 */
export const PG_ROUND_TRIPS = {
  'webhook insert (gateway: insert jenkins_webhook … on conflict do nothing returning id; commits)': { roundTrips: 1, commits: 1 },
  'report record transaction (registry: begin, update jenkins_webhook returning, the look-up select, insert deployment_report, update processed_at, the build-link update, commit)': {
    roundTrips: 7,
    commits: 1,
  },
  'load the attempt with its report (runner check: one select)': { roundTrips: 1, commits: 0 },
  'settle transaction (begin, the guarded deployment update, the team message look-up in outbox_message, commit)': { roundTrips: 4, commits: 1 },
  'decision transaction (begin, select rollout for update, the snapshot: deployments, dependencies, freezes, the QUEUED update, the summary look-up in outbox_message, commit)': {
    roundTrips: 8,
    commits: 1,
  },
  'intent to trigger (execute: one update … returning the attempt; commits)': { roundTrips: 1, commits: 1 },
  'mark RUNNING (execute: one guarded update, after the POST; commits)': { roundTrips: 1, commits: 1 },
} as const;

const pgTotal = (key: 'roundTrips' | 'commits') => Object.values(PG_ROUND_TRIPS).reduce((sum, entry) => sum + entry[key], 0);
export const PG_ROUND_TRIPS_PER_HANDOFF = pgTotal('roundTrips');
/** Of those, the ones that commit a write and so wait for PostgreSQL to flush its WAL (synchronous_commit). */
export const PG_COMMITS_PER_HANDOFF = pgTotal('commits');

/** One pass over the floor's parts, each timed {@link FLOOR_SAMPLES} times. */
export interface FloorParts {
  /** node:http client → node:http server in this process, keep-alive, a small JSON POST answered with a small JSON body. */
  http: Distribution;
  /** The same server, through fetch (undici): the client the Jenkins sandbox and Hydrator's Jenkins client use. */
  httpFetch: Distribution;
  /** queue.add → the worker's callback on a bare BullMQ queue, one job at a time. */
  queueHop: Distribution;
  /** One `update … returning` of one row on a scratch table through a bare pg client, inside an open transaction: no WAL flush. */
  pgStatement: Distribution;
  /** The same statement on its own (autocommit): it commits, so it waits for the WAL flush. */
  pgCommit: Distribution;
}

export interface Floor extends FloorParts {
  /** HTTP_ROUND_TRIPS × http p50 + QUEUE_HOPS × queueHop p50 + PG_COMMITS_PER_HANDOFF × pgCommit p50 + the other PostgreSQL round trips × pgStatement p50. */
  p50: number;
  parts: Record<string, number>;
  /** Every pass, in order; each part of the floor is the pass with its lowest p50. */
  passes: FloorParts[];
}

/** Each part of what a hand-off cannot go below on this machine, measured alone, one after the other. */
export async function measureFloorParts(context: BenchContext): Promise<FloorParts> {
  const http = await httpRoundTrips();
  const queueHop = distribution(await rawQueueHops(context), 3);
  const pg = await pgRoundTrips(context.databaseUrl);
  return { http: http.plain, httpFetch: http.fetch, queueHop, pgStatement: distribution(pg.inTransaction, 3), pgCommit: distribution(pg.committing, 3) };
}

/**
 * The floor from passes measured at different moments: each part from the pass where it was fastest
 * (other work on the machine only ever slows a part down, so the lowest p50 is the nearer one to the floor).
 */
export function floorOf(passes: FloorParts[]): Floor {
  const lowest = (part: keyof FloorParts) => passes.map((pass) => pass[part]).reduce((best, d) => (d.p50 < best.p50 ? d : best));
  const best: FloorParts = { http: lowest('http'), httpFetch: lowest('httpFetch'), queueHop: lowest('queueHop'), pgStatement: lowest('pgStatement'), pgCommit: lowest('pgCommit') };
  const parts = {
    [`${HTTP_ROUND_TRIPS} × HTTP round trip`]: round(HTTP_ROUND_TRIPS * best.http.p50, 2),
    [`${QUEUE_HOPS} × BullMQ hop`]: round(QUEUE_HOPS * best.queueHop.p50, 2),
    [`${PG_COMMITS_PER_HANDOFF} × PostgreSQL committing statement`]: round(PG_COMMITS_PER_HANDOFF * best.pgCommit.p50, 2),
    [`${PG_ROUND_TRIPS_PER_HANDOFF - PG_COMMITS_PER_HANDOFF} × PostgreSQL statement in a transaction`]: round((PG_ROUND_TRIPS_PER_HANDOFF - PG_COMMITS_PER_HANDOFF) * best.pgStatement.p50, 2),
  };
  const p50 = round(
    Object.values(parts).reduce((sum, ms) => sum + ms, 0),
    2,
  );
  return { ...best, p50, parts, passes };
}

async function httpRoundTrips(): Promise<{ plain: Distribution; fetch: Distribution }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { i: number };
      const reply = JSON.stringify({ accepted: body.i });
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) });
      res.end(reply);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jenkins`;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  // Roughly a Notification Plugin payload: the webhook is the larger of the two bodies.
  const payload = (i: number) =>
    JSON.stringify({
      i,
      name: 'deploy',
      url: 'job/deploy/',
      build: { full_url: 'http://jenkins/job/deploy/1/', number: 1, phase: 'COMPLETED', status: 'SUCCESS', parameters: { GIT_REV: 'a'.repeat(40) } },
    });
  const viaHttp = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = payload(i);
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(void JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const viaFetch = async (i: number) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload(i) });
    await response.json();
  };
  try {
    return { plain: distribution(await sequential(viaHttp), 3), fetch: distribution(await sequential(viaFetch), 3) };
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** `queue.add` → the worker's callback, one job at a time, with the options Hydrator gives its jobs. */
async function rawQueueHops(context: BenchContext): Promise<number[]> {
  const connection = redisConnectionOptions(context.redisUrl);
  const prefix = `${context.redisPrefix}:raw-hop`;
  const queue = new Queue('hop', { connection, prefix });
  let arrived: (at: number) => void = () => undefined;
  const worker = new Worker('hop', () => Promise.resolve(arrived(performance.now())), { connection, prefix, concurrency: 1 });
  worker.on('error', (error) => console.warn(`raw hop worker: ${error.message}`));
  await worker.waitUntilReady();
  try {
    const latencies: number[] = [];
    for (let i = 0; i < FLOOR_WARM_UP + FLOOR_SAMPLES; i++) {
      const processed = new Promise<number>((resolve) => (arrived = resolve));
      const start = performance.now();
      await queue.add('hop', { i }, { removeOnComplete: { age: 3600, count: 2000 } });
      const latency = (await processed) - start;
      if (i >= FLOOR_WARM_UP) latencies.push(latency);
    }
    return latencies;
  } finally {
    await worker.close();
    await queue.close();
  }
}

/**
 * A one-row `update … returning` on a scratch table of the bench database, on one bare pg client: on its
 * own (it commits: the WAL flush), then inside one open transaction (what begin, the selects and the
 * updates of Hydrator's transactions cost before their commit).
 */
async function pgRoundTrips(databaseUrl: string): Promise<{ committing: number[]; inTransaction: number[] }> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  const update = async () => void (await client.query('update bench_floor set n = n + 1 where id = $1 returning n', [1]));
  try {
    await client.query('create table if not exists bench_floor (id int primary key, n int not null)');
    await client.query('insert into bench_floor (id, n) values (1, 0) on conflict (id) do nothing');
    const committing = await sequential(update);
    await client.query('begin');
    const inTransaction = await sequential(update);
    await client.query('commit');
    return { committing, inTransaction };
  } finally {
    await client.query('drop table if exists bench_floor').catch(() => undefined);
    await client.end();
  }
}

/** Times `once` run one after another, after {@link FLOOR_WARM_UP} unreported. */
async function sequential(once: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < FLOOR_WARM_UP + FLOOR_SAMPLES; i++) {
    const start = performance.now();
    await once(i);
    if (i >= FLOOR_WARM_UP) latencies.push(performance.now() - start);
  }
  return latencies;
}
