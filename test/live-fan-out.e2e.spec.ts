import { CHANGED_DEPLOYMENT_COLUMNS, ChangedDeploymentRow, ChangeFeed, deploymentRowChange } from '@hydrator/live';
import { TestHydrator, VIEWER_TOKEN } from '@hydrator/testing';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { LiveSocketServer } from '../apps/gateway/src/live/live-socket.server';
import { LiveClient, LiveSubscription } from './support/live-client';
import { queryCounter, seedRollout } from './support/seeded-rollout';

interface Event {
  deploymentChanged: { id: string; version: number };
}

/** Two operations a dashboard might hold open; both read links of the deployment through field resolvers. */
const WITH_LINKS = `subscription($rolloutId: ID!) { deploymentChanged(rolloutId: $rolloutId) { id status version application { name } target { cluster } waitingFor attempts { buildNumber } } }`;
const NAMES_ONLY = `subscription($rolloutId: ID!) { deploymentChanged(rolloutId: $rolloutId) { id version application { name } } }`;

/**
 * The cost of a change in the gateway does not grow with its subscribers: the row is loaded once, its
 * links once, and each distinct operation executed once, whether 2 or 40 clients follow the rollout.
 */
describe('live updates fan-out', () => {
  let hydrator: TestHydrator;
  let feed: ChangeFeed;
  const clients: LiveClient[] = [];

  beforeEach(async () => {
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
    await hydrator.resetDatabase();
    feed = new ChangeFeed(hydrator.config);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await feed?.onApplicationShutdown();
    await hydrator?.close();
  });

  /** `count` clients, each on its own socket, subscribed to `query`. */
  async function subscribers(count: number, query: string, rolloutId: string): Promise<Array<LiveSubscription<Event>>> {
    const subscriptions = [];
    for (let i = 0; i < count; i++) {
      const client = new LiveClient(hydrator.url, VIEWER_TOKEN);
      clients.push(client);
      subscriptions.push(client.subscribe<Event>(query, { rolloutId }));
      await client.settled();
    }
    return subscriptions;
  }

  it('loads and executes each change once per operation, however many clients subscribed', async () => {
    const rolloutId = await seedRollout(hydrator, 2, 'RUNNING');
    const deploymentIds = (await hydrator.orm.em.fork().getConnection().execute<Array<{ id: string }>>(`select id from deployment where rollout_id = ? order by id`, [rolloutId])).map((row) => row.id);
    const countQueries = queryCounter(hydrator);
    const execution = hydrator.app.get(LiveSocketServer).execution!;
    const subscribed: Array<LiveSubscription<Event>> = [];

    /** Changes one deployment as the runner does, publishes it, and returns the SQL and executions it cost the gateway until every subscriber had it. */
    const change = async (deploymentId: string) => {
      const [row] = await hydrator.orm.em
        .fork()
        .getConnection()
        .execute<ChangedDeploymentRow[]>(`update deployment set status = 'QUEUED', version = version + 1 where id = ? returning ${CHANGED_DEPLOYMENT_COLUMNS}`, [deploymentId]);
      const executionsBefore = execution.executions;
      const queries = await countQueries(async () => {
        feed.publish(deploymentRowChange(row));
        await hydrator.waitFor(
          () => subscribed.every((s) => s.events.some((e) => e.deploymentChanged.id === row.id && e.deploymentChanged.version === row.version)),
          `${subscribed.length} subscribers to get ${row.id} v${row.version}`,
        );
      });
      return { queries, executions: execution.executions - executionsBefore };
    };

    subscribed.push(...(await subscribers(1, WITH_LINKS, rolloutId)), ...(await subscribers(1, NAMES_ONLY, rolloutId)));
    const few = await change(deploymentIds[0]);
    subscribed.push(...(await subscribers(30, WITH_LINKS, rolloutId)), ...(await subscribers(10, NAMES_ONLY, rolloutId)));
    const many = await change(deploymentIds[1]);

    // One execution per operation, and the same SQL for 42 subscribers as for 2: the row, then each link once.
    expect(many.queries).toBe(few.queries);
    expect(few.executions).toBe(2);
    expect(many.executions).toBe(2);
    expect(subscribed.every((s) => s.failure === undefined && s.events.length === (subscribed.indexOf(s) < 2 ? 2 : 1))).toBe(true);
  });
});
