import { MikroORM } from '@mikro-orm/postgresql';
import { Global, INestApplication, Injectable, Logger, Module } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Server } from 'node:http';
import { HydratorConfig } from '@hydrator/config';
import { LoggedWorkerHost } from './logged-worker-host';

type DrainHook = () => unknown;

/**
 * Whether this process is shutting down (then `/health/ready` answers 503 so no new traffic comes),
 * and what must be closed with the HTTP server: services with long-lived connections (the gateway's
 * WebSockets) register a hook that closes them with 1001 (going away).
 */
@Injectable()
export class ShutdownState {
  draining = false;
  private readonly hooks: Array<{ name: string; hook: DrainHook }> = [];

  onDrain(name: string, hook: DrainHook): void {
    this.hooks.push({ name, hook });
  }

  async runDrainHooks(logger: Logger): Promise<void> {
    await Promise.all(
      this.hooks.map(async ({ name, hook }) => {
        try {
          await hook();
        } catch (error) {
          logger.warn(`closing ${name} failed: ${(error as Error).message}`);
        }
      }),
    );
  }
}

@Global()
@Module({ providers: [ShutdownState], exports: [ShutdownState] })
export class ShutdownModule {}

export interface ShutdownOptions {
  /** Runs after the application closed, before the process exits (npm start stops its sandboxes). */
  afterClose?: () => Promise<unknown>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Replaces Nest's shutdown hooks with a graceful shutdown on SIGTERM (and SIGINT, without the drain):
 *
 * 1. readiness turns false (`/health/ready` 503), and the workers stop taking jobs;
 * 2. HTTP keeps serving for SHUTDOWN_DRAIN while load balancers take the replica out;
 * 3. the HTTP server stops accepting, idle keep-alive connections close, WebSockets close with 1001,
 *    and requests in flight finish;
 * 4. jobs in progress finish, or are handed back to the queue near the deadline (another replica takes
 *    them at once: no lock has to expire);
 * 5. PostgreSQL and Redis connections close (the application's own shutdown hooks), and the process exits 0.
 *
 * Whatever hangs, the process exits (code 1) at SHUTDOWN_TIMEOUT after the signal.
 */
export function installGracefulShutdown(app: INestApplication, config: HydratorConfig, options: ShutdownOptions = {}): () => void {
  const logger = new Logger('Shutdown');
  let started = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const startedAt = Date.now();
    const deadline = startedAt + config.shutdownTimeoutMs;
    const hardStop = setTimeout(() => {
      logger.error(`shutdown did not finish within SHUTDOWN_TIMEOUT (${config.shutdownTimeoutMs} ms): exiting anyway`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    hardStop.unref();
    void gracefulShutdown(app, config, logger, signal, deadline, startedAt)
      .then(() => options.afterClose?.())
      .then(
        () => {
          logger.log(`shutdown complete in ${Date.now() - startedAt} ms`);
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  const onSigterm = () => shutdown('SIGTERM');
  const onSigint = () => shutdown('SIGINT');
  process.once('SIGTERM', onSigterm);
  process.once('SIGINT', onSigint);
  return () => {
    process.off('SIGTERM', onSigterm);
    process.off('SIGINT', onSigint);
  };
}

async function gracefulShutdown(app: INestApplication, config: HydratorConfig, logger: Logger, signal: NodeJS.Signals, deadline: number, startedAt: number): Promise<void> {
  const since = () => `${Date.now() - startedAt} ms`;
  const state = app.get(ShutdownState, { strict: false });
  // Leave time after the workers for the HTTP drain's end, PostgreSQL and Redis.
  const reserve = Math.min(5000, config.shutdownTimeoutMs * 0.3);
  const drainMs = signal === 'SIGTERM' ? config.shutdownDrainMs : 0;

  state.draining = true;
  logger.log(`${signal}: shutting down within ${config.shutdownTimeoutMs} ms; phase 1: readiness is false, workers take no new jobs`);
  const workers = stopWorkers(app, logger, deadline - reserve).then((handedBack) => {
    logger.log(`workers stopped at ${since()}${handedBack ? `, ${handedBack} unfinished job(s) handed back to the queue` : ', every job in progress finished'}`);
    return handedBack;
  });

  if (drainMs > 0) {
    logger.log(`phase 2: serving requests in flight and new ones for ${drainMs} ms while load balancers stop routing here`);
    await sleep(Math.min(drainMs, deadline - reserve - Date.now()));
  }

  logger.log(`phase 3: closing HTTP (idle keep-alive connections now, busy ones once answered) and WebSockets (1001) at ${since()}`);
  await closeHttp(app, state, logger, deadline - reserve);
  logger.log(`HTTP closed at ${since()}`);

  const handedBack = await workers;
  if (handedBack > 0) await endBusyDatabaseConnections(app, logger);

  logger.log(`phase 4: closing PostgreSQL and Redis connections at ${since()}`);
  if (handedBack === 0) {
    await app.close();
    logger.log(`PostgreSQL and Redis closed at ${since()}`);
  } else {
    // A handed-back job may still await an answer (Jenkins…) inside its abandoned transaction, and the
    // pool's close waits for it: its connection is already ended and its job is another replica's, so
    // the close gets what is left of the deadline and the process exits either way.
    const closed = await Promise.race([app.close().then(() => true), sleep(deadline - Date.now() - 500).then(() => false)]);
    if (closed) logger.log(`PostgreSQL and Redis closed at ${since()}`);
    else logger.warn(`closing still waits on the abandoned job(s) at ${since()}: exiting, their connections are ended`);
  }
}

/** Stops every BullMQ worker of the process; returns how many jobs were handed back. */
async function stopWorkers(app: INestApplication, logger: Logger, until: number): Promise<number> {
  let hosts: LoggedWorkerHost[];
  try {
    const discovery = app.get(DiscoveryService, { strict: false });
    hosts = discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is LoggedWorkerHost => instance instanceof LoggedWorkerHost);
  } catch {
    return 0;
  }
  const counts = await Promise.all(
    hosts.map((host) =>
      host.stopTakingJobs(until).catch((error: unknown) => {
        logger.warn(`stopping ${host.constructor.name} failed: ${(error as Error).message}`);
        return 0;
      }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function closeHttp(app: INestApplication, state: ShutdownState, logger: Logger, until: number): Promise<void> {
  const server = app.getHttpServer() as Server;
  const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  server.closeIdleConnections();
  await state.runDrainHooks(logger);
  // Keep-alive connections that finish a request now are closed as they become idle.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  const inTime = await Promise.race([closed.then(() => true), sleep(until - Date.now()).then(() => false)]);
  clearInterval(idleSweep);
  if (!inTime) {
    logger.warn('requests still in flight at the deadline: closing their connections');
    server.closeAllConnections();
  }
}

/**
 * A job handed back may still hold a PostgreSQL transaction (and its row locks) in this process:
 * ending the connections still in use rolls those back now, so the replica that took the job is not
 * blocked, and closing the pool does not wait for work that will never finish.
 */
async function endBusyDatabaseConnections(app: INestApplication, logger: Logger): Promise<void> {
  try {
    const orm = app.get(MikroORM, { strict: false });
    const knex = (orm.em.getConnection() as unknown as { getKnex(): unknown }).getKnex() as { client: { pool?: { used?: Array<{ resource?: { end?: () => Promise<void> } }> } } };
    const used = knex.client.pool?.used ?? [];
    if (used.length === 0) return;
    logger.warn(`ending ${used.length} PostgreSQL connection(s) still used by unfinished jobs (their transactions roll back)`);
    await Promise.all(used.map(async (u) => u.resource?.end?.()).map((ending) => ending.catch(() => undefined)));
  } catch (error) {
    logger.warn(`could not end busy PostgreSQL connections: ${(error as Error).message}`);
  }
}
