/**
 * Helpers shared by the forum-engine replicas: the replica clock for the forum world, dates the way
 * forum engines print them, newest-first/oldest-first paging, and the anti-bot walls forums sit behind.
 */
import iconv from "iconv-lite";
import { escapeHtml, LOADED_AT, MINUTE, wallTime } from "./replica-kit.js";

export { LOADED_AT };

const MSK = "Europe/Moscow";
const pad = (n: number) => String(n).padStart(2, "0");
const SHORT_RU = "янв фев мар апр май июн июл авг сен окт ноя дек".split(" ");
const NOMINATIVE_RU = "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь".split(
  " ",
);

/** The instant of something `minutesAgo` before `now`. */
export const msAgo = (now: Date, minutesAgo: number) => now.getTime() - minutesAgo * MINUTE;

/** ISO 8601 in UTC without milliseconds: "2026-11-20T11:04:00+00:00" (phpBB, Vanilla `datetime`). */
export function isoUtc(ms: number, zulu = false): string {
  const s = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000", "");
  return zulu ? s : s.replace("Z", "+00:00");
}

/** phpBB 3.3 with the Russian pack: "20 ноя 2026, 14:04". */
export function phpbbDate(ms: number): string {
  const w = wallTime(ms, MSK);
  return `${w.d} ${SHORT_RU[w.mo - 1]} ${w.y}, ${pad(w.h)}:${pad(w.mi)}`;
}

/** vBulletin 3.8 (ru): "Сегодня" / "Вчера" / "20.11.2026" and the time apart. */
export function vbDate(ms: number, now: Date): { day: string; time: string } {
  const w = wallTime(ms, MSK);
  const today = wallTime(now.getTime(), MSK);
  const dayIndex = (x: typeof w) => Date.UTC(x.y, x.mo - 1, x.d) / 86_400_000;
  const diff = dayIndex(today) - dayIndex(w);
  const day = diff === 0 ? "Сегодня" : diff === 1 ? "Вчера" : `${pad(w.d)}.${pad(w.mo)}.${w.y}`;
  return { day, time: `${pad(w.h)}:${pad(w.mi)}` };
}

/** SMF 2.1 (ru): "Сегодня в 14:04:05" or "20 Ноябрь 2026, 14:04:05". */
export function smfDate(ms: number, now: Date): string {
  const { day } = vbDate(ms, now);
  const w = wallTime(ms, MSK);
  const time = `${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
  if (day === "Сегодня") return `<strong>Сегодня</strong> в ${time}`;
  return `${w.d} ${NOMINATIVE_RU[w.mo - 1]} ${w.y}, ${time}`;
}

/** XenForo's `datetime`: "2026-11-20T14:04:00+0300". */
export function xfDatetime(ms: number): string {
  const w = wallTime(ms, MSK);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}+0300`;
}

/** "20 ноября 2026" style visible text for engines that keep the machine date in an attribute. */
export function ruDay(ms: number): string {
  const w = wallTime(ms, MSK);
  const genitive = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(
    " ",
  );
  return `${w.d} ${genitive[w.mo - 1]} ${w.y}`;
}

/** Page `page` (1-based) of `list` at `size` a page, and the page count. */
export function slice<T>(list: T[], page: number, size: number): { items: T[]; pages: number } {
  return {
    items: list.slice((page - 1) * size, page * size),
    pages: Math.max(1, Math.ceil(list.length / size)),
  };
}

/** Cloudflare's interstitial ("Just a moment..."), answered with 403. */
export function cloudflarePage(host: string): string {
  return `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta charset="UTF-8"></head>
<body><div class="main-wrapper"><h1 class="zone-name-title">${escapeHtml(host)}</h1>
<h2 id="challenge-running">Checking if the site connection is secure</h2>
<form id="challenge-form" action="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1" method="POST"></form></div></body></html>`;
}

/** Paragraphs as `<br>`-separated lines (how old engines store post bodies). */
export function brText(text: string[]): string {
  return text.map(escapeHtml).join("<br />\n<br />\n");
}

/** A query percent-encoded in windows-1251, as old Russian boards expect it ("ромашка" -> "%F0%EE…"). */
export function cp1251Query(s: string): string {
  return [...iconv.encode(s, "windows-1251")]
    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`)
    .join("");
}

/** The inverse of `cp1251Query` (`+` is a space). */
export function decodeCp1251Query(raw: string): string {
  const bytes = raw
    .replace(/\+/g, " ")
    .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return iconv.decode(Buffer.from(bytes, "latin1"), "windows-1251");
}
