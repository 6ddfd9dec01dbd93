/**
 * Quiet hours: when an alert is held, and until when. Pure.
 *
 *   from < to   (08:00 → 18:00)  quiet when from <= local time < to, on a listed start day
 *   from > to   (22:00 → 08:00)  quiet when local time >= from (started today) or < to (started
 *                                yesterday); the start day must be listed
 *   days absent                  every day
 *
 * A held alert is never dropped: its outbox row waits until the period ends (`quietUntil`).
 */
import type { QuietHours, Weekday } from "../config/alerts.js";

const WEEKDAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DAY_MS = 86_400_000;

interface LocalTime {
  /** Minutes since local midnight. */
  minutes: number;
  weekday: Weekday;
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "short",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = get("weekday").slice(0, 3).toLowerCase() as Weekday;
  return { minutes: Number(get("hour")) * 60 + Number(get("minute")), weekday };
}

function clockMinutes(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function previousDay(d: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(d) + 6) % 7] ?? d;
}

/** Minutes until the quiet period containing `now` ends, or undefined when `now` is not quiet. */
function minutesLeft(q: QuietHours, now: Date): number | undefined {
  const { minutes, weekday } = localTime(now, q.timezone);
  const from = clockMinutes(q.from);
  const to = clockMinutes(q.to);
  const startsOn = (d: Weekday) => !q.days || q.days.includes(d);
  if (from < to) {
    if (minutes >= from && minutes < to && startsOn(weekday)) return to - minutes;
    return undefined;
  }
  if (minutes >= from && startsOn(weekday)) return 24 * 60 - minutes + to;
  if (minutes < to && startsOn(previousDay(weekday))) return to - minutes;
  return undefined;
}

/**
 * The instant the quiet period containing `now` ends, or undefined when `now` is not quiet.
 * Computed on the local wall clock, then corrected once for a daylight-saving shift in between.
 */
export function quietUntil(q: QuietHours | undefined, now: Date): Date | undefined {
  if (!q) return undefined;
  const left = minutesLeft(q, now);
  if (left === undefined) return undefined;
  const startOfMinute = now.getTime() - (now.getTime() % 60_000);
  let end = new Date(startOfMinute + left * 60_000);
  const want = clockMinutes(q.to) % (24 * 60);
  const got = localTime(end, q.timezone).minutes;
  const drift = (((want - got) % (24 * 60)) + 24 * 60) % (24 * 60);
  if (drift !== 0) {
    const shift = drift > 12 * 60 ? drift - 24 * 60 : drift;
    end = new Date(end.getTime() + shift * 60_000);
  }
  // Never further than a day away, never in the past.
  return new Date(Math.min(Math.max(end.getTime(), now.getTime() + 1), now.getTime() + DAY_MS));
}
