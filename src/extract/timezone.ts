/**
 * Wall-clock <-> instant conversion in an IANA time zone, with Intl only (no tz database dependency).
 *
 * A "wall time" is what a clock on the site's wall shows (year, month 1-12, day, hour, minute, second).
 */

export interface WallTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall time shown in `timeZone` at instant `ms` (epoch milliseconds). */
export function wallTimeAt(ms: number, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === "era")?.value;
  const year = era === "BC" || era === "B" ? 1 - get("year") : get("year");
  return {
    year,
    month: get("month"),
    day: get("day"),
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

function wallAsUtcMs(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Moscow: +3 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtcMs(wallTimeAt(whole, timeZone)) - whole;
}

/**
 * The instant at which `timeZone` shows wall time `w`. Fields may overflow (day 0, hour 25):
 * they are normalised like `Date.UTC` does. In a DST gap the time moves forward by the gap, like
 * `Date` does (03:30 on Sofia's spring-forward night becomes 04:30 local); in a DST overlap the earlier
 * of the two instants wins.
 */
export function zonedToUtcMs(w: WallTime, timeZone: string): number {
  const asUtc = wallAsUtcMs(w);
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  const second = asUtc - zoneOffsetMs(first, timeZone);
  if (first === second) {
    // Possibly an overlap: prefer the earlier instant that still shows the same wall time.
    const earlier = asUtc - zoneOffsetMs(first - 3_600_000, timeZone);
    if (earlier < first && asUtc - zoneOffsetMs(earlier, timeZone) === earlier) return earlier;
    return first;
  }
  // In a gap neither candidate maps back exactly: the pre-gap offset pushes the time forward.
  return Math.max(first, second);
}

/** Add whole calendar days to a wall date (time of day kept). */
export function addDays(w: WallTime, days: number): WallTime {
  const d = new Date(wallAsUtcMs({ ...w, hour: 12, minute: 0, second: 0 }) + days * 86_400_000);
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Add calendar months to a wall date, clamping the day (31 March - 1 month = 28/29 February). */
export function addMonths(w: WallTime, months: number): WallTime {
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const daysInMonth = month === 2 && !isLeap(year) ? 28 : lastDay;
  return { ...w, year, month, day: Math.min(w.day, daysInMonth) };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
