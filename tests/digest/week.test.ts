/** ISO weeks in a time zone (DST included), and which week the schedule reports. */
import { describe, expect, it } from "vitest";
import { dueWeek, lastFiring } from "../../src/digest/schedule.js";
import {
  formatIsoWeek,
  isoWeekAt,
  isoWeekOfDate,
  lastCompleteWeek,
  parseIsoWeek,
  shiftIsoWeek,
  trailingWeeks,
  weekRange,
  weeksInIsoYear,
} from "../../src/digest/week.js";

const HOUR = 3_600_000;
const hours = (r: { from: string; to: string }) => (Date.parse(r.to) - Date.parse(r.from)) / HOUR;

describe("ISO weeks", () => {
  it("numbers weeks like ISO 8601, across year ends", () => {
    expect(isoWeekOfDate(2026, 11, 16)).toEqual({ year: 2026, week: 47 });
    expect(isoWeekOfDate(2026, 11, 22)).toEqual({ year: 2026, week: 47 });
    expect(isoWeekOfDate(2026, 1, 1)).toEqual({ year: 2026, week: 1 }); // a Thursday
    expect(isoWeekOfDate(2027, 1, 1)).toEqual({ year: 2026, week: 53 }); // a Friday: last year's week 53
    expect(isoWeekOfDate(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(shiftIsoWeek({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(shiftIsoWeek({ year: 2026, week: 1 }, -1)).toEqual({ year: 2025, week: 52 });
    expect(formatIsoWeek({ year: 2026, week: 7 })).toBe("2026-W07");
  });

  it("parses 2026-W47 and says what it expected otherwise", () => {
    expect(parseIsoWeek("2026-W47")).toEqual({ year: 2026, week: 47 });
    expect(() => parseIsoWeek("2026-47")).toThrow(/expected an ISO week like 2026-W47, got "2026-47"/);
    expect(() => parseIsoWeek("2025-W53")).toThrow(/2025 has weeks 1\.\.52/);
    expect(() => parseIsoWeek("2026-W00")).toThrow(/weeks 1\.\.53/);
  });

  it("a week is Monday 00:00 to Monday 00:00 on the zone's wall clock", () => {
    expect(weekRange({ year: 2026, week: 47 }, "Europe/Moscow")).toEqual({
      iso: "2026-W47",
      from: "2026-11-15T21:00:00.000Z",
      to: "2026-11-22T21:00:00.000Z",
      monday: "2026-11-16",
      sunday: "2026-11-22",
    });
    expect(weekRange({ year: 2026, week: 47 }, "UTC").from).toBe("2026-11-16T00:00:00.000Z");
    expect(weekRange({ year: 2026, week: 47 }, "America/New_York").from).toBe("2026-11-16T05:00:00.000Z");
  });

  it("weeks with a DST change last 167 or 169 hours, and stay contiguous", () => {
    // EU summer time starts Sunday 29 March 2026 and ends Sunday 25 October 2026
    const spring = weekRange(parseIsoWeek("2026-W13"), "Europe/Berlin");
    expect(spring).toMatchObject({ from: "2026-03-22T23:00:00.000Z", to: "2026-03-29T22:00:00.000Z" });
    expect(hours(spring)).toBe(167);
    const autumn = weekRange(parseIsoWeek("2026-W43"), "Europe/Berlin");
    expect(autumn).toMatchObject({ from: "2026-10-18T22:00:00.000Z", to: "2026-10-25T23:00:00.000Z" });
    expect(hours(autumn)).toBe(169);
    // US DST starts Sunday 8 March 2026
    expect(hours(weekRange(parseIsoWeek("2026-W10"), "America/New_York"))).toBe(167);
    // Moscow has no DST
    expect(hours(weekRange(parseIsoWeek("2026-W13"), "Europe/Moscow"))).toBe(168);
    const trail = trailingWeeks(parseIsoWeek("2026-W45"), 12, "Europe/Berlin");
    expect(trail).toHaveLength(12);
    expect(trail.at(-1)!.iso).toBe("2026-W45");
    expect(trail[0]!.iso).toBe("2026-W34");
    for (let i = 1; i < trail.length; i++) expect(trail[i]!.from).toBe(trail[i - 1]!.to);
  });

  it("the week of an instant follows the zone: Sunday 23:30 in Berlin is already Monday in Moscow", () => {
    const at = new Date("2026-11-22T22:30:00Z"); // Sun 23:30 Berlin, Mon 01:30 Moscow
    expect(isoWeekAt(at, "Europe/Berlin")).toEqual({ year: 2026, week: 47 });
    expect(isoWeekAt(at, "Europe/Moscow")).toEqual({ year: 2026, week: 48 });
    expect(lastCompleteWeek(at, "Europe/Berlin")).toEqual({ year: 2026, week: 46 });
    expect(lastCompleteWeek(at, "Europe/Moscow")).toEqual({ year: 2026, week: 47 });
  });
});

describe("digest schedule", () => {
  const MONDAY_9 = "0 9 * * 1";

  it("reports the week before the last firing, in the configured zone", () => {
    // Monday 23 Nov 2026 09:00 Moscow = 06:00 UTC
    const fired = new Date("2026-11-23T06:00:00Z");
    expect(lastFiring(MONDAY_9, "Europe/Moscow", fired)).toEqual(fired);
    expect(dueWeek(MONDAY_9, "Europe/Moscow", fired).week).toEqual({ year: 2026, week: 47 });
    // a minute before: the previous Monday's firing, which reported week 46
    const before = new Date(fired.getTime() - 60_000);
    expect(dueWeek(MONDAY_9, "Europe/Moscow", before)).toEqual({
      week: { year: 2026, week: 46 },
      firedAt: new Date("2026-11-16T06:00:00Z"),
    });
    // a late job on Wednesday still reports week 47
    expect(dueWeek(MONDAY_9, "Europe/Moscow", new Date("2026-11-25T12:00:00Z")).week.week).toBe(47);
  });

  it("follows DST: Monday 09:00 Berlin is 08:00 UTC in summer and in the first week of winter time", () => {
    expect(lastFiring(MONDAY_9, "Europe/Berlin", new Date("2026-10-20T00:00:00Z"))).toEqual(
      new Date("2026-10-19T07:00:00Z"),
    );
    expect(lastFiring(MONDAY_9, "Europe/Berlin", new Date("2026-10-27T00:00:00Z"))).toEqual(
      new Date("2026-10-26T08:00:00Z"),
    );
    expect(dueWeek(MONDAY_9, "Europe/Berlin", new Date("2026-10-26T08:00:00Z")).week).toEqual({
      year: 2026,
      week: 43,
    });
  });
});
