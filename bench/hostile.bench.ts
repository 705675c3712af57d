import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { ServiceProcess } from '@hydrator/testing';
import { Answer, hasInternalError, readAnswer } from '../test/fuzz/edge-invariants';
import { invocations, Known, toGraphqlRequest } from '../test/fuzz/graphql-requests';
import { readSchema } from '../test/fuzz/graphql-schema';
import { postGraphql } from '../test/fuzz/graphql-properties';
import { payloadBody, randomBody, sendWebhook, webhookRequest } from '../test/fuzz/webhook-requests';
import { BenchContext, Benchmark, BenchResult, median, round } from './harness';
import { startLiveProbe } from './live-probe';
import { distribution, Distribution } from './rollout-timeline';

/** Per stack: this many webhook and this many GraphQL requests, or fewer if {@link LOAD_BUDGET_MS} runs out. */
const WEBHOOK_REQUESTS = 1500;
const GRAPHQL_REQUESTS = 1500;
const LOAD_BUDGET_MS = 45_000;
/** Requests in flight at once: a few hostile clients, not a flood; the point is what each one does. */
const IN_FLIGHT = 8;
/** Requests (half webhook, half GraphQL) first sent one at a time, to time each alone. */
const ALONE_REQUESTS = 400;
const PROBE_EVERY_MS = 20;
/** Past this a request (the fragment bomb included) counts as timed out rather than stalling the run. */
const REQUEST_TIMEOUT_MS = 30_000;
/** The same requests on every run, so two runs compare. */
const SEED = 20261130;
const FRAGMENT_DEPTH = 22;
const FRAGMENT_RUNS = 3;
/** Failures whose messages are kept in the details. */
const SAMPLES = 5;

interface Stack {
  name: string;
  /** Where GraphQL, the webhook and /health/live answer. */
  url: string;
  stop(): Promise<void>;
}

interface Tally {
  requests: number;
  '5xx': number;
  INTERNAL_SERVER_ERROR: number;
  '4xx by status': Record<string, number>;
  'network errors': number;
  /** The first few network errors' messages: a reset connection and a client-side refusal look alike in the count. */
  'network error samples': string[];
}

/** One request to send, named by what it exercises (`webhook`, or the GraphQL field). */
interface Labelled {
  label: string;
  send(): Promise<Answer>;
}

type AloneTimes = Distribution & { slowest: string[] };

interface StackResult {
  stack: string;
  /** The first requests sent one at a time, before the load. */
  alone: AloneTimes;
  webhook: Tally;
  graphql: Tally;
  loadMs: number;
  probe: Distribution & { failures: number; failureSamples: string[] };
  fragment: Record<'operator token' | 'no token', { ms: number[]; status: string }>;
  probeDuringFragmentsMaxMs: number;
}

/**
 * Hostile traffic (the fuzz suite's generators: hostile webhook bodies, secrets, content types and
 * encodings; every GraphQL field with hostile arguments, as variables and literals, with each token)
 * against Hydrator as one process and as separate gateway and registry processes, while a probe asks
 * /health/live every 20 ms; then the time to refuse the k=22 fragment bomb.
 */
export const hostile: Benchmark = {
  name: 'hostile',
  async run(context: BenchContext): Promise<BenchResult> {
    const credentials = randomCredentials();
    const results: StackResult[] = [];
    for (const start of [startOneProcess, startSeparateServices]) {
      const stack = await start(context, credentials);
      try {
        results.push(await measure(stack, context, credentials));
      } finally {
        await stack.stop();
      }
    }
    return summarize(results);
  },
};

export type Credentials = { operator: string; viewer: string; secret: string };

/** Tokens and a webhook secret of the run's own. */
export function randomCredentials(): Credentials {
  return { operator: randomBytes(24).toString('hex'), viewer: randomBytes(24).toString('hex'), secret: randomBytes(24).toString('hex') };
}

export function serviceEnv(context: BenchContext, credentials: Credentials, prefix: string): Record<string, string> {
  return {
    DATABASE_URL: context.databaseUrl,
    REDIS_URL: context.redisUrl,
    HYDRATOR_REDIS_PREFIX: `${context.redisPrefix}:${prefix}`,
    HYDRATOR_OPERATOR_TOKENS: `bench-operator:${credentials.operator}`,
    HYDRATOR_VIEWER_TOKENS: `bench-viewer:${credentials.viewer}`,
    JENKINS_WEBHOOK_SECRET: credentials.secret,
    HYDRATOR_TIMEZONE: 'UTC',
  };
}

/** `npm start`'s process (dist/apps/hydrator): every service, sandboxes for the integrations, a demo fleet. */
async function startOneProcess(context: BenchContext, credentials: Credentials): Promise<Stack> {
  const hydrator = await ServiceProcess.start('hydrator', serviceEnv(context, credentials, 'hostile-one'), 60_000);
  return { name: 'one process (dist/apps/hydrator)', url: hydrator.url, stop: () => hydrator.stop() };
}

/** Production's shape: the gateway and the registry, each its own process from dist/. */
async function startSeparateServices(context: BenchContext, credentials: Credentials): Promise<Stack> {
  const env = serviceEnv(context, credentials, 'hostile-split');
  const gateway = await ServiceProcess.start('gateway', env);
  const registry = await ServiceProcess.start('registry', env).catch(async (error: Error) => {
    await gateway.stop();
    throw error;
  });
  return { name: 'gateway + registry processes', url: gateway.url, stop: async () => void (await Promise.all([gateway.stop(), registry.stop()])) };
}

async function measure(stack: Stack, context: BenchContext, credentials: Credentials): Promise<StackResult> {
  const tokens = { operator: credentials.operator, viewer: credentials.viewer };
  const schema = await readSchema(async (query) => (await postGraphql(stack.url, { query, variables: {}, authorization: `Bearer ${tokens.operator}` })).body as { data?: unknown });
  const known = await knownRows(context.databaseUrl);
  const webhooks = fc.sample(webhookRequest(fc.oneof(payloadBody, randomBody), 'hostile'), { seed: SEED, numRuns: WEBHOOK_REQUESTS });
  const fields = schema.fields;
  const calls = fc
    .sample(
      fc.integer({ min: 0, max: fields.length - 1 }).chain((i) => invocations(schema, fields[i], known).map((call) => ({ field: fields[i], call }))),
      { seed: SEED, numRuns: GRAPHQL_REQUESTS },
    )
    .map(({ field, call }): Labelled => ({ label: field.name, send: () => postGraphql(stack.url, toGraphqlRequest(field, call, tokens)) }));
  const sendWebhooks = webhooks.map((request): Labelled => ({ label: 'webhook', send: () => sendWebhook(stack.url, request, credentials.secret) }));

  const alone = await timeAlone([...sendWebhooks.slice(0, ALONE_REQUESTS / 2), ...calls.slice(0, ALONE_REQUESTS / 2)]);
  const probe = startProbe(stack.url);
  const loadStart = performance.now();
  const deadline = loadStart + LOAD_BUDGET_MS;
  const [webhook, graphql] = await Promise.all([runAll(sendWebhooks, deadline), runAll(calls, deadline)]);
  const loadMs = performance.now() - loadStart;
  const probed = await probe.stop();

  const fragmentProbe = startProbe(stack.url);
  const fragment = {
    'operator token': await timeFragmentBomb(stack.url, tokens.operator),
    'no token': await timeFragmentBomb(stack.url, undefined),
  };
  const duringFragments = await fragmentProbe.stop();
  return {
    stack: stack.name,
    alone,
    webhook,
    graphql,
    loadMs,
    probe: { ...distribution(probed.latencies), failures: probed.failures, failureSamples: probed.failureSamples },
    fragment,
    probeDuringFragmentsMaxMs: round(Math.max(0, ...duringFragments.latencies)),
  };
}

/** Names and ids in the database (the demo fleet, when the one-process stack seeded it), for arguments to hit. */
async function knownRows(databaseUrl: string): Promise<Known> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const values = async (sql: string) => (await db.query<{ v: string }>(sql)).rows.map((row) => row.v);
    return {
      applications: await values(`select name as v from application order by name limit 20`),
      targetIds: await values(`select id::text as v from target order by id limit 20`),
      deploymentIds: await values(`select id::text as v from deployment order by id limit 20`),
      rolloutIds: await values(`select id::text as v from rollout order by id limit 20`),
    };
  } finally {
    await db.end();
  }
}

/**
 * Sends `requests` one after the other, with nothing else in flight: each one's own cost to the server.
 * Under load the probe's tail is either one request holding the event loop (it shows here) or requests
 * queueing for the machine's cores (it does not).
 */
async function timeAlone(requests: Labelled[]): Promise<AloneTimes> {
  const timed: Array<{ label: string; ms: number }> = [];
  for (const request of requests) {
    const start = performance.now();
    await request.send().catch(() => undefined);
    timed.push({ label: request.label, ms: performance.now() - start });
  }
  const slowest = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 3);
  return { ...distribution(timed.map((t) => t.ms)), slowest: slowest.map((t) => `${t.label} ${round(t.ms)} ms`) };
}

/** Runs `requests` {@link IN_FLIGHT} at a time until all are sent or `deadline` passes; tallies the answers. */
async function runAll(requests: Labelled[], deadline: number): Promise<Tally> {
  const tally: Tally = { requests: 0, '5xx': 0, INTERNAL_SERVER_ERROR: 0, '4xx by status': {}, 'network errors': 0, 'network error samples': [] };
  let next = 0;
  const worker = async () => {
    while (next < requests.length && performance.now() < deadline) {
      const request = requests[next++];
      tally.requests++;
      try {
        const answer = await request.send();
        if (answer.status >= 500) tally['5xx']++;
        if (answer.status >= 400 && answer.status < 500) tally['4xx by status'][answer.status] = (tally['4xx by status'][answer.status] ?? 0) + 1;
        if (hasInternalError(answer.body)) tally.INTERNAL_SERVER_ERROR++;
      } catch (error) {
        tally['network errors']++;
        if (tally['network error samples'].length < SAMPLES) tally['network error samples'].push(describe(error));
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return tally;
}

/** The /health/live probe, from a process of its own (see live-probe.ts). */
function startProbe(url: string) {
  return startLiveProbe(url, { everyMs: PROBE_EVERY_MS, timeoutMs: REQUEST_TIMEOUT_MS, samples: SAMPLES });
}

/** fetch's own message hides the cause (`fetch failed`): the cause says reset, refused or timed out. */
function describe(error: unknown): string {
  const { message, cause } = error as Error & { cause?: Error & { code?: string } };
  return cause ? `${message}: ${cause.code ?? ''} ${cause.message}` : message;
}

/** `fragment Fk on Query { ...Fk+1 ...Fk+1 }` for k < 22, F22 selecting applications: 2^22 leaves if expanded. */
export function fragmentBomb(depth = FRAGMENT_DEPTH): string {
  const fragments = Array.from({ length: depth }, (_, k) => `fragment F${k} on Query { ...F${k + 1} ...F${k + 1} }`);
  return `query { ...F0 }\n${fragments.join('\n')}\nfragment F${depth} on Query { applications { name } }`;
}

async function timeFragmentBomb(url: string, token: string | undefined): Promise<{ ms: number[]; status: string }> {
  const ms: number[] = [];
  let status = '';
  for (let i = 0; i < FRAGMENT_RUNS; i++) {
    const start = performance.now();
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: fragmentBomb() }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const answer = await readAnswer(response);
      const codes = ((answer.body as { errors?: Array<{ extensions?: { code?: string } }> })?.errors ?? []).map((e) => e.extensions?.code);
      status = `${answer.status} ${codes.join(',') || 'no error'}`;
    } catch (error) {
      status = `no answer within ${REQUEST_TIMEOUT_MS} ms (${(error as Error).name})`;
    }
    ms.push(round(performance.now() - start));
  }
  return { ms, status };
}

function summarize(results: StackResult[]): BenchResult {
  const fourXx = (t: Tally) =>
    Object.entries(t['4xx by status'])
      .map(([status, n]) => `${status}×${n}`)
      .join(' ') || 'none';
  return {
    name: hostile.name,
    title: `Hostile requests (fuzz generators, ${IN_FLIGHT} in flight) with /health/live probed every ${PROBE_EVERY_MS} ms, and the k=${FRAGMENT_DEPTH} fragment bomb`,
    rows: results.map((r) => ({
      stack: r.stack,
      'webhook sent': r.webhook.requests,
      'webhook 5xx': r.webhook['5xx'],
      'webhook 4xx': fourXx(r.webhook),
      'graphql sent': r.graphql.requests,
      'graphql 5xx': r.graphql['5xx'],
      'graphql INTERNAL_SERVER_ERROR': r.graphql.INTERNAL_SERVER_ERROR,
      'graphql 4xx': fourXx(r.graphql),
      'network errors': r.webhook['network errors'] + r.graphql['network errors'],
      'alone p50 / p99 / max ms': `${r.alone.p50} / ${r.alone.p99} / ${r.alone.max}`,
      'live p50 / p99 / max ms': `${r.probe.p50} / ${r.probe.p99} / ${r.probe.max}`,
      'live failures': r.probe.failures,
      'bomb ms (operator, none)': `${median(r.fragment['operator token'].ms)}, ${median(r.fragment['no token'].ms)}`,
    })),
    summary: Object.fromEntries(
      results.flatMap((r): Array<[string, string | number]> => [
        [`${r.stack}: 5xx (webhook + GraphQL)`, r.webhook['5xx'] + r.graphql['5xx']],
        [`${r.stack}: INTERNAL_SERVER_ERROR`, r.webhook.INTERNAL_SERVER_ERROR + r.graphql.INTERNAL_SERVER_ERROR],
        [`${r.stack}: one request alone p50 / p99 / max ms`, `${r.alone.p50} / ${r.alone.p99} / ${r.alone.max}; slowest: ${r.alone.slowest.join(', ')}`],
        [`${r.stack}: /health/live p50 / p99 / max ms`, `${r.probe.p50} / ${r.probe.p99} / ${r.probe.max} (${r.probe.n} probes, ${r.probe.failures} failed)`],
        [`${r.stack}: fragment bomb with the operator token`, `${r.fragment['operator token'].status}, ${r.fragment['operator token'].ms.join(' / ')} ms`],
        [`${r.stack}: fragment bomb without a token`, `${r.fragment['no token'].status}, ${r.fragment['no token'].ms.join(' / ')} ms`],
        [`${r.stack}: /health/live max ms while the bombs ran`, r.probeDuringFragmentsMaxMs],
      ]),
    ),
    details: results,
    notes: [
      `Each stack gets up to ${WEBHOOK_REQUESTS} webhook and ${GRAPHQL_REQUESTS} GraphQL requests (stopped after ${LOAD_BUDGET_MS / 1000} s), drawn with fast-check from test/fuzz's generators with the fixed seed ${SEED}: webhook bodies that are random JSON, non-JSON, invalid UTF-8 or a Notification Plugin payload with hostile fields, under hostile secrets, content types and content encodings; every query and mutation (read by introspection) with hostile arguments as variables and literals, with the operator token, the viewer token or none. Loopback only.`,
      'The one-process stack is dist/apps/hydrator/src/main.js (npm start: every service, sandboxes standing in for Jenkins, Slack, Jira and GitHub, a demo fleet on an empty database); the separate stack is dist/apps/gateway and dist/apps/registry as two processes on the same database with a Redis prefix of their own. Both run as child processes, and so does the probe, so neither shares the load generator’s event loop.',
      `The probe GETs /health/live one request at a time every ${PROBE_EVERY_MS} ms during the load; a probe failure is a non-200 or no answer within ${REQUEST_TIMEOUT_MS / 1000} s. The fragment bomb (F0…F${FRAGMENT_DEPTH}, each spreading the next twice) is sent ${FRAGMENT_RUNS} times with the operator token and ${FRAGMENT_RUNS} times with none, after the load, with the probe running again.`,
      `Before the load, the first ${ALONE_REQUESTS / 2} webhook and ${ALONE_REQUESTS / 2} GraphQL requests are sent one at a time ("alone"): what each costs the server with nothing queued beside it.`,
      'Everything (the services, PostgreSQL, Redis and this load generator) shares the machine: compare stacks and runs rather than single numbers.',
    ],
  };
}
