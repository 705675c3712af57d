import 'reflect-metadata';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@hydrator/config';
import { runMigrations } from '@hydrator/database';
import { runMain, startHydratorService } from '@hydrator/platform';
import { startSandboxIntegrations } from '@hydrator/sandbox';
import { GatewayModule } from '../../gateway/src/gateway.module';
import { NotifierModule } from '../../notifier/src/notifier.module';
import { RegistryServiceModule } from '../../registry/src/registry-service.module';
import { RunnerModule } from '../../runner/src/runner.module';
import { SchedulerModule } from '../../scheduler/src/scheduler.module';
import { prepareDemoJenkins, registerDemoFleet, seedDemoHistory } from './demo-fleet';
import { chooseDemoFleet } from './demo-fleet-choice';
import { useLocalCredentials } from './local-credentials';
import { ensureAlertmanager, ensurePostgres, ensureRedis, LocalService } from './local-infrastructure';
import { continueSandboxNumbering, readEarlierBuilds } from './earlier-builds';

/**
 * `npm start`: every Hydrator service in one process, on the local PostgreSQL and Redis (or embedded
 * ones), with sandboxes standing in for the integrations that are not configured and a demo fleet
 * in an empty database when Jenkins is the sandbox (see chooseDemoFleet). Production runs each service alone (apps/<service>/src/main.ts).
 */
async function main(): Promise<void> {
  const logger = new Logger('hydrator');
  const env: Record<string, string | undefined> = { ...process.env };
  const local: LocalService[] = [];
  env.DATABASE_URL = await ensurePostgres(env, local);
  env.REDIS_URL = await ensureRedis(env, local);
  env.ALERTMANAGER_URL = await ensureAlertmanager(env, local);
  const sandboxes = await startSandboxIntegrations(env);
  Object.assign(env, sandboxes.env);
  const credentials = useLocalCredentials(env);
  const config = loadConfig(env);
  const applied = await runMigrations(config.databaseUrl);
  if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);
  const demoFleet = chooseDemoFleet(config.demoFleet, sandboxes.jenkins !== undefined);
  if (sandboxes.jenkins) {
    // Before any service can trigger a build: no sandbox build may take a number already reported.
    const earlier = await readEarlierBuilds(config.databaseUrl);
    if (demoFleet.register) prepareDemoJenkins(sandboxes.jenkins, earlier.deploymentAttempts);
    continueSandboxNumbering(sandboxes.jenkins, earlier.lastNumbers);
  }

  const stopLocal = async () => {
    await sandboxes.stop();
    for (const service of local) await service.stop();
  };
  const app = await startHydratorService({
    service: 'hydrator',
    config,
    modules: [GatewayModule, RegistryServiceModule, SchedulerModule, RunnerModule, NotifierModule],
    // After the graceful shutdown (SIGTERM, or Ctrl-C without the drain): the sandboxes and the local PostgreSQL and Redis.
    afterShutdown: stopLocal,
  });
  const ownWebhook = `http://127.0.0.1:${config.port}/webhooks/jenkins?token=${encodeURIComponent(config.jenkinsWebhookSecret!)}`;
  if (sandboxes.jenkins) sandboxes.jenkins.webhookUrl = ownWebhook;
  seedDemoHistory(sandboxes.github);
  const registered = demoFleet.register && (await RequestContext.create(app.get(MikroORM).em, () => registerDemoFleet(app, config, ownWebhook)));
  const demoFleetLine = registered ? `Demo fleet registered (${demoFleet.why})` : `Demo fleet not registered (${demoFleet.register ? 'the database already has applications' : demoFleet.why})`;
  process.once('beforeExit', () => void Promise.all([sandboxes.stop(), ...local.map((service) => service.stop())]));

  const banner = [
    '',
    `Hydrator is running: every service in one process.`,
    `  Dashboard                 ${config.publicUrl}/   (${credentials.webUiHint})`,
    `  GraphQL API               ${config.publicUrl}/graphql   (send "Authorization: Bearer <token>"; GraphiQL at ${config.publicUrl}/api)`,
    `  Queue admin (Bull Board)  ${config.publicUrl}/admin/queues   (operator token as the Basic-auth password)`,
    `  Jenkins webhook           ${config.publicUrl}/webhooks/jenkins?token=<JENKINS_WEBHOOK_SECRET>`,
    `  Slack interactivity       ${config.publicUrl}/slack/interactions   (${config.slack?.signingSecret ? 'on: the Cancel button of team messages' : 'off: set SLACK_SIGNING_SECRET for a Cancel button in team messages'})`,
    `  Health                    ${config.publicUrl}/health/ready`,
    `  Metrics (Prometheus)      ${config.publicUrl}/metrics`,
    ...local.map((service) => `  Started ${service.description}`),
    ...sandboxes.describe().map((line) => `  ${line}`),
    ...(config.alertmanagerUrl ? [] : ['  Alertmanager not configured (ALERTMANAGER_URL): silences are recorded, not sent']),
    `  ${demoFleetLine}`,
    ...credentials.lines.map((line) => `  ${line}`),
    '',
  ];
  logger.log(banner.join('\n'));
}

runMain('hydrator', main);
