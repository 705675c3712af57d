import { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { SYSTEM_ACTOR } from '@hydrator/audit';
import { loadConfig } from '@hydrator/config';
import { startHydratorService } from '@hydrator/platform';
import { JENKINS_REPORTS_QUEUE, ROLLOUTS_QUEUE } from '@hydrator/queues';
import { RolloutRunner } from '@hydrator/runner';
import { JenkinsSandbox } from '@hydrator/sandbox';
import { waitFor } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotifierModule } from '../apps/notifier/src/notifier.module';
import { RegistryServiceModule } from '../apps/registry/src/registry-service.module';
import { RunnerModule } from '../apps/runner/src/runner.module';
import { BenchContext, round } from './harness';

/** One application of a benchmark fleet: `targets` production targets (`prod-0`, `prod-1`… in that order). */
export interface FleetApplication {
  name: string;
  targets: number;
  dependsOn?: string[];
}

/** One deployment of a planned rollout, as the benchmark knows it before Jenkins sees it. */
export interface PlannedDeployment {
  id: string;
  application: string;
  /** The target's order among the application's production targets. */
  position: number;
  /** How long its Jenkins build runs; undefined: the sandbox default. */
  durationMs?: number;
}

export interface PlannedRollout {
  id: string;
  applications: FleetApplication[];
  deployments: PlannedDeployment[];
}

/** How busy the process and PostgreSQL were while a rollout ran: to tell a saturated resource from a slow path. */
export interface RunLoad {
  /** Share of the time the event loop (Hydrator, the sandbox and the benchmark share it) was busy. */
  eventLoopUtilization: number;
  /** CPU time of the process (user + system, libuv and GC threads included) per deployment. */
  cpuMsPerDeployment: number;
  /** Averages over samples of pg_stat_activity every {@link SAMPLE_EVERY_MS} ms, this database, the sampler left out. */
  connections: { open: number; running: number; waitingOnLock: number; idleInTransaction: number; samples: number };
  /** The statement each connection held by an open transaction or waiting on a lock ran last, by how often it was seen, most seen first. */
  heldBy: Record<string, number>;
}

type ConnectionsSample = Omit<RunLoad['connections'], 'samples'> & { held: string[] };

const SAMPLE_EVERY_MS = 50;

export interface HydratorUnderTestOptions {
  /** Names the Redis key prefix (under the run's) so two benchmarks of one run never share a queue. */
  name: string;
  maxParallelApps: number;
  /** Every build's duration unless the rollout's plan fixes it. */
  defaultBuildMs: number;
}

/**
 * Outcomes come from webhooks: the runner's own polling (a delayed check per deployment, and the
 * reconciler's pass every min(this, 15 s)) must not beat them, nor fill the queues whose completed jobs
 * the stage breakdown reads back (BullMQ keeps the newest 2,000 of `rollouts`).
 */
const JENKINS_POLL_INTERVAL = '30s';

/**
 * A whole Hydrator (gateway, registry, runner, notifier) in this process on the benchmark's database,
 * with a {@link JenkinsSandbox} as Jenkins whose Notification Plugin posts to Hydrator's webhook.
 * Alertmanager, Slack and Jira are not configured: deployments run unsilenced and messages stay HELD
 * in the outbox. Rollouts are written with SQL (as the scheduler would leave them) and run through
 * {@link RolloutRunner.run}.
 */
export class HydratorUnderTest {
  /** Build durations by deployment id, read by the sandbox's script when Hydrator triggers the build. */
  private readonly durations = new Map<string, number>();

  private constructor(
    readonly app: INestApplication,
    readonly jenkins: JenkinsSandbox,
    private readonly db: Client,
  ) {
    jenkins.script((params) => {
      const durationMs = this.durations.get(deploymentIdOf(params));
      return durationMs === undefined ? undefined : { durationMs };
    });
  }

  static async start(context: BenchContext, options: HydratorUnderTestOptions): Promise<HydratorUnderTest> {
    const jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 0, durationMs: options.defaultBuildMs } });
    const secret = randomBytes(12).toString('hex');
    const config = loadConfig({
      DATABASE_URL: context.databaseUrl,
      REDIS_URL: context.redisUrl,
      HYDRATOR_REDIS_PREFIX: `${context.redisPrefix}:${options.name}`,
      HYDRATOR_TIMEZONE: 'UTC',
      JENKINS_URL: await jenkins.start(),
      JENKINS_WEBHOOK_SECRET: secret,
      JENKINS_POLL_INTERVAL,
      MAX_PARALLEL_APPS: String(options.maxParallelApps),
    });
    const app = await startHydratorService({ service: `bench-${options.name}`, modules: [GatewayModule, RegistryServiceModule, RunnerModule, NotifierModule], config, port: 0 }).catch(
      async (error: Error) => {
        await jenkins.stop();
        throw error;
      },
    );
    // From here on only warnings and errors: the boot's own log has gone out already (startHydratorService takes no logger).
    app.useLogger(['error', 'warn']);
    jenkins.webhookUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}/webhooks/jenkins?token=${secret}`;
    const db = new Client({ connectionString: context.databaseUrl });
    // Interrupted, run.ts drops the database under it: an idle client must not crash the process.
    db.on('error', () => undefined);
    await db.connect();
    return new HydratorUnderTest(app, jenkins, db);
  }

  /** Empties every table (not the migrations' bookkeeping): what an earlier benchmark of the run filled. */
  async truncate(): Promise<void> {
    await emptyDatabase(this.db);
  }

  /**
   * Writes the applications, their production targets and dependencies, and one PLANNED rollout with a
   * SCHEDULED deployment per target, in a handful of statements; registers each deploy job in Jenkins.
   * `durationOf` fixes each build's duration (default: the sandbox's).
   */
  async plan(applications: FleetApplication[], durationOf: (application: FleetApplication, position: number) => number | undefined = () => undefined): Promise<PlannedRollout> {
    const appIds = new Map(applications.map((a) => [a.name, randomUUID()]));
    const targets = applications.flatMap((a) => Array.from({ length: a.targets }, (_, position) => ({ id: randomUUID(), application: a, position })));
    const deployments = targets.map((t) => ({ id: randomUUID(), target: t.id, application: t.application.name, position: t.position, durationMs: durationOf(t.application, t.position) }));
    const edges = applications.flatMap((a) => (a.dependsOn ?? []).map((dep) => [appIds.get(a.name)!, appIds.get(dep)!]));
    const rolloutId = randomUUID();
    await this.db.query('begin');
    try {
      await this.insertRollout(rolloutId, appIds, targets, edges, deployments);
      await this.db.query('commit');
    } catch (error) {
      await this.db.query('rollback');
      throw error;
    }
    await this.db.query('analyze');
    for (const a of applications) this.jenkins.addJob(`deploy/${a.name}`);
    for (const d of deployments) if (d.durationMs !== undefined) this.durations.set(d.id, d.durationMs);
    return { id: rolloutId, applications, deployments: deployments.map(({ target: _target, ...d }) => d) };
  }

  /**
   * Starts the rollout as `runRollout` does and waits (at most `timeoutMs`) until it is COMPLETED; a
   * HALTED one fails the benchmark. Returns how loaded the process and PostgreSQL were meanwhile.
   */
  async run(rollout: PlannedRollout, timeoutMs: number): Promise<RunLoad> {
    const builds = rollout.deployments.length;
    const finishedBefore = this.jenkins.timeline.ofKind('finished').length;
    const load = this.watchLoad(builds);
    let measured: RunLoad;
    try {
      await this.app.get(RolloutRunner).run(SYSTEM_ACTOR, rollout.id);
      // The sandbox knows first, and cheaply: rollouts run one at a time, so every new finished build is this one's.
      await waitFor(() => this.jenkins.timeline.ofKind('finished').length - finishedBefore >= builds, `${builds} builds to finish`, timeoutMs).catch(async (error: Error) => {
        throw new Error(`${error.message} (rollout ${JSON.stringify(await this.rolloutRow(rollout.id))})`);
      });
    } finally {
      measured = await load.stop();
    }
    const row = await waitFor(
      async () => {
        const found = await this.rolloutRow(rollout.id);
        return found.status !== 'RUNNING' && found;
      },
      `rollout ${rollout.id} to finish`,
      10_000,
    );
    if (row.status !== 'COMPLETED') throw new Error(`rollout ${rollout.id} ended ${row.status}: ${row.reason}`);
    return measured;
  }

  /** Starts measuring {@link RunLoad} over `deployments`; `stop()` ends it and returns the figures. */
  private watchLoad(deployments: number): { stop(): Promise<RunLoad> } {
    const [elu, cpu] = [performance.eventLoopUtilization(), process.cpuUsage()];
    const samples: ConnectionsSample[] = [];
    let sampling: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      sampling = sampling.then(async () => samples.push((await this.query<ConnectionsSample>(CONNECTIONS_NOW))[0])).catch(() => undefined); // a lost sample is no failure
    }, SAMPLE_EVERY_MS);
    return {
      stop: async () => {
        clearInterval(timer);
        await sampling;
        const used = process.cpuUsage(cpu);
        const average = (key: Exclude<keyof ConnectionsSample, 'held'>) => round(samples.reduce((sum, s) => sum + s[key], 0) / Math.max(1, samples.length), 2);
        const heldBy = new Map<string, number>();
        for (const held of samples.flatMap((s) => s.held)) {
          const statement = held.replace(/'[0-9a-f]{8}-[0-9a-f-]*'?/g, '?');
          heldBy.set(statement, (heldBy.get(statement) ?? 0) + 1);
        }
        return {
          eventLoopUtilization: round(performance.eventLoopUtilization(elu).utilization, 2),
          cpuMsPerDeployment: round((used.user + used.system) / 1000 / deployments),
          connections: { open: average('open'), running: average('running'), waitingOnLock: average('waitingOnLock'), idleInTransaction: average('idleInTransaction'), samples: samples.length },
          heldBy: Object.fromEntries([...heldBy].sort((a, b) => b[1] - a[1])),
        };
      },
    };
  }

  private async insertRollout(
    rolloutId: string,
    appIds: Map<string, string>,
    targets: Array<{ id: string; application: FleetApplication; position: number }>,
    edges: string[][],
    deployments: Array<{ id: string; target: string }>,
  ): Promise<void> {
    await this.db.query(
      `insert into application (id, name, github_repo, slack_channel, jenkins_job, owners, created_at, updated_at)
       select id, name, 'acme/' || name, '#team-' || name, 'deploy/' || name, '{}', now(), now() from unnest($1::uuid[], $2::text[]) a(id, name)`,
      [[...appIds.values()], [...appIds.keys()]],
    );
    await this.db.query(
      `insert into target (id, application_id, cluster, environment, namespace, role, position, created_at)
       select t.id, t.application_id, 'prod-' || t.position, 'production', a.name, 'PRODUCTION', t.position, now()
         from unnest($1::uuid[], $2::uuid[], $3::int[]) t(id, application_id, position) join application a on a.id = t.application_id`,
      [targets.map((t) => t.id), targets.map((t) => appIds.get(t.application.name)), targets.map((t) => t.position)],
    );
    await this.db.query(`insert into dependency (id, application_id, depends_on_id, created_at) select gen_random_uuid(), a, d, now() from unnest($1::uuid[], $2::uuid[]) e(a, d)`, [
      edges.map((e) => e[0]),
      edges.map((e) => e[1]),
    ]);
    await this.db.query(`insert into rollout (id, kind, status, skipped, reason, created_by, created_at, updated_at) values ($1, 'EMERGENCY', 'PLANNED', '[]', 'benchmark', 'bench', now(), now())`, [
      rolloutId,
    ]);
    await this.db.query(
      `insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, created_at, updated_at)
       select d.id, $1, t.application_id, t.id, md5(t.id::text), '[]', 'SCHEDULED', 0, now(), now()
         from unnest($2::uuid[], $3::uuid[]) d(id, target_id) join target t on t.id = d.target_id`,
      [rolloutId, deployments.map((d) => d.id), deployments.map((d) => d.target)],
    );
  }

  /** Rows of `sql` on the benchmark's database. */
  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  /** The BullMQ queue a stage breakdown reads completed jobs back from. */
  queue(name: typeof ROLLOUTS_QUEUE | typeof JENKINS_REPORTS_QUEUE): Queue {
    return this.app.get<Queue>(getQueueToken(name));
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.jenkins.stop();
    await this.db.end();
  }

  private async rolloutRow(id: string): Promise<{ status: string; reason: string | null }> {
    const [row] = await this.query<{ status: string; reason: string | null }>(`select status, reason from rollout where id = $1`, [id]);
    return row;
  }
}

/** Empties every table but the migrations' bookkeeping, whatever later migrations add. */
export async function emptyDatabase(db: Client): Promise<void> {
  const { rows } = await db.query<{ name: string }>(`select format('%I', tablename) as name from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations'`);
  await db.query(`truncate ${rows.map((row) => row.name).join(', ')} restart identity cascade`);
}

/** Summary lines of a {@link RunLoad}: the CPU, then what held Hydrator's PostgreSQL connections (its pool has 10). */
export function loadSummary(load: RunLoad): Record<string, string | number> {
  const { open, running, waitingOnLock, idleInTransaction, samples } = load.connections;
  const held = Object.values(load.heldBy).reduce((sum, n) => sum + n, 0);
  const top = Object.entries(load.heldBy)
    .slice(0, 3)
    .map(([statement, n]) => `${Math.round((100 * n) / held)}% "${statement}…"`);
  return {
    'event loop busy (share of the run)': load.eventLoopUtilization,
    'process CPU ms per deployment': load.cpuMsPerDeployment,
    'PostgreSQL connections, average open / running / waiting on a lock / idle in transaction': `${open} / ${running} / ${waitingOnLock} / ${idleInTransaction} (${samples} samples)`,
    'connections held (idle in transaction or waiting on a lock), by their last statement': top.join('; ') || 'none',
  };
}

/** Hydrator's connections to the benchmark database right now, by what they are doing. */
const CONNECTIONS_NOW = `
  select count(*)::int as open,
         count(*) filter (where state = 'active' and wait_event_type is distinct from 'Lock')::int as running,
         count(*) filter (where state = 'active' and wait_event_type = 'Lock')::int as "waitingOnLock",
         count(*) filter (where state like 'idle in transaction%')::int as "idleInTransaction",
         coalesce(array_agg(regexp_replace(left(query, 90), '\\s+', ' ', 'g')) filter (where state like 'idle in transaction%' or wait_event_type = 'Lock'), '{}') as held
    from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;

/** The deployment id Hydrator put in a build's HYDRATOR_DEPLOYMENT_ID (`<id>:<attempt>`). */
export function deploymentIdOf(params: Record<string, string>): string {
  return (params.HYDRATOR_DEPLOYMENT_ID ?? '').split(':')[0];
}
