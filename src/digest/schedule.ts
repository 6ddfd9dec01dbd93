/**
 * When the digest is due, by rules/digest.yaml's `schedule` (cron) in its `timezone`. Pure.
 *
 * The week a digest reports is the last complete week before the schedule's most recent firing: a
 * Monday 09:00 firing reports the week that ended at Monday 00:00. A job that runs late (the daemon
 * was down, a CronJob missed its slot) still reports that week, and running it again changes nothing:
 * each brand × week × channel is published once (the store's digest records).
 */
import { CronExpressionParser } from "cron-parser";
import { type IsoWeek, isoWeekAt, shiftIsoWeek } from "./week.js";

/** The most recent firing of `schedule` at or before `now`. */
export function lastFiring(schedule: string, timeZone: string, now: Date): Date {
  // cron-parser's prev() is strictly before currentDate: nudge by 1 ms so a firing exactly at `now` counts
  return CronExpressionParser.parse(schedule, { tz: timeZone, currentDate: new Date(now.getTime() + 1) })
    .prev()
    .toDate();
}

/** The week the most recent firing reports: the complete week before the one it fell in. */
export function dueWeek(schedule: string, timeZone: string, now: Date): { week: IsoWeek; firedAt: Date } {
  const firedAt = lastFiring(schedule, timeZone, now);
  return { week: shiftIsoWeek(isoWeekAt(firedAt, timeZone), -1), firedAt };
}
