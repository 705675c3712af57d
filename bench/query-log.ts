import type { Options } from '@mikro-orm/postgresql';
import { mikroOrmOptions } from '@hydrator/database';
import { timed } from './harness';

/** A statement as the application code handed it to MikroORM (`?` placeholders and their values). */
export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

export interface Measured<T> {
  value: T;
  ms: number;
  /** Every query MikroORM logged: statements and transaction control (begin, commit…). */
  queries: number;
  /** The same, by first keyword: `select`, `insert`, `begin`… */
  byKind: Record<string, number>;
  /** Sum of the time MikroORM saw each statement take, from sending it to having its rows (overlaps when statements run at once). */
  sqlMs: number;
  /** The statements that went through `execute` (not begin/commit), in the order they were issued. */
  statements: CapturedStatement[];
}

// MikroORM colours its log lines unless told not to.
// eslint-disable-next-line no-control-regex -- ESC is exactly what an ANSI colour code starts with
const ANSI = /\x1b\[[0-9;]*m/g;
const QUERY_LINE = /^\[query\] (?:\([^)]*\) )?(\S+)/;
const TOOK = /\[took (\d+) ms/;

/**
 * Counts the SQL the ORM sends, through MikroORM's own query logging: with `debug: ['query']` every
 * query, raw `em.execute` ones and begin/commit included, reaches `logger` as one `[query] …` line.
 * `onQuery` sees each executed statement with its parameters, so it can be replayed without the ORM.
 */
export class QueryLog {
  private queries = 0;
  private sqlMs = 0;
  private byKind = new Map<string, number>();
  private statements: CapturedStatement[] = [];

  /** `mikroOrmOptions` of the application, with the logging that feeds this log. */
  ormOptions(databaseUrl: string): Options {
    return mikroOrmOptions(databaseUrl, {
      debug: ['query'],
      logger: (message) => this.onLog(message),
      onQuery: (sql, params) => {
        this.statements.push({ sql, params });
        return sql;
      },
    });
  }

  /** Runs `work` and returns its wall time and the queries it issued. Nothing else may use the ORM meanwhile. */
  async measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
    this.queries = 0;
    this.sqlMs = 0;
    this.byKind = new Map();
    this.statements = [];
    const { value, ms } = await timed(work);
    return { value, ms, queries: this.queries, sqlMs: this.sqlMs, byKind: Object.fromEntries([...this.byKind].sort()), statements: this.statements };
  }

  private onLog(message: string): void {
    const line = message.replace(ANSI, '');
    const match = QUERY_LINE.exec(line);
    if (!match) return;
    this.sqlMs += Number(TOOK.exec(line)?.[1] ?? 0);
    const kind = match[1].toLowerCase().replace(/[^a-z]/g, '');
    this.queries++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
  }
}
