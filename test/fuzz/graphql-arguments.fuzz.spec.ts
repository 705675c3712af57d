import fc from 'fast-check';
import { OPERATOR_TOKEN, TestHydrator, VIEWER_TOKEN } from '@hydrator/testing';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../../apps/scheduler/src/scheduler.module';
import { countRows, liveness } from './edge-invariants';
import { fuzzRuns, FUZZ_SEED, FUZZ_TIMEOUT_MS, replayHint } from './fuzz-config';
import { checkInvocation, GraphqlTarget, MUTABLE_TABLES } from './graphql-properties';
import { invocations } from './graphql-requests';
import { OperationField, readSchema, Schema } from './graphql-schema';
import { plannedFleet } from './planned-fleet';

const RUNS_PER_FIELD = 60;
/** A field without arguments varies only by token and form. */
const RUNS_PER_FIELD_WITHOUT_ARGUMENTS = 6;

/**
 * Every query and mutation of the schema (read by introspection), called with random and hostile
 * arguments (see graphql-properties.ts for what must hold). Each field starts from the same planned
 * fleet, is checked on its own, and every field's smallest counterexample is reported together.
 */
describe('fuzz: GraphQL arguments', () => {
  let hydrator: TestHydrator;
  let schema: Schema;
  let target: GraphqlTarget;

  beforeAll(async () => {
    console.log(replayHint('graphql-arguments.fuzz'));
    hydrator = await TestHydrator.start({ modules: [GatewayModule, RegistryServiceModule, SchedulerModule] });
    schema = await readSchema((query) => hydrator.graphql(query));
    const connection = hydrator.orm.em.fork().getConnection();
    target = {
      url: hydrator.url,
      tokens: { operator: OPERATOR_TOKEN, viewer: VIEWER_TOKEN },
      counts: () => countRows((sql) => connection.execute(sql), MUTABLE_TABLES),
    };
  });
  afterAll(() => hydrator?.close());

  async function fuzzField(field: OperationField): Promise<string | undefined> {
    const known = await plannedFleet(hydrator);
    const details = await fc.check(
      fc.asyncProperty(invocations(schema, field, known), (call) => checkInvocation(target, field, call)),
      { seed: FUZZ_SEED, numRuns: field.args.length ? fuzzRuns(RUNS_PER_FIELD) : RUNS_PER_FIELD_WITHOUT_ARGUMENTS },
    );
    const alive = await liveness(hydrator.url);
    if (alive) return `${field.operation} ${field.name}: ${alive}`;
    if (!details.failed) return undefined;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return `${field.operation} ${field.name} (seed ${details.seed}, path "${details.counterexamplePath}", shrunk ${details.numShrinks}×):\n  ${error}`;
  }

  it(
    'answers every argument of every query and mutation without a 5xx, an INTERNAL_SERVER_ERROR or a trace of a refused mutation',
    async () => {
      const failures: string[] = [];
      for (const field of schema.fields) {
        const failure = await fuzzField(field);
        if (failure) failures.push(failure);
      }
      if (failures.length) throw new Error(`${failures.length} of ${schema.fields.length} fields broke a property:\n\n${failures.join('\n\n')}`);
    },
    FUZZ_TIMEOUT_MS,
  );
});
