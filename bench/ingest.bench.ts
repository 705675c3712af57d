import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ServiceProcess, waitFor } from '@hydrator/testing';
import { BareServer } from './bare-server';
import { BenchContext, Benchmark, BenchResult, medianOf, round } from './harness';
import { Credentials, randomCredentials, serviceEnv } from './hostile.bench';
import { APPLICATIONS, checkStored, seedFleet, seedRollout, StoredCheck, TARGETS_PER_APPLICATION, unrecordedWebhooks } from './ingest-fleet';
import { LoadPlan, LoadResult, runLoad, WebhookLoad } from './ingest-load';

/** Webhook load: connections in flight, each keep-alive; a warm-up (a freshly started service is still ~1.5× slower after 1.5 s), then the measured seconds. */
const WEBHOOK_CONCURRENCY = 32;
/** `currentRollout` answers are ~330 KiB and take the gateway hundreds of ms: fewer in flight, a few dashboards open at once. */
const GRAPHQL_CONCURRENCY = 4;
/** The first answer (checked before the load) and this much load warm the query up; the budget goes to the webhook stacks. */
const GRAPHQL_WARMUP_MS = 1000;
/** `currentRollout` requests sent one at a time (after one more to warm up) before its load. */
const ALONE_RUNS = 3;
const WARMUP_MS = 3000;
const MEASURE_MS = 4000;
const REQUEST_TIMEOUT_MS = 10_000;
/** The registry records every stored webhook within this, or the benchmark fails. */
const RECORD_TIMEOUT_MS = 60_000;
/** The aim: the gateway ingests at least half the bare server's requests per second. */
const AIM = 0.5;
/** Set, the gateway runs under the CPU profiler (cpu-profile-preload.ts) and leaves its profile in this directory. */
const PROFILE_DIR = process.env.INGEST_CPU_PROF;

export interface Measured {
  load: 'webhook' | 'currentRollout';
  target: string;
  result: LoadResult;
  /** Median of a few requests sent one at a time before the load: the cost of one, without queueing. */
  aloneMs?: number;
  /** For a webhook load: what was sent, to find it in PostgreSQL. */
  webhooks?: WebhookLoad;
  stored?: StoredCheck;
}

/**
 * Webhook ingestion (`POST /webhooks/jenkins?token=…`, a new Notification Plugin report on every request)
 * against a bare `node:http` server, the gateway alone and `npm start`'s one process, each checked in
 * PostgreSQL afterwards; then the dashboard's This week query of a 500-deployment rollout against the
 * bare server answering the same JSON.
 */
export const ingest: Benchmark = {
  name: 'ingest',
  async run(context: BenchContext): Promise<BenchResult> {
    const credentials = randomCredentials();
    const measured: Measured[] = [];
    await withDatabaseAndBare(context, async (db, bare) => {
      const targets = await seedFleet(db);
      const webhooks = (target: string, url: string, firstBuild: number) => webhookLoad(target, url, credentials.secret, { targets, firstBuild });
      measured.push(await webhooks('bare node:http (child process)', bare.url, 1_000_000));
      measured.push(await oneProcess(context, credentials, db, (url) => webhooks('one process (dist/apps/hydrator)', url, 2_000_000)));
      measured.push(...(await gatewayAlone(context, credentials, db, bare, (url) => webhooks('gateway alone (dist/apps/gateway)', url, 3_000_000))));
    });
    return summarize(measured);
  },
};

/** A client of the run's database and a bare server, both closed once `work` is done. */
export async function withDatabaseAndBare<T>(context: BenchContext, work: (db: Client, bare: BareServer) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: context.databaseUrl });
  await db.connect();
  const bare = await BareServer.start();
  try {
    return await work(db, bare);
  } finally {
    await bare.stop();
    await db.end();
  }
}

async function webhookLoad(target: string, url: string, secret: string, webhooks: WebhookLoad): Promise<Measured> {
  const plan: LoadPlan = {
    url: `${url}/webhooks/jenkins?token=${encodeURIComponent(secret)}`,
    headers: { 'content-type': 'application/json' },
    body: { webhooks },
    concurrency: WEBHOOK_CONCURRENCY,
    warmupMs: WARMUP_MS,
    measureMs: MEASURE_MS,
    timeoutMs: REQUEST_TIMEOUT_MS,
  };
  return { load: 'webhook', target, result: await runLoad(plan), webhooks };
}

/** Waits until the registry has recorded every stored webhook, then checks each 202 is recorded exactly once. */
async function verifyStored(db: Client, measured: Measured): Promise<Measured> {
  await waitFor(async () => (await unrecordedWebhooks(db)) === 0, 'the registry to record every stored webhook', RECORD_TIMEOUT_MS);
  const stored = await checkStored(db, measured.webhooks!, measured.result.sent, measured.result.accepted);
  if (stored.missing.length || stored.doubled.length) {
    throw new Error(
      `${measured.target}: of ${stored.accepted} reports answered 202, ${stored.missing.length} are not recorded (${stored.missing.slice(0, 3).join(', ')}) and ${stored.doubled.length} are recorded twice (${stored.doubled.slice(0, 3).join(', ')})`,
    );
  }
  return { ...measured, stored };
}

/** `npm start`'s process: every service, the registry recording as the gateway accepts. */
async function oneProcess(context: BenchContext, credentials: Credentials, db: Client, load: (url: string) => Promise<Measured>): Promise<Measured> {
  // The fleet is registered already, so no demo fleet; said anyway, so it never depends on that.
  const hydrator = await ServiceProcess.start('hydrator', { ...serviceEnv(context, credentials, 'ingest-one'), HYDRATOR_DEMO_FLEET: 'false' }, 60_000);
  try {
    return await verifyStored(db, await load(hydrator.url));
  } finally {
    await hydrator.stop();
  }
}

/**
 * The gateway process alone under the webhook load (it stores and enqueues; nothing records meanwhile),
 * then a registry process started to record the queue for the check; then `currentRollout` on the gateway.
 */
async function gatewayAlone(context: BenchContext, credentials: Credentials, db: Client, bare: BareServer, load: (url: string) => Promise<Measured>): Promise<Measured[]> {
  const env = serviceEnv(context, credentials, 'ingest-gateway');
  const gateway = await ServiceProcess.start('gateway', PROFILE_DIR ? { ...env, NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile-preload.js')}`, CPU_PROFILE_DIR: PROFILE_DIR } : env);
  try {
    const webhooks = await load(gateway.url);
    const registry = await ServiceProcess.start('registry', env);
    const checked = await verifyStored(db, webhooks).finally(() => registry.stop());
    return [checked, ...(await currentRollout(db, gateway.url, credentials.operator, bare))];
  } finally {
    await gateway.stop();
  }
}

/** The dashboard's own This week query (WeekCurrent, as codegen printed it), so the benchmark reads what the page reads. */
function weekCurrentQuery(): string {
  const generated = readFileSync(path.resolve(__dirname, '..', '..', 'apps/dashboard/src/gql/graphql.ts'), 'utf8');
  const document = /export const WeekCurrentDocument = new TypedDocumentString\(`([\s\S]*?)`/.exec(generated)?.[1];
  if (!document) throw new Error('WeekCurrentDocument is missing from apps/dashboard/src/gql/graphql.ts: run npm run codegen');
  return document;
}

export async function currentRollout(db: Client, gatewayUrl: string, operatorToken: string, bare: BareServer, answerFile?: string): Promise<Measured[]> {
  const deployments = await seedRollout(db);
  const body = JSON.stringify({ query: weekCurrentQuery(), variables: {} });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` };
  const response = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers, body });
  const answer = await response.text();
  const read = JSON.parse(answer) as { data?: { currentRollout?: { deployments: unknown[] } }; errors?: unknown[] };
  if (response.status !== 200 || read.errors || read.data?.currentRollout?.deployments.length !== deployments) {
    throw new Error(`currentRollout did not answer the ${deployments} deployments (${response.status}): ${answer.slice(0, 500)}`);
  }
  if (answerFile) writeFileSync(answerFile, answer);
  const plan = (url: string): LoadPlan => ({
    url: `${url}/graphql`,
    headers,
    body: { fixed: body },
    concurrency: GRAPHQL_CONCURRENCY,
    warmupMs: GRAPHQL_WARMUP_MS,
    measureMs: MEASURE_MS,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  const alone = await medianOf(ALONE_RUNS, () => fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers, body }).then((r) => r.arrayBuffer()));
  const gateway = await runLoad(plan(gatewayUrl));
  await bare.answerWith(answer);
  const baseline = await runLoad(plan(bare.url));
  const size = `${round(Buffer.byteLength(answer) / 1024, 0)} KiB`;
  return [
    { load: 'currentRollout', target: `gateway alone, ${deployments} deployments (${size})`, result: gateway, aloneMs: alone.ms },
    { load: 'currentRollout', target: `bare node:http, the same answer precomputed`, result: baseline },
  ];
}

function summarize(measured: Measured[]): BenchResult {
  const bareOf = (load: Measured['load']) => measured.find((m) => m.load === load && m.target.startsWith('bare'))!.result.perSecond;
  const rows = measured.map((m) => {
    const non202 = Object.entries(m.result.statuses).filter(([status]) => status !== (m.load === 'webhook' ? '202' : '200'));
    return {
      load: m.load,
      target: m.target,
      'req/s': m.result.perSecond,
      'p50 ms': m.result.latency.p50,
      'p99 ms': m.result.latency.p99,
      'max ms': m.result.latency.max,
      // Two significant digits: a ratio of 1/1,000 must not print as 0.
      '× bare': Number((m.result.perSecond / bareOf(m.load)).toPrecision(2)),
      'other answers': non202.map(([status, n]) => `${status}×${n}`).join(' ') || 'none',
      'recorded once': m.stored ? `${m.stored.accepted} / ${m.stored.accepted}` : '',
    };
  });
  const gateway = rows.find((r) => r.load === 'webhook' && r.target.startsWith('gateway'))!;
  const one = rows.find((r) => r.load === 'webhook' && r.target.startsWith('one process'))!;
  const graphql = rows.find((r) => r.load === 'currentRollout' && r.target.startsWith('gateway'))!;
  return {
    name: ingest.name,
    title: `Webhook ingestion (${WEBHOOK_CONCURRENCY} keep-alive connections) and the This week query of a 500-deployment rollout (${GRAPHQL_CONCURRENCY}), ${MEASURE_MS / 1000} s each after a warm-up of ${WARMUP_MS / 1000} s (webhooks) or ${GRAPHQL_WARMUP_MS / 1000} s (GraphQL)`,
    rows,
    summary: {
      'gateway alone webhook req/s / bare': gateway['× bare'],
      [`gateway alone meets the aim (≥ ${AIM} × bare)`]: gateway['× bare'] >= AIM,
      'one process webhook req/s / bare': one['× bare'],
      'currentRollout req/s / bare (same JSON precomputed)': graphql['× bare'],
      [`currentRollout one request alone, ms (median of ${ALONE_RUNS})`]: measured.find((m) => m.aloneMs !== undefined)!.aloneMs!,
      'every 202 recorded exactly once': true,
    },
    notes: [
      `Webhooks: every request is a new Notification Plugin report (the sandbox notifier's shape: STARTED then COMPLETED of build n, n counting up from a million per stack) of one of the ${APPLICATIONS * TARGETS_PER_APPLICATION} production targets of ${APPLICATIONS} registered applications, with CLUSTER / ENVIRONMENT / NAMESPACE / GIT_REV, so the registry matches each to its target. Sent from a load generator in a child process of its own (node:http, keep-alive agent, ${WEBHOOK_CONCURRENCY} requests in flight); req/s counts the answers within the ${MEASURE_MS / 1000} measured seconds, latencies are of those.`,
      'Targets: a bare node:http server in a child process (reads the body, JSON.parse, 202), the gateway alone (dist/apps/gateway: checks the secret and the report, inserts it into jenkins_webhook, enqueues it on jenkins-reports, then answers 202), and npm start’s one process (dist/apps/hydrator: the same, with the registry recording the queue in the same process). Each is a child process like the bare server, so every target gets its own event loop.',
      `After each stack's load the benchmark waits (at most ${RECORD_TIMEOUT_MS / 1000} s) until no stored webhook is unrecorded (for the gateway alone, a registry process is started only then), and counts deployment_report rows by job, build number and phase: it fails if a report answered 202 is missing or any is recorded twice.`,
      `currentRollout: the dashboard's WeekCurrent document (read from apps/dashboard/src/gql/graphql.ts: currentRollout with every field the This week page shows, deployments with waitingFor, expectedSeconds, attempts, application.dependsOn, target, plus rollouts(limit: 10)) with the operator token, on the gateway alone, over a RUNNING rollout of 500 deployments (100 succeeded, 20 running, the rest scheduled; 220 Jenkins reports). Before the load, one request to warm up, then ${ALONE_RUNS} one at a time ("alone": the cost of one without queueing). The baseline is the bare server answering the same response body, precomputed, after parsing the request.`,
      'The machine has 2 cores shared by the load generator, the server, PostgreSQL, Redis and other work: compare the ratios within one run rather than single figures.',
    ],
    details: measured.map((m) => ({
      load: m.load,
      target: m.target,
      sent: m.result.sent,
      latency: m.result.latency,
      statuses: m.result.statuses,
      errorSamples: m.result.errorSamples,
      stored: m.stored,
    })),
  };
}
