import { DeadlockException, MikroORM } from '@mikro-orm/postgresql';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HydratorConfig, loadConfig } from '@hydrator/config';
import { runMigrations } from '@hydrator/database';
import { startHydratorService } from '@hydrator/platform';
import { deleteRedisKeys, TEST_REDIS_URL } from './test-services';
import { waitFor } from '@hydrator/common';

export const OPERATOR_TOKEN = 'op-token-for-tests';
export const VIEWER_TOKEN = 'viewer-token-for-tests';
export const WEBHOOK_SECRET = 'webhook-secret-for-tests';
/** Signs the cancel links of team messages, as npm start's generated one does. */
export const CANCEL_LINK_SECRET = 'cancel-link-secret-for-tests';

/** Applied once per test file; the migrator is a no-op after the first file of the run. */
let migrated: Promise<string[]> | undefined;

export interface GraphqlResult<T = Record<string, unknown>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

export interface TestHydratorOptions {
  modules: Array<Type | DynamicModule>;
  /** Extra environment variables, as an operator would set them. */
  env?: Record<string, string>;
}

/**
 * A Hydrator process inside the test, listening on a free port, on the run's database and a Redis
 * key prefix of its own. `graphql()` and `post()` go over real HTTP, as a client would.
 */
export class TestHydrator {
  private constructor(
    readonly app: INestApplication,
    readonly config: HydratorConfig,
    readonly url: string,
  ) {}

  static async start(options: TestHydratorOptions): Promise<TestHydrator> {
    const databaseUrl = process.env.HYDRATOR_TEST_DATABASE_URL;
    if (!databaseUrl) throw new Error('run tests through jest (npm test): its global setup creates the test database');
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      HYDRATOR_REDIS_PREFIX: `${process.env.HYDRATOR_TEST_REDIS_PREFIX}-${randomUUID().slice(0, 8)}`,
      HYDRATOR_OPERATOR_TOKENS: `test-operator:${OPERATOR_TOKEN}`,
      HYDRATOR_VIEWER_TOKENS: `test-viewer:${VIEWER_TOKEN}`,
      JENKINS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      CANCEL_LINK_SECRET,
      ...options.env,
    });
    await (migrated ??= runMigrations(databaseUrl));
    const app = await startHydratorService({ service: 'test', modules: options.modules, config, port: 0, logLevels: ['error', 'warn'] });
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    return new TestHydrator(app, config, `http://127.0.0.1:${port}`);
  }

  get orm(): MikroORM {
    return this.app.get(MikroORM);
  }

  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token: string | null = OPERATOR_TOKEN): Promise<GraphqlResult<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResult<T>;
  }

  /** Like {@link graphql}, but fails the test with the errors when there are any. */
  async graphqlOk<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token: string | null = OPERATOR_TOKEN): Promise<T> {
    const result = await this.graphql<T>(query, variables, token);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  post(path: string, body: string | object, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, description: string, timeoutMs = 10_000): Promise<T> {
    return waitFor(probe, description, timeoutMs);
  }

  /** Empties every table (not the migrations' bookkeeping), so each test starts from nothing. */
  async resetDatabase(): Promise<void> {
    // The services' own reconcilers may hold row locks while the truncate takes its table locks one by one,
    // and PostgreSQL then aborts one side as a deadlock. Emptying the tables is safe to do again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.orm.em
          .getConnection()
          .execute(`truncate application, target, dependency, deployment_report, jenkins_webhook, rollout, deployment, "freeze", audit_event, outbox_message restart identity cascade`);
        return;
      } catch (error) {
        const deadlock = error instanceof DeadlockException || (error as { code?: string }).code === '40P01';
        if (!deadlock || attempt === 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  async close(): Promise<void> {
    await this.app.close();
    await deleteRedisKeys(this.config.redisPrefix);
  }
}
