import { fork } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { NotificationPayload } from '@hydrator/sandbox';
import { round } from './harness';
import { distribution, Distribution } from './rollout-timeline';

/** A registered application's deploy job and one of its targets, as its reports name them. */
export interface ReportedTarget {
  job: string;
  cluster: string;
  environment: string;
  namespace: string;
}

/** Request `i` of a webhook load: a build (`firstBuild + ⌊i/2⌋`) of one of `targets`, STARTED then COMPLETED. */
export interface WebhookLoad {
  targets: ReportedTarget[];
  firstBuild: number;
}

export interface LoadPlan {
  /** Full URL, path and query included. */
  url: string;
  headers: Record<string, string>;
  /** The same body on every request, or a new Notification Plugin report on each. */
  body: { fixed: string } | { webhooks: WebhookLoad };
  /** Requests in flight at once, each on a keep-alive connection of its own. */
  concurrency: number;
  /** Sent and checked, but left out of the figures: JIT, pools and caches warm up. */
  warmupMs: number;
  measureMs: number;
  timeoutMs: number;
}

export interface LoadResult {
  /** Every request sent, warm-up included. */
  sent: number;
  /** Per measured second: the answers of any status received within the measured window (their latencies are the distribution). */
  perSecond: number;
  latency: Distribution;
  /** Answers by status (and `error`), warm-up included. */
  statuses: Record<string, number>;
  /** Which requests (by index `i`, warm-up included) were answered 202: for a webhook load, the reports that must be stored. */
  accepted: number[];
  errorSamples: string[];
}

/** The report of webhook request `i`: what the sandbox's notifier posts for a build of the job. */
export function webhookReport(load: WebhookLoad, i: number): { target: ReportedTarget; number: number; phase: 'STARTED' | 'COMPLETED'; body: NotificationPayload } {
  const pair = Math.floor(i / 2);
  const target = load.targets[pair % load.targets.length];
  const number = load.firstBuild + pair;
  const phase = i % 2 === 0 ? 'STARTED' : 'COMPLETED';
  const url = `${target.job
    .split('/')
    .map((segment) => `job/${segment}/`)
    .join('')}`;
  const rev = (number * 2654435761).toString(16).padStart(40, '0').slice(-40);
  const duration = 90_000 + (number % 60) * 1000;
  const name = target.job.split('/').pop()!;
  return {
    target,
    number,
    phase,
    body: {
      name,
      display_name: name,
      url,
      build: {
        full_url: `http://jenkins.bench/${url}${number}/`,
        number,
        queue_id: number + 7,
        timestamp: phase === 'STARTED' ? Date.now() - duration : Date.now(),
        duration: phase === 'STARTED' ? 0 : duration,
        phase,
        ...(phase === 'COMPLETED' ? { status: 'SUCCESS' } : {}),
        url: `${url}${number}/`,
        display_name: `#${number}`,
        scm: { commit: rev, branch: 'origin/main', changes: [], culprits: [] },
        parameters: { GIT_REV: rev, CLUSTER: target.cluster, ENVIRONMENT: target.environment, NAMESPACE: target.namespace },
        log: '',
        artifacts: {},
      },
    },
  };
}

/**
 * Runs `plan` from a child process of its own: a generator sharing the server's (or the benchmark's)
 * event loop would time its own busy loop, not the server's answers.
 */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const child = fork(__filename, [JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('exit', (code) => reject(new Error(`the load generator exited with ${code} before reporting`)));
  });
}

async function generate(plan: LoadPlan): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const fixed = 'fixed' in plan.body ? Buffer.from(plan.body.fixed) : undefined;
  const bodyOf = (i: number) => fixed ?? Buffer.from(JSON.stringify(webhookReport((plan.body as { webhooks: WebhookLoad }).webhooks, i).body));
  const result: LoadResult = { sent: 0, perSecond: 0, latency: distribution([]), statuses: {}, accepted: [], errorSamples: [] };
  const latencies: number[] = [];
  const start = performance.now();
  const measureFrom = start + plan.warmupMs;
  const end = measureFrom + plan.measureMs;
  let answeredInWindow = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const i = result.sent++;
      const sentAt = performance.now();
      const status = await send(plan, agent, bodyOf(i)).catch((error: Error) => {
        if (result.errorSamples.length < 5) result.errorSamples.push(error.message);
        return 'error';
      });
      const answeredAt = performance.now();
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status === 202) result.accepted.push(i);
      // Answers within the window, whenever sent: a slow request (seconds, for a large GraphQL answer) still counts.
      if (answeredAt >= measureFrom && answeredAt <= end) {
        latencies.push(answeredAt - sentAt);
        answeredInWindow++;
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  agent.destroy();
  return { ...result, perSecond: round(answeredInWindow / (plan.measureMs / 1000)), latency: distribution(latencies) };
}

/** One request; resolves with the status once the whole answer is read. */
function send(plan: LoadPlan, agent: http.Agent, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(plan.url, { method: 'POST', agent, headers: { ...plan.headers, 'content-length': body.length }, timeout: plan.timeoutMs }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${plan.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

if (require.main === module) {
  void generate(JSON.parse(process.argv[2]) as LoadPlan).then((result) => process.send!(result, () => process.exit(0)));
}
