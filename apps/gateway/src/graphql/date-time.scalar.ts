import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { ErrorCode } from '@hydrator/common';

/**
 * ISO-8601 as people and `Date.toISOString()` write it: a date (`2026-03-02`, midnight UTC), or a date
 * and time with seconds and fractions optional and an explicit offset (`Z`, `+01:00`), because a time
 * without one means a different instant on every machine.
 */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2})))?$/;

/**
 * The one `DateTime` of the API, in place of Nest's, which turns anything into a Date: `"garbage"`
 * became an Invalid Date that failed deep in PostgreSQL, and `until: 12345` or `true` a freeze without
 * an end. Only ISO-8601 strings of real calendar instants are accepted; numbers (epoch or not) are
 * refused, since nobody can tell seconds from milliseconds by looking.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time with its offset, e.g. 2026-03-02T09:30:00Z, or a date (midnight UTC), e.g. 2026-03-02.',
  serialize(value) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new GraphQLError('DateTime cannot represent a value that is not a valid Date');
    return value.toISOString();
  },
  parseValue(value) {
    return parseDateTime(value);
  },
  parseLiteral(node: ValueNode) {
    return parseDateTime(node.kind === Kind.STRING ? node.value : node.kind);
  },
});

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw refused(`expected an ISO-8601 string such as "2026-03-02T09:30:00Z", got ${typeof value === 'number' ? 'a number' : String(value).toLowerCase()}`);
  const parts = ISO_8601.exec(value);
  const date = parts && isCalendarInstant(parts) ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw refused(`${JSON.stringify(value.slice(0, 40))} is not an ISO-8601 date-time such as "2026-03-02T09:30:00Z"`);
  return date;
}

/** Date.parse rolls February 30 over to March 2; a person who typed it meant something else. */
function isCalendarInstant(parts: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = parts.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
}

function refused(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}
