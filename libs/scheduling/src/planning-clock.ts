import { CutoffRule } from '@hydrator/config';

/** A wall-clock date and time in some time zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 (Monday) … 7 (Sunday). */
  isoWeekday: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** What a clock on the wall in `timeZone` shows at `instant`. The host's own zone never matters. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), isoWeekday: weekday === 0 ? 7 : weekday };
}

/**
 * The instant at which `timeZone`'s clocks show the given wall time. In a spring-forward gap (a time
 * that does not exist) it lands just after the gap; in a fall-back overlap it takes the first occurrence.
 */
export function instantOfWallTime(wall: Omit<WallTime, 'isoWeekday' | 'second'> & { second?: number }, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  const firstGuess = asUtc - offsetAt(new Date(asUtc), timeZone);
  const offset = offsetAt(new Date(firstGuess), timeZone);
  const candidate = asUtc - offset;
  // In an overlap, an earlier instant may show the same wall time: prefer it.
  const earlier = asUtc - offsetAt(new Date(candidate - 3_600_000), timeZone);
  if (earlier < candidate && sameWallTime(new Date(earlier), asUtc, timeZone)) return new Date(earlier);
  return new Date(candidate);
}

/**
 * The cutoff in force at `now`: the latest moment strictly before `now` at which `timeZone` shows the
 * rule's weekday and time (with `FRI 00:00`, the start of the most recent Friday).
 */
export function cutoffBefore(now: Date, rule: CutoffRule, timeZone: string): Date {
  const today = wallTimeAt(now, timeZone);
  const daysBack = (today.isoWeekday - rule.isoWeekday + 7) % 7;
  for (const extra of [0, 7]) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day) - (daysBack + extra) * DAY_MS);
    const cutoff = instantOfWallTime({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: rule.hour, minute: rule.minute }, timeZone);
    if (cutoff.getTime() < now.getTime()) return cutoff;
  }
  throw new Error('unreachable: a cutoff within the last 14 days always exists');
}

/** The ISO week (`2026-W48`) of `instant` as seen in `timeZone`: the week a rollout belongs to. */
export function isoWeekOf(instant: Date, timeZone: string): string {
  const wall = wallTimeAt(instant, timeZone);
  // The ISO week-year is the year of the week's Thursday.
  const thursday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day) + (4 - wall.isoWeekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: Date, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function sameWallTime(instant: Date, asUtc: number, timeZone: string): boolean {
  const wall = wallTimeAt(instant, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) === asUtc;
}
