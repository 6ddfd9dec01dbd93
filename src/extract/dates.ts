/**
 * Date normaliser: what review sites print -> ISO-8601 UTC ("2024-03-12T07:15:00.000Z").
 *
 * Understood (Russian, English, Bulgarian):
 * - unix time as digits, by magnitude: seconds (≤ 11 digits), milliseconds, microseconds
 * - ISO 8601 with or without offset ("2025-09-30 12:12:08", "2024-03-12T10:15:00+03:00")
 * - "сегодня в 12:02", "вчера", "вчера, 23:10", "позавчера", "today at 9:15 am", "днес в 10:00"
 * - "3 дня назад", "час назад", "только что", "2 months ago", "an hour ago", "преди 2 дни"
 * - "20.04.2026 14:04", "4/30/2019" (month/day unless the locale writes day first or day > 12)
 * - "12 марта 2024", "12 марта 2024 г. в 10:15", "12 марта" (latest past such date),
 *   "Tue May 29, 2012 12:09 pm", RFC 822 "Tue, 29 May 2012 12:09:00 +0400" / "GMT" / "EST"
 *
 * Times without an offset are wall times in `timeZone` (the site's IANA zone); relative dates count
 * from `now` (the page's fetch time, so extraction stays a pure function). Unknown -> undefined.
 */
import {
  COUNT_WORDS,
  DAY_FIRST_LANGUAGES,
  monthOf,
  NOISE_WORDS,
  type RelativeUnit,
  unitOf,
  ZONE_ABBREVIATIONS,
} from "./date-words.js";
import { addDays, addMonths, type WallTime, wallTimeAt, zonedToUtcMs } from "./timezone.js";

export interface DateOptions {
  /** Reference instant for relative dates ("вчера", "3 дня назад"). */
  now: Date;
  /** IANA zone the site prints wall times in. @default "Europe/Moscow" */
  timeZone?: string;
  /** Language hint ("ru", "en-US"): decides 04/05/2019 = 4 May (day first) or 5 April. */
  locale?: string;
}

const DEFAULT_ZONE = "Europe/Moscow";
/** Earliest plausible review date; unix values before it are not dates (ids, counters). */
const EARLIEST_MS = Date.UTC(1995, 0, 1);

interface Ctx {
  nowMs: number;
  zone: string;
  dayFirst: boolean;
}

type Parser = (s: string, ctx: Ctx) => number | undefined;

/** Parse a scraped date; returns an ISO UTC string, or undefined when the text is not a date. */
export function parseDate(text: string, opts: DateOptions): string | undefined {
  const s = normalise(text);
  if (!s) return undefined;
  const nowMs = opts.now.getTime();
  const lang = (opts.locale ?? "ru").toLowerCase().slice(0, 2);
  const ctx: Ctx = { nowMs, zone: opts.timeZone ?? DEFAULT_ZONE, dayFirst: DAY_FIRST_LANGUAGES.has(lang) };
  for (const parser of PARSERS) {
    const ms = parser(s, ctx);
    if (ms !== undefined) return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
  }
  return undefined;
}

function normalise(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f\u2009]/g, " ")
    .replace(/ё/g, "е")
    .replace(/Ё/g, "Е")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const unixTime: Parser = (s, { nowMs }) => {
  if (!/^\d{9,17}(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  const ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n / 1000;
  return plausible(Math.round(ms), nowMs) ? Math.round(ms) : Number.NaN;
};

const ISO_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)? ?(z|[+-]\d{2}(?::?\d{2})?|utc|gmt)?$/;

const isoDate: Parser = (s, ctx) => {
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const wall = checkedWall(+m[1]!, +m[2]!, +m[3]!, num(m[4]), num(m[5]), num(m[6]));
  if (!wall) return Number.NaN;
  const fraction = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return toInstant(wall, m[8], ctx) + fraction;
};

const DAY_WORDS: [RegExp, number][] = [
  [/^(сегодня|today|днес)$/, 0],
  [/^(вчера|yesterday)$/, -1],
  [/^(позавчера|завчера)$/, -2],
];

/** "сегодня в 12:02", "вчера, 23:10", "yesterday at 9:15 pm", "вчера", "Сегодня в 14:04:05" (SMF). */
const dayWord: Parser = (s, ctx) => {
  const m =
    /^([a-zа-я]+)(?:,? (?:в|во|at|около|about|around)?\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?: ?([ap])\.?m\.?)?)?$/.exec(
      s,
    );
  if (!m) return undefined;
  const shift = DAY_WORDS.find(([re]) => re.test(m[1]!))?.[1];
  if (shift === undefined) return undefined;
  const today = wallTimeAt(ctx.nowMs, ctx.zone);
  const hour = m[2] === undefined ? 0 : to24h(+m[2], m[5]);
  const minute = num(m[3]);
  const second = num(m[4]);
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return zonedToUtcMs({ ...addDays(today, shift), hour, minute, second }, ctx.zone);
};

/** "только что", "just now", "сейчас". */
const justNow: Parser = (s, { nowMs }) =>
  /^(только что|just now|now|сейчас|прямо сейчас|току-що|moments? ago|a moment ago)$/.test(s)
    ? nowMs
    : undefined;

/** "3 дня назад", "час назад", "2 months ago", "an hour ago", "преди 2 дни", "полчаса назад". */
const relative: Parser = (s, ctx) => {
  if (/^полчаса назад$|^half an hour ago$|^преди половин час$/.test(s)) return ctx.nowMs - 30 * 60_000;
  let m = /^(?:(.+) )?([a-zа-я]+)\.? (?:назад|ago)$/.exec(s);
  if (!m) m = /^преди (?:(.+) )?([a-zа-я]+)$/.exec(s);
  if (!m) return undefined;
  const unit = unitOf(m[2]!);
  if (!unit) return undefined;
  const count = m[1] === undefined ? 1 : /^\d+$/.test(m[1]) ? Number(m[1]) : COUNT_WORDS[m[1]];
  if (count === undefined) return undefined;
  return shiftBack(ctx, unit, count);
};

function shiftBack(ctx: Ctx, unit: RelativeUnit, count: number): number {
  const simple = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;
  if (unit === "second" || unit === "minute" || unit === "hour") return ctx.nowMs - count * simple[unit];
  const wall = wallTimeAt(ctx.nowMs, ctx.zone);
  const shifted =
    unit === "day"
      ? addDays(wall, -count)
      : unit === "week"
        ? addDays(wall, -7 * count)
        : addMonths(wall, unit === "month" ? -count : -12 * count);
  return zonedToUtcMs(shifted, ctx.zone);
}

const TIME_TAIL = String.raw`(?:[ ,]+(?:в |at )?(\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([ap])\.?m\.?)?)?`;
const DOTTED_RE = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?: ?г\.?)?${TIME_TAIL}$`);
const SLASHED_RE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME_TAIL}$`);

/** "20.04.2026 14:04", "20.04.26" (always day first). */
const dotted: Parser = (s, ctx) => {
  const m = DOTTED_RE.exec(s);
  if (!m) return undefined;
  return numericDate(+m[1]!, +m[2]!, m[3]!, m, ctx);
};

/** "4/30/2019", "30/4/2019", "04/05/2019 10:15 pm" (ambiguous ones follow the locale). */
const slashed: Parser = (s, ctx) => {
  const m = SLASHED_RE.exec(s);
  if (!m) return undefined;
  const a = +m[1]!;
  const b = +m[2]!;
  const dayFirst = a > 12 ? true : b > 12 ? false : ctx.dayFirst;
  return dayFirst ? numericDate(a, b, m[3]!, m, ctx) : numericDate(b, a, m[3]!, m, ctx);
};

function numericDate(day: number, month: number, yearText: string, m: RegExpExecArray, ctx: Ctx) {
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const hour = m[4] === undefined ? 0 : to24h(+m[4], m[7]);
  const wall = checkedWall(year, month, day, hour, num(m[5]), num(m[6]));
  return wall ? zonedToUtcMs(wall, ctx.zone) : Number.NaN;
}

const TIME_RE = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([ap])\.?m\.?)?/;
const OFFSET_RE = /(?:^|\s)(?:(?:gmt|utc)?([+-]\d{2}:?\d{2})|([a-zа-я]{1,4}))$/;

/** Free-form dates with a month name: "12 марта 2024 г. в 10:15", "Tue May 29, 2012 12:09 pm", RFC 822. */
const named: Parser = (s, ctx) => {
  let rest = s;
  let hour = 0;
  let minute = 0;
  let second = 0;
  const t = TIME_RE.exec(rest);
  if (t) {
    hour = to24h(+t[1]!, t[4]);
    minute = +t[2]!;
    second = num(t[3]);
    rest = `${rest.slice(0, t.index)} ${rest.slice(t.index + t[0].length)}`.trim();
  }
  let zone: string | undefined;
  const z = OFFSET_RE.exec(rest);
  if (z && (z[1] || (z[2] && z[2] in ZONE_ABBREVIATIONS))) {
    zone = z[1] ?? z[2];
    rest = rest.slice(0, z.index).trim();
  }
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  for (const token of rest.split(/[\s,./-]+/)) {
    if (!token || NOISE_WORDS.has(token)) continue;
    const digits = /^(\d{1,4})(?:st|nd|rd|th|-го|-е|го)?$/.exec(token);
    if (digits) {
      const n = Number(digits[1]);
      if (digits[1]!.length === 4 && year === undefined) year = n;
      else if (digits[1]!.length <= 2 && day === undefined) day = n;
      else return undefined;
      continue;
    }
    const mo = monthOf(token);
    if (mo === undefined || month !== undefined) return undefined;
    month = mo;
  }
  if (month === undefined || day === undefined) return undefined;
  if (year === undefined) return latestPast(day, month, hour, minute, second, ctx);
  const wall = checkedWall(year, month, day, hour, minute, second);
  return wall ? toInstant(wall, zone, ctx) : Number.NaN;
};

/** "12 марта" without a year: this year's, or last year's when that would be in the future. */
function latestPast(day: number, month: number, hour: number, minute: number, second: number, ctx: Ctx) {
  const thisYear = wallTimeAt(ctx.nowMs, ctx.zone).year;
  for (const year of [thisYear, thisYear - 1]) {
    const wall = checkedWall(year, month, day, hour, minute, second);
    if (!wall) continue;
    const ms = zonedToUtcMs(wall, ctx.zone);
    if (ms <= ctx.nowMs + 86_400_000) return ms;
  }
  return Number.NaN;
}

const PARSERS: Parser[] = [unixTime, isoDate, justNow, dayWord, relative, dotted, slashed, named];

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

function to24h(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return 99; // rejected by the range check
  return (hour % 12) + (meridiem === "p" ? 12 : 0);
}

function checkedWall(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): WallTime | undefined {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  return { year, month, day, hour, minute, second: Math.min(second, 59) };
}

/** A wall time with an explicit offset ("+03:00", "Z", "GMT", "EST") or else in the site's zone. */
function toInstant(wall: WallTime, zone: string | undefined, ctx: Ctx): number {
  if (zone === undefined) return zonedToUtcMs(wall, ctx.zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const abbreviation = ZONE_ABBREVIATIONS[zone];
  if (abbreviation !== undefined) return asUtc - abbreviation * 60_000;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return zonedToUtcMs(wall, ctx.zone);
  const minutes = Number(m[2]) * 60 + num(m[3]);
  return asUtc - (m[1] === "-" ? -minutes : minutes) * 60_000;
}

function plausible(ms: number, nowMs: number): boolean {
  return ms >= EARLIEST_MS && ms <= nowMs + 366 * 86_400_000;
}
