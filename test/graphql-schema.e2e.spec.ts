import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestHydrator } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';

/** The dashboard's typed operations are generated against this file (npm run codegen). */
const SCHEMA_FILE = join(__dirname, '../apps/dashboard/schema.graphql');

describe('the GraphQL schema the dashboard is typed against', () => {
  let hydrator: TestHydrator;
  beforeAll(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
  });
  afterAll(async () => {
    await hydrator?.close();
  });

  it('is the schema the gateway serves (UPDATE_SCHEMA=1 npx jest test/graphql-schema rewrites it, then npm run codegen)', () => {
    const served = printSchema(lexicographicSortSchema(hydrator.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, served);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(served);
  });
});
