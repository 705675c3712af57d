import { deleteRedisKeys, dropDatabase, withAdminClient } from './test-services';

/** Drops the run's database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.HYDRATOR_TEST_DATABASE;
  if (name) await withAdminClient((client) => dropDatabase(client, name));
  const prefix = process.env.HYDRATOR_TEST_REDIS_PREFIX;
  if (prefix) await deleteRedisKeys(prefix);
}
