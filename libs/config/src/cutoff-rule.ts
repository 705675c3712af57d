/** ISO weekday numbers (Monday = 1 … Sunday = 7), as Intl and ISO weeks count them. */
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "The latest `weekday` at `hour:minute` before the planning time", e.g. `FRI 00:00`. */
export interface CutoffRule {
  weekday: Weekday;
  /** 1 (Monday) … 7 (Sunday). */
  isoWeekday: number;
  hour: number;
  minute: number;
}

/** Parses `FRI 00:00` (weekday as its first three letters, 24-hour time); undefined when malformed. */
export function parseCutoffRule(text: string): CutoffRule | undefined {
  const match = /^([A-Za-z]{3})\s+(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const weekday = match[1].toUpperCase() as Weekday;
  const isoWeekday = WEEKDAYS.indexOf(weekday) + 1;
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (isoWeekday === 0 || hour > 23 || minute > 59) return undefined;
  return { weekday, isoWeekday, hour, minute };
}
