import { parseCutoffRule } from '@hydrator/config';
import { cutoffBefore, instantOfWallTime, isoWeekOf, wallTimeAt } from './planning-clock';

const FRIDAY_MIDNIGHT = parseCutoffRule('FRI 00:00')!;

describe('cutoffBefore', () => {
  it('is the start of the previous Friday for a Monday planning in UTC', () => {
    expect(cutoffBefore(new Date('2026-11-30T09:00:00Z'), FRIDAY_MIDNIGHT, 'UTC').toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });

  it('is taken in the configured zone, not the host zone', () => {
    // Monday 09:00 in Paris (UTC+1 in winter): the cutoff is Friday 00:00 Paris = Thursday 23:00 UTC.
    expect(cutoffBefore(new Date('2026-11-30T08:00:00Z'), FRIDAY_MIDNIGHT, 'Europe/Paris').toISOString()).toBe('2026-11-26T23:00:00.000Z');
    // Same instant in New York is still Monday 03:00: Friday 00:00 EST = 05:00 UTC.
    expect(cutoffBefore(new Date('2026-11-30T08:00:00Z'), FRIDAY_MIDNIGHT, 'America/New_York').toISOString()).toBe('2026-11-27T05:00:00.000Z');
  });

  it('is strictly before the planning time: planning exactly at the cutoff uses the week before', () => {
    expect(cutoffBefore(new Date('2026-11-27T00:00:00Z'), FRIDAY_MIDNIGHT, 'UTC').toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(cutoffBefore(new Date('2026-11-27T00:00:01Z'), FRIDAY_MIDNIGHT, 'UTC').toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });

  it('follows a daylight-saving change between the cutoff and the planning time', () => {
    // Europe/Paris leaves summer time on Sunday 2026-10-25. Friday 23 October is still UTC+2.
    expect(cutoffBefore(new Date('2026-10-26T08:00:00Z'), FRIDAY_MIDNIGHT, 'Europe/Paris').toISOString()).toBe('2026-10-22T22:00:00.000Z');
    // America/New_York starts summer time on Sunday 2026-03-08: Friday 6 March is still EST (UTC-5).
    expect(cutoffBefore(new Date('2026-03-09T13:00:00Z'), FRIDAY_MIDNIGHT, 'America/New_York').toISOString()).toBe('2026-03-06T05:00:00.000Z');
  });

  it('honours another weekday and time', () => {
    const rule = parseCutoffRule('WED 17:30')!;
    expect(cutoffBefore(new Date('2026-11-30T09:00:00Z'), rule, 'UTC').toISOString()).toBe('2026-11-25T17:30:00.000Z');
  });
});

describe('instantOfWallTime', () => {
  it('lands after a spring-forward gap and on the first of a fall-back overlap', () => {
    // 02:30 does not exist in Paris on 2026-03-29; 02:30 exists twice on 2026-10-25.
    expect(instantOfWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantOfWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips with wallTimeAt', () => {
    const instant = instantOfWallTime({ year: 2026, month: 7, day: 4, hour: 9, minute: 15 }, 'Asia/Kolkata');
    expect(wallTimeAt(instant, 'Asia/Kolkata')).toMatchObject({ year: 2026, month: 7, day: 4, hour: 9, minute: 15, isoWeekday: 6 });
  });
});

describe('isoWeekOf', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeekOf(new Date('2026-11-30T09:00:00Z'), 'UTC')).toBe('2026-W49');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekOf(new Date('2024-12-30T12:00:00Z'), 'UTC')).toBe('2025-W01');
  });

  it('uses the calendar date of the configured zone', () => {
    // Sunday 23:30 UTC is already Monday in Tokyo: the next ISO week there.
    expect(isoWeekOf(new Date('2026-11-29T23:30:00Z'), 'UTC')).toBe('2026-W48');
    expect(isoWeekOf(new Date('2026-11-29T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-W49');
  });
});
