import { SYSTEM_ACTOR } from '@hydrator/audit';
import { ScheduleService } from '@hydrator/scheduling';
import { applicationInput, jenkinsNotification, TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { Known } from './graphql-requests';

const APPLICATIONS = ['api', 'web'];
const PLANNED_AT = new Date('2026-11-30T09:00:00Z');

/**
 * From an empty database: `api` and `web` (web depends on api), each with a successful staging build,
 * and the week planned by the real scheduler; returns the names and ids arguments can then hit.
 */
export async function plannedFleet(hydrator: TestHydrator): Promise<Known> {
  await hydrator.resetDatabase();
  for (const [i, name] of APPLICATIONS.entries()) {
    await hydrator.graphqlOk(`mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id } }`, { input: applicationInput(name) });
    const report = jenkinsNotification({ job: `deploy/${name}`, number: i + 1, rev: `c0ffee${i}`, namespace: name, timestamp: Date.parse('2026-11-20T10:00:00Z'), duration: 1000 });
    const answer = await hydrator.post(`/webhooks/jenkins?token=${WEBHOOK_SECRET}`, report);
    if (answer.status !== 202) throw new Error(`the staging report of ${name} was refused: ${answer.status} ${await answer.text()}`);
  }
  await hydrator.graphqlOk(`mutation { addDependency(application: "web", dependsOn: "api") { name } }`);
  const values = async (sql: string) => (await hydrator.orm.em.fork().getConnection().execute<Array<{ v: string }>>(sql)).map((row) => row.v);
  await hydrator.waitFor(async () => (await values(`select id::text as v from deployment_report where target_id is not null`)).length === APPLICATIONS.length, 'the staging reports to be recorded');
  await hydrator.app.get(ScheduleService).schedule(SYSTEM_ACTOR, PLANNED_AT);
  return {
    applications: await values(`select name as v from application order by name`),
    targetIds: await values(`select id::text as v from target order by id`),
    deploymentIds: await values(`select id::text as v from deployment order by id`),
    rolloutIds: await values(`select id::text as v from rollout order by id`),
  };
}
