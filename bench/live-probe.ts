import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** What a probe saw: the latency of every 200, and the failures (with a few samples of why). */
export interface ProbeResult {
  latencies: number[];
  failures: number;
  failureSamples: string[];
}

interface ProbeOptions {
  everyMs: number;
  timeoutMs: number;
  samples: number;
}

/**
 * GETs `<url>/health/live` every `everyMs` (one at a time) from a child process of its own: a probe in
 * the load generator's process would time the generator's busy event loop, not the server's answer.
 */
export function startLiveProbe(url: string, options: ProbeOptions): { stop(): Promise<ProbeResult> } {
  const child = fork(__filename, [url, JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = new Promise<ProbeResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ProbeResult));
    child.once('exit', (code) => reject(new Error(`the /health/live probe exited with ${code} before reporting`)));
  });
  return {
    stop: () => {
      child.send('stop');
      return result;
    },
  };
}

async function probe(url: string, { everyMs, timeoutMs, samples }: ProbeOptions): Promise<void> {
  const result: ProbeResult = { latencies: [], failures: 0, failureSamples: [] };
  const failed = (reason: string) => {
    result.failures++;
    if (result.failureSamples.length < samples) result.failureSamples.push(reason);
  };
  let running = true;
  process.once('message', () => (running = false));
  while (running) {
    const start = performance.now();
    try {
      const response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      if (response.status === 200) result.latencies.push(performance.now() - start);
      else failed(`answered ${response.status}`);
    } catch (error) {
      const { message, cause } = error as Error & { cause?: Error & { code?: string } };
      failed(cause ? `${message}: ${cause.code ?? ''} ${cause.message}` : message);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (performance.now() - start))));
  }
  process.send!(result, () => process.exit(0));
}

if (require.main === module) void probe(process.argv[2], JSON.parse(process.argv[3]) as ProbeOptions);
