/** The longest log line Hydrator writes: a few KB keeps a line readable and a log pipeline cheap. */
export const MAX_LOG_LINE = 4096;

/**
 * A log line of at most `max` characters: the head is kept (it says what failed) and the cut is
 * counted, so a 1 MB payload inlined by a driver or an echoed request can never flood the log.
 */
export function capLogText(text: string, max = MAX_LOG_LINE): string {
  if (text.length <= max) return text;
  const marker = ` … [${text.length - max} more characters cut]`;
  return text.slice(0, max - marker.length) + marker;
}

/**
 * What to log of an unexpected error, without the data it carried. A database driver error's message
 * begins with the whole SQL statement and its values inlined (`insert … values ('<payload>') - invalid
 * byte sequence`): only the database's own reason and codes are kept. Everything else is its stack,
 * capped.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return capLogText(String(error));
  const driver = error as Error & { sqlState?: string; code?: string };
  if (driver.sqlState !== undefined || (/Exception$/.test(error.name) && error.message.includes(' - '))) {
    const reason = error.message.slice(error.message.lastIndexOf(' - ') + 3);
    const codes = [driver.code, driver.sqlState].filter(Boolean).join('/');
    return capLogText(`${error.name}${codes ? ` (${codes})` : ''}: ${reason} (statement and values not logged)`);
  }
  return capLogText(error.stack ?? `${error.name}: ${error.message}`);
}

/**
 * A value of unknown type as text for a message: strings, numbers and booleans as themselves, nothing
 * as `fallback`, and anything else as JSON (never `[object Object]`).
 */
export function textOf(value: unknown, fallback = ''): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? fallback;
}
