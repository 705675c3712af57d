import { JiraSandbox, SlackMessage, SlackSandbox } from '@hydrator/sandbox';
import { TestHydrator } from '@hydrator/testing';

/** The fleet the follow-up tests run: billing waits for auth, search runs beside them. */
export const FOLLOWED_FLEET = {
  applications: [
    { name: 'auth', production: 2 },
    { name: 'billing', dependsOn: ['auth'], production: 1 },
    { name: 'search', production: 1 },
  ],
};

/** A Jira workflow where "Done" can be reached from any status, as in many projects. */
export const DONE_ANYWHERE = {
  statuses: ['To Do', 'In Progress', 'Done'],
  transitions: [
    { id: '11', name: 'Start progress', from: ['To Do'], to: 'In Progress' },
    { id: '31', name: 'Done', from: [], to: 'Done' },
  ],
};

export async function sql<T>(hydrator: TestHydrator, query: string, params: unknown[] = []): Promise<T[]> {
  return hydrator.orm.em.fork().getConnection().execute<T[]>(query, params);
}

/** Waits until the rollout's outbox is settled: nothing PENDING or SENDING is left. */
export function outboxSettled(hydrator: TestHydrator, rolloutId: string, timeoutMs = 30_000): Promise<boolean> {
  return hydrator.waitFor(
    async () => {
      const [{ n }] = await sql<{ n: number }>(hydrator, `select count(*)::int as n from outbox_message where rollout_id = ? and status in ('PENDING', 'SENDING')`, [rolloutId]);
      return n === 0;
    },
    `the outbox of rollout ${rolloutId} to be settled`,
    timeoutMs,
  );
}

/** The replies in the thread of the rollout's SRE summary, oldest first. */
export async function sreThread(hydrator: TestHydrator, slack: SlackSandbox, rolloutId: string): Promise<SlackMessage[]> {
  const [summary] = await sql<{ id: string }>(hydrator, `select id from outbox_message where rollout_id = ? and kind = 'SLACK_SRE_SUMMARY'`, [rolloutId]);
  const parent = slack.messages.find((m) => m.metadata?.event_payload.outbox_id === summary.id);
  if (!parent) throw new Error('the SRE summary was not posted');
  return slack.messages.filter((m) => m.thread_ts === parent.ts && m !== parent);
}

/**
 * Checks the thread a run with a failure and a retry leaves: one start and one finish line per
 * application, the failure and the halt once each, the results last; every line posted once.
 */
export function expectFollowedThread(thread: SlackMessage[], failed: string): void {
  const texts = thread.map((m) => m.text ?? '');
  for (const { name } of FOLLOWED_FLEET.applications) {
    expect(texts.filter((t) => t.startsWith(`:arrow_forward: *${name}* started`))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith(`:white_check_mark: *${name}* finished`))).toHaveLength(1);
    const started = texts.findIndex((t) => t.startsWith(`:arrow_forward: *${name}* started`));
    expect(texts.findIndex((t) => t.startsWith(`:white_check_mark: *${name}* finished`))).toBeGreaterThan(started);
  }
  const failure = texts.findIndex((t) => t.startsWith(`:x: *${failed}* failed on prod-0/production`));
  const halt = texts.findIndex((t) => t.startsWith(':double_vertical_bar: *Rollout halted*'));
  expect(texts.filter((t) => t.startsWith(':x: '))).toHaveLength(1);
  expect(texts.filter((t) => t.startsWith(':double_vertical_bar: '))).toHaveLength(1);
  expect(failure).toBeGreaterThan(-1);
  expect(halt).toBeGreaterThan(failure);
  expect(texts.at(-1)).toContain('completed: 4 of 4 deployments succeeded');
  expect(texts).toHaveLength(3 * 2 + 3);
  // Each line once: no outbox id was posted twice.
  const ids = thread.map((m) => m.metadata?.event_payload.outbox_id);
  expect(new Set(ids).size).toBe(ids.length);
}

/** Checks the week's Jira issue after a run that halted once and completed: two comments, one transition to Done. */
export function expectFollowedIssue(jira: JiraSandbox, failed: string): void {
  expect(jira.issues).toHaveLength(1);
  const [issue] = jira.issues;
  const comments = jira.commentsOf(issue.key).map((c) => c.text);
  expect(comments).toHaveLength(2);
  expect(comments[0]).toMatch(new RegExp(`^Hydrator halted the rollout: ${failed} on prod-0/production failed: Jenkins build #\\d+ finished FAILURE\\n`));
  expect(comments[1]).toMatch(/^Hydrator completed the rollout: 4 of 4 deployments succeeded/);
  expect(jira.issue(issue.key)).toMatchObject({ status: 'Done', transitions: [expect.objectContaining({ name: 'Done' })] });
}
