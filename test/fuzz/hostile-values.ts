import fc from 'fast-check';

/**
 * Values an attacker or a broken client sends where a well-formed one is expected. Each list mixes a
 * fixed catalogue of known troublemakers (NUL, lone surrogates, 10^5 characters, path traversal,
 * PostgreSQL/JavaScript range edges) with random values, so shrinking lands on a readable one.
 */

export const HUGE = 100_000;

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  'x'.repeat(HUGE),
  '../..',
  '../../../../etc/passwd',
  '..%2f..%2f',
  '%',
  '%zz',
  '%E0%A4%A',
  '\t\r\n',
  '\u001b[31mred',
  '\u202egnp.exe',
  '\ufeff',
  '😀',
  "'; drop table application; --",
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  'true',
];

/** Strings with control characters, surrogates and the like, short enough to shrink quickly. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('\u0000', '\ud800', '\udbff', '\u0007', '\u007f'), fc.string({ maxLength: 10 })).map(([bad, rest]) => `${rest}${bad}${rest}`) },
  { weight: 1, arbitrary: fc.integer({ min: 64, max: 20_000 }).map((n) => 'y'.repeat(n)) },
);

/** Ids that are not the UUIDs Hydrator hands out, and UUIDs nothing has. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '123',
    'not-a-uuid',
    '00000000-0000-0000-0000-00000000000g',
    '{00000000-0000-0000-0000-000000000000}',
  ),
  fc.uuid(),
  hostileString,
);

/** Integers past PostgreSQL's `integer`, JavaScript's safe range, and not integers at all. */
export const hostileInt: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53 + 1, 1e20, -1e20, 1.5, -0.5, Number.MAX_VALUE),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);

export const hostileFloat: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(1e308, -1e308, 5e-324, 0.1, -0), fc.double({ noNaN: true, noDefaultInfinity: true }));

/** What a DateTime argument should never choke on: out of JavaScript's Date range, not a date, not a string. */
export const hostileDate: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'garbage',
    '',
    '+275760-09-13T00:00:00Z',
    '+275760-09-13T00:00:00.001Z',
    '-271821-04-20T00:00:00Z',
    '-271822-01-01T00:00:00Z',
    '0000-00-00T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-11-30',
    '2026-11-30T25:61:61Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2026-11-30T00:00:00+99:99',
    1e20,
    -1,
    0,
    true,
    false,
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  hostileString,
);

/** Any value of the wrong JSON type, for a variable whose type is something else. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(null, true, false, 1e20, -1, 0.5, {}, [], [null], { __proto__: 1 }), fc.jsonValue({ maxDepth: 3 }));

/** A JSON value nested `depth` levels deep, alternating arrays and objects. */
export function nested(depth: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { n: value };
  return value;
}
