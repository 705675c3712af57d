import fc from 'fast-check';

const SHOWN = 60;

/**
 * JSON with every long string cut to its start and its length, so a counterexample holding 10^5
 * characters stays readable; NUL and lone surrogates stay visible as JSON escapes.
 */
export function abbreviate(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'string' && item.length > SHOWN) return `${item.slice(0, SHOWN)}…(${item.length} chars)`;
      if (typeof item === 'number' && !Number.isFinite(item)) return String(item);
      return item;
    }) ?? String(value)
  );
}

/** `value`, printed by fast-check (counterexamples) as {@link abbreviate} shows it. */
export function printable<T extends object>(value: T): T {
  return Object.defineProperty(value, fc.toStringMethod, { value: () => abbreviate(value), enumerable: false });
}
