import { EntityManager } from '@mikro-orm/postgresql';
import { Application, Deployment, OutboxMessage, OutboxStatus, Rollout, RolloutKind, Target, TargetRole } from '@hydrator/database';
import { OutboxReader, OutboxService } from '@hydrator/notifier';
import { TestHydrator } from '@hydrator/testing';

/** A rollout of `weekOf` planning `api` on two production targets, written straight to the database. */
export async function plannedRollout(hydrator: TestHydrator, weekOf: string): Promise<{ rollout: Rollout; deploymentIds: string[] }> {
  const em = hydrator.orm.em.fork();
  const application = em.create(Application, { name: 'api', githubRepo: 'acme/api', slackChannel: '#team-api', jenkinsJob: 'deploy/api' });
  const targets = ['prod-us', 'prod-eu'].map((cluster, order) => em.create(Target, { application, cluster, environment: 'production', namespace: 'api', role: TargetRole.PRODUCTION, order }));
  const rollout = em.create(Rollout, { kind: RolloutKind.WEEKLY, weekOf });
  const deployments = targets.map((target) => em.create(Deployment, { rollout, application, target, gitRev: 'f00dcafe' }));
  await em.flush();
  return { rollout, deploymentIds: deployments.map((d) => d.id) };
}

/** Writes messages as a producer does, in its own transaction, then dispatches them. */
export async function produce(hydrator: TestHydrator, write: (outbox: OutboxService, em: EntityManager) => OutboxMessage[]): Promise<string[]> {
  const outbox = hydrator.app.get(OutboxService);
  const ids = await hydrator.orm.em.fork().transactional((em) => write(outbox, em).map((m) => m.id));
  await outbox.dispatch(ids);
  return ids;
}

export function outboxMessage(hydrator: TestHydrator, id: string): Promise<OutboxMessage | null> {
  return hydrator.app.get(OutboxReader).get(id);
}

export function inStatus(hydrator: TestHydrator, id: string, status: OutboxStatus, timeoutMs = 10_000): Promise<OutboxMessage> {
  return hydrator.waitFor(
    async () => {
      const found = await outboxMessage(hydrator, id);
      return found?.status === status ? found : undefined;
    },
    `outbox message ${id} to be ${status}`,
    timeoutMs,
  );
}
