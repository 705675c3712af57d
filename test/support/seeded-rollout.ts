import { TestHydrator } from '@hydrator/testing';

/**
 * Builds a rollout of `applications` × 5 production targets (`app-1`…, targets `prod-0`…`prod-4`) with
 * plain SQL (fast and exact), every deployment SCHEDULED. Returns the rollout id.
 */
export async function seedRollout(hydrator: TestHydrator, applications: number, status: 'PLANNED' | 'RUNNING' = 'PLANNED'): Promise<string> {
  const connection = hydrator.orm.em.fork().getConnection();
  await connection.execute(
    `insert into application (id, name, github_repo, slack_channel, jenkins_job, owners, created_at, updated_at)
     select gen_random_uuid(), 'app-' || i, 'acme/app-' || i, '#team-' || i, 'deploy/app-' || i, '{}', now(), now() from generate_series(1, ?) i`,
    [applications],
  );
  await connection.execute(
    `insert into target (id, application_id, cluster, environment, namespace, role, position, created_at)
     select gen_random_uuid(), a.id, 'prod-' || p, 'production', a.name, 'PRODUCTION', p, now() from application a, generate_series(0, 4) p`,
  );
  const [rollout] = await connection.execute(`insert into rollout (id, kind, status, skipped, created_at, updated_at) values (gen_random_uuid(), 'WEEKLY', ?, '[]', now(), now()) returning id`, [
    status,
  ]);
  await connection.execute(
    `insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, created_at, updated_at)
     select gen_random_uuid(), ?, t.application_id, t.id, 'rev', '[]', 'SCHEDULED', 0, now(), now() from target t`,
    [rollout.id],
  );
  return rollout.id as string;
}

/** Starts counting the SQL queries the application sends; the function returns how many `run` made. */
export function queryCounter(hydrator: TestHydrator): (run: () => Promise<unknown>) => Promise<number> {
  let queries = 0;
  hydrator.orm.em
    .getConnection()
    .getKnex()
    .on('query', () => queries++);
  return async (run) => {
    const before = queries;
    await run();
    return queries - before;
  };
}
