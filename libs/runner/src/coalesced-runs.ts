/** One key's run under way, and whether a request came in after it had started. */
interface Round {
  again: boolean;
  done: Promise<void>;
}

/**
 * At most one run per key at a time in this process, and requests that arrive while one runs are
 * served together by a single run after it: a decision that began before a change must not be the
 * one that answers it, but ten changes arriving during one decision need one more decision, not ten.
 *
 * Every caller's promise settles once a run that started after its request has ended (with that
 * run's error, if it failed), so a job that awaits it completes only when its change was decided.
 */
export class CoalescedRuns {
  private readonly rounds = new Map<string, Round>();

  request(key: string, run: () => Promise<void>): Promise<void> {
    const current = this.rounds.get(key);
    if (current) {
      current.again = true;
      return current.done;
    }
    const round: Round = { again: false, done: Promise.resolve() };
    round.done = this.loop(key, round, run);
    this.rounds.set(key, round);
    return round.done;
  }

  private async loop(key: string, round: Round, run: () => Promise<void>): Promise<void> {
    try {
      do {
        round.again = false;
        await run();
      } while (round.again);
    } finally {
      this.rounds.delete(key);
    }
  }
}
