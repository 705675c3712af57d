import { databaseUrl, dropDatabase, TEST_DATABASE_PREFIX, withAdminClient } from './test-services';

/**
 * Once per `npm test`: a database of its own and a Redis key prefix of its own, so that parallel runs
 * on one machine never collide. Databases left by killed runs are dropped here. Migrations run from
 * inside the test environment (TestHydrator): MikroORM loaded here, in Jest's outer realm, breaks the
 * ORM loaded in the tests' realm.
 */
export default async function globalSetup(): Promise<void> {
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${Date.now().toString(36)}`;
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${TEST_DATABASE_PREFIX}%`]);
    for (const { datname } of rows) {
      const pid = Number(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
      if (pid && !processAlive(pid)) await dropDatabase(client, datname);
    }
  });
  const url = databaseUrl(name);
  await withAdminClient((client) => client.query(`create database "${name}"`));
  process.env.HYDRATOR_TEST_DATABASE = name;
  process.env.HYDRATOR_TEST_DATABASE_URL = url;
  process.env.HYDRATOR_TEST_REDIS_PREFIX = `hydrator-test-${process.pid}-${Date.now().toString(36)}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
