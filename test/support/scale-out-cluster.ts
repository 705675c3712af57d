import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@hydrator/database';
import { JenkinsSandbox } from '@hydrator/sandbox';
import { CANCEL_LINK_SECRET, deleteRedisKeys, freePort, jenkinsNotification, OPERATOR_TOKEN, ServiceProcess, TEST_REDIS_URL, VIEWER_TOKEN, waitFor, WEBHOOK_SECRET } from '@hydrator/testing';
import { FleetSpec, REGISTER_APPLICATION, registrationOf, stagingRevOf } from './rollout-fixture';
import { RoundRobinProxy } from './round-robin-proxy';

/** The deployables run as processes from `dist/`, as production runs them. */
export type Service = 'gateway' | 'registry' | 'scheduler' | 'runner' | 'notifier';

export interface ClusterOptions {
  /** How many processes of each service; missing ones run none. */
  replicas: Partial<Record<Service, number>>;
  /** Variables every process gets on top of the cluster's own (Jenkins, Slack, Alertmanager…). */
  env: Record<string, string>;
  /** The sandbox Jenkins: its webhooks are sent round-robin to the gateways. */
  jenkins: JenkinsSandbox;
  /** Where the services reach PostgreSQL (a proxy in front of the test database, say); the test itself uses the database directly. */
  databaseUrl?: string;
  /** Where the services reach Redis; default the machine's, under a key prefix of this cluster's own. */
  redisUrl?: string;
}

/** One running replica: its process and the port it keeps across restarts. */
interface Replica {
  service: Service;
  port: number;
  process: ServiceProcess;
}

const TABLES = `application, target, dependency, deployment_report, jenkins_webhook, rollout, deployment, "freeze", audit_event, outbox_message`;

/**
 * Several replicas of each Hydrator service as OS processes built from `dist/`, on the run's test
 * database (emptied first) and a Redis prefix of their own, with the Jenkins sandbox's webhooks
 * spread over the gateways by a round-robin proxy. The test reads PostgreSQL directly.
 */
export class ScaleOutCluster {
  readonly replicas: Replica[] = [];
  /** Every replica ever started, killed ones too: their output explains a failure. */
  readonly started: Replica[] = [];
  readonly redisPrefix = `${process.env.HYDRATOR_TEST_REDIS_PREFIX ?? 'hydrator-test'}-cluster-${randomUUID().slice(0, 8)}`;
  readonly webhooks: RoundRobinProxy;
  private readonly db: Client;
  private readonly processEnv: Record<string, string>;

  private constructor(
    private readonly options: ClusterOptions,
    readonly testDatabaseUrl: string,
  ) {
    this.db = new Client({ connectionString: testDatabaseUrl });
    this.webhooks = new RoundRobinProxy(() => this.urls('gateway'));
    this.processEnv = {
      DATABASE_URL: options.databaseUrl ?? testDatabaseUrl,
      REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
      HYDRATOR_REDIS_PREFIX: this.redisPrefix,
      HYDRATOR_OPERATOR_TOKENS: `test-operator:${OPERATOR_TOKEN}`,
      HYDRATOR_VIEWER_TOKENS: `test-viewer:${VIEWER_TOKEN}`,
      JENKINS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      CANCEL_LINK_SECRET,
      ...options.env,
    };
  }

  static async start(options: ClusterOptions): Promise<ScaleOutCluster> {
    const databaseUrl = process.env.HYDRATOR_TEST_DATABASE_URL;
    if (!databaseUrl) throw new Error('run tests through jest (npm test): its global setup creates the test database');
    await runMigrations(databaseUrl);
    const cluster = new ScaleOutCluster(options, databaseUrl);
    await cluster.db.connect();
    await cluster.db.query(`truncate ${TABLES} restart identity cascade`);
    await cluster.webhooks.start();
    options.jenkins.webhookUrl = `${cluster.webhooks.url}/webhooks/jenkins?token=${WEBHOOK_SECRET}`;
    const wanted = Object.entries(options.replicas).flatMap(([service, count]) => Array.from({ length: count }, () => service as Service));
    // Gateways first: the others need nothing from them, but a plan goes through them.
    await Promise.all(wanted.map(async (service) => cluster.add(service)));
    return cluster;
  }

  /** Starts one more replica of `service` (on `port`, else a free one) and waits until it runs. */
  async add(service: Service, port?: number): Promise<Replica> {
    const chosen = port ?? (await freePort());
    const replica: Replica = { service, port: chosen, process: await ServiceProcess.start(service, { ...this.processEnv, PORT: String(chosen) }, 90_000) };
    this.replicas.push(replica);
    this.started.push(replica);
    return replica;
  }

  /** The running replicas of `service`, oldest first. */
  of(service: Service): Replica[] {
    return this.replicas.filter((replica) => replica.service === service);
  }

  urls(service: Service): string[] {
    return this.of(service).map((replica) => replica.process.url);
  }

  /** SIGKILL: the replica is gone without any shutdown hook, like a crash or an OOM kill. */
  async kill(replica: Replica): Promise<void> {
    this.replicas.splice(this.replicas.indexOf(replica), 1);
    await replica.process.kill();
  }

  /** kill -9, then the same service again on the same port (as a restarted pod behind its Service). */
  async crashAndRestart(replica: Replica): Promise<Replica> {
    await this.kill(replica);
    return this.add(replica.service, replica.port);
  }

  /** Writes every replica's output (killed ones too) to files in a new temporary folder; returns the folder. */
  async writeLogs(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'hydrator-cluster-logs-'));
    await Promise.all(this.started.map((replica, i) => writeFile(join(dir, `${i}-${replica.service}-${replica.port}.log`), replica.process.log)));
    return dir;
  }

  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(query, params)).rows as T[];
  }

  /** A GraphQL request to gateway `gateway` (index among the running ones); fails on errors. */
  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, gateway = 0): Promise<T> {
    const response = await fetch(`${this.urls('gateway')[gateway]}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_TOKEN}` },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as { data?: T; errors?: unknown[] };
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /**
   * Registers the fleet and reports each application's staging rev through the gateways (a week
   * before now, so before any cutoff), then plans the current week with `scheduleRollout`, as an SRE
   * does from the dashboard. Returns the rollout id.
   */
  async plan(fleet: FleetSpec): Promise<string> {
    let buildNumber = 100;
    for (const [index, app] of fleet.applications.entries()) {
      await this.graphql(REGISTER_APPLICATION, { input: registrationOf(app) });
      const report = jenkinsNotification({
        job: `deploy/${app.name}`,
        number: ++buildNumber,
        rev: stagingRevOf(app.name),
        cluster: 'stage-1',
        namespace: app.name,
        timestamp: Date.now() - 8 * 86_400_000,
        duration: 1000,
      });
      const gateway = this.urls('gateway')[index % this.of('gateway').length];
      const answer = await fetch(`${gateway}/webhooks/jenkins?token=${WEBHOOK_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
      if (answer.status !== 202) throw new Error(`staging report refused: ${answer.status}`);
    }
    for (const app of fleet.applications) {
      for (const dependency of app.dependsOn ?? []) {
        await this.graphql(`mutation($a: String!, $b: String!) { addDependency(application: $a, dependsOn: $b) { name } }`, { a: app.name, b: dependency });
      }
    }
    await waitFor(
      async () => (await this.sql<{ n: number }>(`select count(*)::int as n from deployment_report where target_id is not null`))[0].n >= fleet.applications.length,
      'the registries to record every staging report',
      30_000,
    );
    const { scheduleRollout } = await this.graphql<{ scheduleRollout: { id: string } }>(`mutation { scheduleRollout { id } }`);
    return scheduleRollout.id;
  }

  async rolloutStatus(rolloutId: string): Promise<string> {
    return (await this.sql<{ status: string }>(`select status from rollout where id = $1`, [rolloutId]))[0].status;
  }

  waitForRollout(rolloutId: string, status: string, timeoutMs: number): Promise<true> {
    return waitFor(async () => (await this.rolloutStatus(rolloutId)) === status, `rollout ${rolloutId} to be ${status}`, timeoutMs);
  }

  /** Every deployment of the rollout with its attempt, as PostgreSQL holds it. */
  deployments(rolloutId: string): Promise<Array<{ id: string; application: string; cluster: string; status: string; attempt: number; error: string | null }>> {
    return this.sql(
      `select d.id, a.name as application, t.cluster, d.status, d.attempt, d.error from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id where d.rollout_id = $1 order by a.name, t.position`,
      [rolloutId],
    );
  }

  /** Stops every replica (SIGTERM), the proxy, the database client, and deletes the cluster's Redis keys on the machine's Redis. */
  async stop(): Promise<void> {
    await Promise.all(this.replicas.splice(0).map((replica) => replica.process.stop()));
    await this.webhooks.stop();
    await this.db.end();
    if (!this.options.redisUrl) await deleteRedisKeys(this.redisPrefix);
  }
}

/**
 * 22 applications in five layers of dependencies, two or three production targets each (53
 * deployments): wide enough that MAX_PARALLEL_APPS is always the limit, deep enough that hand-offs
 * between applications happen all along the run.
 */
export const SCALE_OUT_FLEET: FleetSpec = {
  applications: [
    { name: 'identity', production: 3 },
    { name: 'catalog', production: 2 },
    { name: 'pricing', production: 3 },
    { name: 'inventory', production: 2 },
    { name: 'ledger', production: 3 },
    { name: 'search', production: 2 },
    { name: 'media', production: 2 },
    { name: 'geo', production: 3 },
    { name: 'accounts', dependsOn: ['identity'], production: 2 },
    { name: 'cart', dependsOn: ['catalog', 'pricing'], production: 3 },
    { name: 'stock', dependsOn: ['inventory'], production: 2 },
    { name: 'payments', dependsOn: ['ledger', 'identity'], production: 3 },
    { name: 'reviews', dependsOn: ['catalog'], production: 2 },
    { name: 'recommend', dependsOn: ['search', 'catalog'], production: 2 },
    { name: 'shipping', dependsOn: ['geo', 'inventory'], production: 3 },
    { name: 'images', dependsOn: ['media'], production: 2 },
    { name: 'checkout', dependsOn: ['cart', 'payments', 'stock'], production: 3 },
    { name: 'storefront', dependsOn: ['recommend', 'reviews', 'images'], production: 2 },
    { name: 'orders', dependsOn: ['checkout', 'shipping'], production: 3 },
    { name: 'web', dependsOn: ['storefront', 'accounts'], production: 2 },
    { name: 'admin', dependsOn: ['orders', 'web'], production: 2 },
    { name: 'reports', dependsOn: ['orders'], production: 2 },
  ],
};
