/**
 * Small helpers shared by the replica sites: HTML escaping, responses, paging, and dates printed the way
 * Russian and English review sites print them ("сегодня в 12:02", "3 дня назад", "12 марта 2024",
 * "20.11.2026 14:04", "Nov 3, 2026"), computed in the site's time zone from a replica clock.
 */
import iconv from "iconv-lite";
import type { ReplicaResponse } from "./server.js";

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Paragraphs as `<p>` elements (escaped). */
export function paragraphs(text: string[]): string {
  return text.map((p) => `<p>${escapeHtml(p)}</p>`).join("");
}

/** An HTML response; `charset: "windows-1251"` encodes the body and says so in the header. */
export function html(body: string, opts: { status?: number; charset?: string } = {}): ReplicaResponse {
  const charset = opts.charset ?? "utf-8";
  return {
    status: opts.status ?? 200,
    headers: { "content-type": `text/html; charset=${charset}` },
    body: charset === "utf-8" ? body : iconv.encode(body, charset),
  };
}

export function text(body: string): ReplicaResponse {
  return { headers: { "content-type": "text/plain; charset=utf-8" }, body };
}

export function json(value: unknown): ReplicaResponse {
  return { headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(value) };
}

/** Items of page `page` (1-based) and the page count, `size` per page. */
export function pageOf<T>(list: T[], page: number, size: number): { items: T[]; pages: number } {
  return {
    items: list.slice((page - 1) * size, page * size),
    pages: Math.max(1, Math.ceil(list.length / size)),
  };
}

/** The replica's clock: the module load time, on a whole minute. */
export const LOADED_AT = new Date(Math.floor(Date.now() / 60_000) * 60_000);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface WallTime {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in an IANA zone. */
export function wallTime(ms: number, timeZone: string): WallTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    y: Number(p["year"]),
    mo: Number(p["month"]),
    d: Number(p["day"]),
    h: Number(p["hour"]),
    mi: Number(p["minute"]),
    s: Number(p["second"]),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS_GENITIVE =
  "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(" ");
const MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
const MSK = "Europe/Moscow";

/** "12 марта 2024" */
export function ruLongDate(ms: number, tz = MSK): string {
  const w = wallTime(ms, tz);
  return `${w.d} ${MONTHS_GENITIVE[w.mo - 1]} ${w.y}`;
}

/** "12 марта 2024 в 10:15" */
export function ruLongDateTime(ms: number, tz = MSK): string {
  const w = wallTime(ms, tz);
  return `${ruLongDate(ms, tz)} в ${pad(w.h)}:${pad(w.mi)}`;
}

/** "20.11.2026 14:04" (or without the time) */
export function dottedDate(ms: number, tz = MSK, withTime = true): string {
  const w = wallTime(ms, tz);
  const day = `${pad(w.d)}.${pad(w.mo)}.${w.y}`;
  return withTime ? `${day} ${pad(w.h)}:${pad(w.mi)}` : day;
}

/** ISO 8601 with the zone's offset, to the second: "2026-11-20T14:04:00+03:00". */
export function isoWithOffset(ms: number, tz = MSK): string {
  const w = wallTime(ms, tz);
  const offsetMin = Math.round(
    (Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000) / MINUTE,
  );
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "Nov 3, 2026" */
export function enShortDate(ms: number, tz: string): string {
  const w = wallTime(ms, tz);
  return `${MONTHS_EN[w.mo - 1]} ${w.d}, ${w.y}`;
}

/** "11/3/2026" */
export function usNumericDate(ms: number, tz: string): string {
  const w = wallTime(ms, tz);
  return `${w.mo}/${w.d}/${w.y}`;
}

function daysWord(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return "день";
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return "дня";
  return "дней";
}

/** Calendar days between two instants in a zone (0 = same day). */
export function daysBetween(ms: number, nowMs: number, tz = MSK): number {
  const index = (w: WallTime) => Date.UTC(w.y, w.mo - 1, w.d) / DAY;
  return index(wallTime(nowMs, tz)) - index(wallTime(ms, tz));
}

/**
 * How Russian sites print a recent date: "сегодня в 12:02", "вчера в 23:10", "3 дня назад" (within a
 * week), else "12 марта 2024". `withTime: false` drops the time of today/yesterday ("сегодня", "вчера").
 */
export function ruHumanDate(
  ms: number,
  nowMs: number,
  opts: { tz?: string; withTime?: boolean } = {},
): string {
  const tz = opts.tz ?? MSK;
  const w = wallTime(ms, tz);
  const days = daysBetween(ms, nowMs, tz);
  const time = opts.withTime === false ? "" : ` в ${pad(w.h)}:${pad(w.mi)}`;
  if (days === 0) return `сегодня${time}`;
  if (days === 1) return `вчера${time}`;
  if (days < 7) return `${days} ${daysWord(days)} назад`;
  return ruLongDate(ms, tz);
}

/** The precision a printed human date keeps: a minute with a time, else a day. */
export function humanDatePrecision(printed: string): number {
  return /\d:\d\d/.test(printed) ? MINUTE : DAY;
}

/** A list teaser of a full text: whole when short, else cut at a word and ended with `ellipsis`. */
export function teaserOf(text: string[], max: number, ellipsis = "…"): { text: string; cut: boolean } {
  const whole = text.join("\n");
  if (whole.length <= max) return { text: whole, cut: false };
  const slice = whole.slice(0, max);
  const cut = slice.slice(0, Math.max(slice.lastIndexOf(" "), 1)).replace(/[\s,.;:!?—«-]+$/, "");
  return { text: `${cut}${ellipsis}`, cut: true };
}

/** Text with line breaks as escaped HTML with `<br>`. */
export function withBreaks(s: string): string {
  return s.split("\n").map(escapeHtml).join("<br>\n");
}

const TRANSLIT: Record<string, string> = Object.fromEntries(
  "а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:i к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya"
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/** A URL slug of a Russian title, as Drupal-style sites make them: "Ипотека без нервов" -> "ipoteka-bez-nervov". */
export function slugOf(title: string, maxLength = 60): string {
  const latin = [...title.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join("");
  return latin
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}
