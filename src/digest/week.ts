/**
 * ISO weeks in a time zone. Pure.
 *
 * A digest week is Monday 00:00 to the next Monday 00:00 on the wall clock of the configured zone,
 * so a week that contains a daylight-saving change lasts 167 or 169 hours, and "the week" means the
 * same days to a reader in Moscow and in Berlin only when they share a zone. Week numbers follow
 * ISO 8601: week 1 is the week with the year's first Thursday; a year has 52 or 53 weeks.
 *
 *   "2026-W47" in Europe/Berlin → [2026-11-16T00:00+01:00, 2026-11-23T00:00+01:00)
 */
import { addDays, type WallTime, wallTimeAt, zonedToUtcMs } from "../extract/timezone.js";

export interface IsoWeek {
  year: number;
  /** 1..53 */
  week: number;
}

/** A week's instants: inclusive `from`, exclusive `to` (ISO strings, UTC). */
export interface WeekRange {
  iso: string;
  from: string;
  to: string;
  /** The Monday's calendar date (YYYY-MM-DD) in the zone. */
  monday: string;
  /** The Sunday's calendar date in the zone. */
  sunday: string;
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, "0")}`;
}

/** Weeks in an ISO year: 53 when 1 January or (leap years) 31 December is a Thursday. */
export function weeksInIsoYear(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const dec31 = new Date(Date.UTC(year, 11, 31)).getUTCDay();
  return jan1 === 4 || dec31 === 4 ? 53 : 52;
}

/** "2026-W47" → { year: 2026, week: 47 }; throws a RangeError saying what was expected. */
export function parseIsoWeek(text: string): IsoWeek {
  const m = WEEK_RE.exec(text.trim());
  if (!m) throw new RangeError(`expected an ISO week like 2026-W47, got ${JSON.stringify(text)}`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  const max = weeksInIsoYear(year);
  if (week < 1 || week > max) throw new RangeError(`${text}: ${year} has weeks 1..${max}`);
  return { year, week };
}

/** The ISO week of a calendar date. */
export function isoWeekOfDate(year: number, month: number, day: number): IsoWeek {
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const isoYear = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(isoYear, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstWeekday + 3);
  return { year: isoYear, week: 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000)) };
}

/** The ISO week an instant falls in, on the wall clock of `timeZone`. */
export function isoWeekAt(at: Date, timeZone: string): IsoWeek {
  const w = wallTimeAt(at.getTime(), timeZone);
  return isoWeekOfDate(w.year, w.month, w.day);
}

/** The Monday of an ISO week, as a wall date at 00:00. */
function mondayOf(w: IsoWeek): WallTime {
  const jan4 = new Date(Date.UTC(w.year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7;
  const monday = new Date(jan4.getTime() + ((w.week - 1) * 7 - weekday) * 86_400_000);
  return {
    year: monday.getUTCFullYear(),
    month: monday.getUTCMonth() + 1,
    day: monday.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
  };
}

const ymd = (w: WallTime) =>
  `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;

/** Add whole weeks to an ISO week (negative: back in time). */
export function shiftIsoWeek(w: IsoWeek, weeks: number): IsoWeek {
  const m = addDays(mondayOf(w), weeks * 7);
  return isoWeekOfDate(m.year, m.month, m.day);
}

/** The instants of an ISO week in `timeZone`: Monday 00:00 local to the next Monday 00:00 local. */
export function weekRange(w: IsoWeek, timeZone: string): WeekRange {
  const monday = mondayOf(w);
  const next = addDays(monday, 7);
  return {
    iso: formatIsoWeek(w),
    from: new Date(zonedToUtcMs(monday, timeZone)).toISOString(),
    to: new Date(zonedToUtcMs(next, timeZone)).toISOString(),
    monday: ymd(monday),
    sunday: ymd(addDays(monday, 6)),
  };
}

/** `count` consecutive weeks ending with `last` (oldest first). */
export function trailingWeeks(last: IsoWeek, count: number, timeZone: string): WeekRange[] {
  return Array.from({ length: count }, (_, i) => weekRange(shiftIsoWeek(last, i - count + 1), timeZone));
}

/** The last complete week before `now` in `timeZone` (the week a Monday-morning digest reports). */
export function lastCompleteWeek(now: Date, timeZone: string): IsoWeek {
  return shiftIsoWeek(isoWeekAt(now, timeZone), -1);
}
