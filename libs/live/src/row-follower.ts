import { Change } from './change';

/** A row as live subscribers get it: anything with an id and a version bumped at every change. */
export interface VersionedRow {
  id: string;
  version: number;
}

/** What the fan-out sees of a follower, whatever rows it follows. */
export interface Follower {
  wants(change: Change): boolean;
  offer(row: VersionedRow): void;
  return(): Promise<unknown>;
}

/** Rows a subscriber may have waiting before it is cut off: a client that stopped reading must not grow the gateway's memory. */
const MAX_WAITING = 1000;

/**
 * One live subscriber: the rows it asked for (`wants`), each delivered at most once per version and
 * in increasing version order per row, through an async iterator that GraphQL subscriptions consume.
 * `return()` — the client unsubscribed or disconnected — stops it and runs `onStop` once.
 */
export class RowFollower<Row extends VersionedRow> implements AsyncIterableIterator<Row>, Follower {
  private readonly delivered = new Map<string, number>();
  private readonly waiting: Row[] = [];
  /** Pulls waiting for a row; there are none while rows are waiting. */
  private readonly pulls: Array<(result: IteratorResult<Row, undefined>) => void> = [];
  private failure?: Error;
  private stopped = false;

  constructor(
    readonly wants: (change: Change) => boolean,
    private readonly onStop: () => void,
  ) {}

  /** Takes a row loaded for a change this follower wants; skips it if an equal or newer version was already delivered. */
  offer(row: Row): void {
    if (this.stopped || row.version <= (this.delivered.get(row.id) ?? 0)) return;
    this.delivered.set(row.id, row.version);
    const pull = this.pulls.shift();
    if (pull) return pull({ value: row, done: false });
    if (this.waiting.length >= MAX_WAITING) return this.fail(new Error(`this subscriber fell ${MAX_WAITING} changes behind and was stopped: subscribe again and re-read what it follows`));
    this.waiting.push(row);
  }

  next(): Promise<IteratorResult<Row, undefined>> {
    if (this.waiting.length > 0) return Promise.resolve({ value: this.waiting.shift()!, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.stopped) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.pulls.push(resolve));
  }

  return(): Promise<IteratorResult<Row, undefined>> {
    this.stop();
    for (const pull of this.pulls.splice(0)) pull({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private fail(error: Error): void {
    this.failure = error;
    this.waiting.length = 0;
    this.stop();
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.onStop();
  }
}
