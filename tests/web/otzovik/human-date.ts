/** Dates as otzovik prints them: Moscow wall time, "сегодня в 12:02", "3 дня назад", "12 марта 2024". */

const MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(" ");
const moscow = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Moscow",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

export function moscowWallTime(ms: number): { y: number; mo: number; d: number; hm: string; full: string } {
  const p = Object.fromEntries(moscow.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    y: Number(p["year"]),
    mo: Number(p["month"]),
    d: Number(p["day"]),
    hm: `${p["hour"]}:${p["minute"]}`,
    full: `${p["year"]}-${p["month"]}-${p["day"]} ${p["hour"]}:${p["minute"]}:${p["second"]}`,
  };
}

function daysWord(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return "день";
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return "дня";
  return "дней";
}

/** "сегодня в 12:02", "вчера в 23:10", "3 дня назад", "12 марта 2024". */
export function humanDate(ms: number, nowMs: number): string {
  const w = moscowWallTime(ms);
  const n = moscowWallTime(nowMs);
  const dayIndex = (x: { y: number; mo: number; d: number }) => Date.UTC(x.y, x.mo - 1, x.d) / 86_400_000;
  const days = dayIndex(n) - dayIndex(w);
  if (days === 0) return `сегодня в ${w.hm}`;
  if (days === 1) return `вчера в ${w.hm}`;
  if (days < 7) return `${days} ${daysWord(days)} назад`;
  return `${w.d} ${MONTHS[w.mo - 1]} ${w.y}`;
}
