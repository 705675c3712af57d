import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort, waitFor } from '@hydrator/common';

/** A real Alertmanager started on this machine (for tests, and for `npm start` when none is configured). */
export interface RunningAlertmanager {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Kills the process and deletes its configuration and data. Safe to call twice. */
  stop(): Promise<void>;
}

/** The names the binary has: Debian's package, and the upstream release. */
const BINARY_NAMES = ['prometheus-alertmanager', 'alertmanager'];
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
/** Routes every alert nowhere: only the silence API is used. */
const CONFIG = ['route:', '  receiver: "null"', 'receivers:', '  - name: "null"', ''].join('\n');

/**
 * Runs the real Alertmanager (Debian package `prometheus-alertmanager`) on a free loopback port, with
 * clustering off and its data in a temporary folder: for tests that speak its HTTP API, and for
 * `npm start` so that the demo's silences are real.
 */
export class AlertmanagerProcess {
  /** Whether the binary is on the PATH. */
  static installed(): boolean {
    try {
      findBinary();
      return true;
    } catch {
      return false;
    }
  }

  static async start(): Promise<RunningAlertmanager> {
    const binary = findBinary();
    const dir = await mkdtemp(join(tmpdir(), 'hydrator-alertmanager-'));
    await writeFile(join(dir, 'alertmanager.yml'), CONFIG);
    try {
      return await launch(binary, dir);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
}

async function launch(binary: string, dir: string): Promise<RunningAlertmanager> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`could not run ${binary}: ${error.message}`)));
    child.once('exit', (code, signal) => reject(new Error(`${binary} exited (${signal ?? `code ${code}`}) before it was ready; its output:\n${output}`)));
  });
  exited.catch(() => undefined);
  // A test that forgets stop() must not leave an Alertmanager behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      await kill(child);
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    await Promise.race([exited, waitFor(() => isReady(url), `Alertmanager at ${url} to be ready`, READY_TIMEOUT_MS)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

function findBinary(): string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of BINARY_NAMES) {
    for (const dir of dirs) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // Not in this folder: look in the next one.
      }
    }
  }
  throw new Error('Alertmanager is not installed (no prometheus-alertmanager or alertmanager on the PATH): install prometheus-alertmanager: apt-get install prometheus-alertmanager');
}

async function isReady(url: string): Promise<boolean> {
  const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
  return response.ok;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await gone;
  clearTimeout(timer);
}
