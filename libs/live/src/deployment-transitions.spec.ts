import { DeploymentStatus } from '@hydrator/database';
import { ChangeFeed } from './change-feed.service';
import { DeploymentTransitions, sql, SqlRunner } from './deployment-transitions';
import { PendingChanges } from './pending-changes';

/** Records each statement and answers with `rows`. */
function recordingDb(rows: unknown[] = [{ id: 'd1', rollout_id: 'r1', status: DeploymentStatus.RUNNING, version: 4 }]) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const db = { execute: async (text: string, params: unknown[] = []) => (statements.push({ sql: text.replace(/\s+/g, ' ').trim(), params }), rows) } as unknown as SqlRunner;
  return { db, statements };
}

function recordingFeed() {
  const published: unknown[] = [];
  return { feed: { publish: (...changes: unknown[]) => published.push(...changes) } as unknown as ChangeFeed, published };
}

describe('DeploymentTransitions', () => {
  it('writes one guarded update that bumps the version, and publishes the change at once outside a transaction', async () => {
    const { db, statements } = recordingDb();
    const { feed, published } = recordingFeed();
    const rows = await new DeploymentTransitions(feed).apply(
      db,
      { id: 'd1', attempt: 2 },
      {
        from: [DeploymentStatus.QUEUED],
        to: DeploymentStatus.RUNNING,
        set: { jenkins_queue_url: 'q', started_at: sql('coalesce(started_at, now())'), jenkins_build_url: sql('coalesce(jenkins_build_url, ?)', 'b') },
      },
    );
    expect(statements).toEqual([
      {
        sql:
          'update deployment set status = ?, jenkins_queue_url = ?, started_at = coalesce(started_at, now()), jenkins_build_url = coalesce(jenkins_build_url, ?), version = version + 1, updated_at = now() ' +
          'where id = ? and attempt = ? and status in (?) returning id, rollout_id, status, version',
        params: [DeploymentStatus.RUNNING, 'q', 'b', 'd1', 2, [DeploymentStatus.QUEUED]],
      },
    ]);
    expect(rows).toHaveLength(1);
    expect(published).toEqual([expect.objectContaining({ kind: 'deployment', id: 'd1', rolloutId: 'r1', status: DeploymentStatus.RUNNING, version: 4 })]);
  });

  it('inside a transaction, leaves the changes to the caller to publish after the commit', async () => {
    const { db } = recordingDb();
    const { feed, published } = recordingFeed();
    const changes = new PendingChanges();
    await new DeploymentTransitions(feed).apply(db, { rolloutId: 'r1' }, { from: [DeploymentStatus.BLOCKED], to: DeploymentStatus.SCHEDULED }, changes);
    expect(published).toEqual([]);
    expect(changes.committed()).toEqual([expect.objectContaining({ id: 'd1', version: 4 })]);
  });

  it('changes nothing for an empty list of ids, and refuses a transition without a where', async () => {
    const { db, statements } = recordingDb();
    const transitions = new DeploymentTransitions(recordingFeed().feed);
    await expect(transitions.startAttempts(db, [], new PendingChanges())).resolves.toEqual([]);
    expect(statements).toEqual([]);
    await expect(transitions.apply(db, {}, { to: DeploymentStatus.CANCELED })).rejects.toThrow('needs a where');
  });

  it('starts a new attempt afresh: counter up, what the last attempt learned cleared, intent to trigger cleared', async () => {
    const { db, statements } = recordingDb();
    await new DeploymentTransitions(recordingFeed().feed).startAttempts(db, ['d1', 'd2'], new PendingChanges());
    expect(statements[0].sql).toContain('attempt = attempt + 1');
    expect(statements[0].sql).toContain('trigger_requested_at = ?');
    expect(statements[0].sql).toContain('where id in (?) and status in (?) returning id, rollout_id, status, version, attempt');
    expect(statements[0].params.slice(-2)).toEqual([['d1', 'd2'], [DeploymentStatus.SCHEDULED]]);
  });
});
