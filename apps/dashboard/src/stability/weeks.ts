const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Monday 00:00 UTC of the ISO week that contains `time` (the API's weeks are ISO weeks in UTC). */
export function mondayOf(time: number): number {
  const date = new Date(time);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return midnight - ((date.getUTCDay() + 6) % 7) * DAY;
}

/** The ISO week of `time` in UTC, as the API names it: `2026-W48`. */
export function isoWeek(time: number): string {
  // An ISO week belongs to the year of its Thursday, and week 1 holds the year's first Thursday.
  const thursday = mondayOf(time) + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / WEEK);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface WeekRange {
  /** Monday 00:00 UTC of the first week, ISO-8601. */
  from: string;
  /** Monday 00:00 UTC after the last week (exclusive), ISO-8601. */
  to: string;
  /** Every ISO week of the range, oldest first. */
  weeks: string[];
}

/** The last `count` ISO weeks up to the one that holds `now`, this one included. */
export function lastWeeks(count: number, now: number): WeekRange {
  const first = mondayOf(now) - (count - 1) * WEEK;
  const weeks = Array.from({ length: count }, (_, i) => isoWeek(first + i * WEEK));
  return { from: new Date(first).toISOString(), to: new Date(first + count * WEEK).toISOString(), weeks };
}
