/**
 * What must hold for every answer of the hardened edge, whatever was sent: no 5xx, no
 * INTERNAL_SERVER_ERROR, and nothing stored by a refused request. Plain functions returning the
 * violation (undefined when none), so the fuzz properties assert them and the hostile benchmark
 * counts them.
 */

export interface Answer {
  status: number;
  /** Parsed JSON, else the raw text. */
  body: unknown;
}

export interface GraphqlError {
  message: string;
  extensions?: { code?: string; field?: string };
}

export function graphqlErrors(body: unknown): GraphqlError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as GraphqlError[]) : [];
}

export function hasInternalError(body: unknown): boolean {
  return graphqlErrors(body).some((error) => error?.extensions?.code === 'INTERNAL_SERVER_ERROR') || (body as { error?: unknown } | null)?.error === 'INTERNAL_SERVER_ERROR';
}

/** "Never a 5xx, never INTERNAL_SERVER_ERROR". */
export function serverFault(answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${shorten(answer.body)}`;
  if (hasInternalError(answer.body)) return `answered ${answer.status} with INTERNAL_SERVER_ERROR: ${shorten(answer.body)}`;
  return undefined;
}

/** Row counts by table. */
export type Counts = Record<string, number>;

/** The tables whose rows differ between `before` and `after`, as `table a → b`; undefined when none. */
export function changedCounts(before: Counts, after: Counts): string | undefined {
  const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
  return changed.length ? changed.map((table) => `${table} ${before[table]} → ${after[table]}`).join(', ') : undefined;
}

type Execute = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** One statement counting every table of `tables`. */
export async function countRows(execute: Execute, tables: readonly string[]): Promise<Counts> {
  const [row] = await execute(`select ${tables.map((table) => `(select count(*) from "${table}")::int as "${table}"`).join(', ')}`);
  return Object.fromEntries(tables.map((table) => [table, Number(row[table])]));
}

/** Throws `violation` (with what was sent) when there is one: the fuzz properties' assertion. */
export function holds(violation: string | undefined, context: string): void {
  if (violation !== undefined) throw new Error(`${violation}\n  (${context})`);
}

export async function liveness(baseUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${baseUrl}/health/live`, { signal: AbortSignal.timeout(5000) });
    return response.status === 200 ? undefined : `/health/live answered ${response.status}`;
  } catch (error) {
    return `/health/live did not answer: ${(error as Error).message}`;
  }
}

export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

export function shorten(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
