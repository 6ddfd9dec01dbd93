/**
 * A small deterministic delay per target, so that many targets on the same schedule do not all start
 * in the same second (their hosts, the store and the CPU would see a thundering herd every hour). Pure.
 *
 * The delay is a hash of the target's key spread over `[0, min(capMs, 10% of the schedule's period))`:
 * the same target always waits the same, a `* * * * *` schedule waits at most 6 s, an hourly one at most
 * `capMs`. It is counted from the schedule's firing, so a run started late waits less (or not at all).
 */
import { createHash } from "node:crypto";
import { CronExpressionParser } from "cron-parser";

/** @default 30 s: well inside any schedule's period, small next to a crawl. */
export const JITTER_CAP_MS = 30_000;

/** The most recent firing of `schedule` in `timeZone` at or before `now`. */
export function lastFiring(schedule: string, timeZone: string, now: Date): Date {
  // prev() is strictly before currentDate: nudge by 1 ms so a firing exactly at `now` counts
  return CronExpressionParser.parse(schedule, { tz: timeZone, currentDate: new Date(now.getTime() + 1) })
    .prev()
    .toDate();
}

/** The next firing of `schedule` in `timeZone` after `now`. */
export function nextFiring(schedule: string, timeZone: string, now: Date): Date {
  return CronExpressionParser.parse(schedule, { tz: timeZone, currentDate: now }).next().toDate();
}

/** A number in [0, 1) that depends only on `key`. */
export function unitHash(key: string): number {
  return createHash("sha1").update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** This target's delay after each firing of `schedule`, in ms. */
export function jitterMs(
  key: string,
  schedule: string,
  timeZone: string,
  now: Date,
  capMs = JITTER_CAP_MS,
): number {
  const fired = lastFiring(schedule, timeZone, now);
  const period = nextFiring(schedule, timeZone, fired).getTime() - fired.getTime();
  const span = Math.max(0, Math.min(capMs, Math.floor(period / 10)));
  return Math.floor(unitHash(key) * span);
}

/**
 * How long a target that is due at `now` should still wait: until its schedule's last firing plus its
 * jitter (0 when that moment has passed).
 */
export function jitterWaitMs(
  key: string,
  schedule: string,
  timeZone: string,
  now: Date,
  capMs?: number,
): number {
  const fired = lastFiring(schedule, timeZone, now).getTime();
  const startAt = fired + jitterMs(key, schedule, timeZone, now, capMs);
  return Math.max(0, startAt - now.getTime());
}
