import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/extract/dates.js";
import { zonedToUtcMs, zoneOffsetMs } from "../../src/extract/timezone.js";

// 2026-04-22 12:30 in Moscow (UTC+3 all year, no DST since 2014).
const now = new Date("2026-04-22T09:30:00Z");
const msk = (text: string) => parseDate(text, { now, timeZone: "Europe/Moscow" });

describe("parseDate: Russian relative", () => {
  it.each([
    ["сегодня в 12:02", "2026-04-22T09:02:00.000Z"],
    ["Сегодня, 00:15", "2026-04-21T21:15:00.000Z"],
    ["вчера", "2026-04-20T21:00:00.000Z"],
    ["вчера в 23:10", "2026-04-21T20:10:00.000Z"],
    ["Вчера, 23:10", "2026-04-21T20:10:00.000Z"],
    ["позавчера", "2026-04-19T21:00:00.000Z"],
    ["3 дня назад", "2026-04-19T09:30:00.000Z"],
    ["час назад", "2026-04-22T08:30:00.000Z"],
    ["21 час назад", "2026-04-21T12:30:00.000Z"],
    ["2 часа назад", "2026-04-22T07:30:00.000Z"],
    ["5 минут назад", "2026-04-22T09:25:00.000Z"],
    ["минуту назад", "2026-04-22T09:29:00.000Z"],
    ["полчаса назад", "2026-04-22T09:00:00.000Z"],
    ["неделю назад", "2026-04-15T09:30:00.000Z"],
    ["2 недели назад", "2026-04-08T09:30:00.000Z"],
    ["месяц назад", "2026-03-22T09:30:00.000Z"],
    ["год назад", "2025-04-22T09:30:00.000Z"],
    ["5 лет назад", "2021-04-22T09:30:00.000Z"],
    ["только что", "2026-04-22T09:30:00.000Z"],
  ])("%s", (text, iso) => {
    expect(msk(text)).toBe(iso);
  });
});

describe("parseDate: Russian absolute", () => {
  it.each([
    ["20.04.2026 14:04", "2026-04-20T11:04:00.000Z"],
    ["20.04.2026", "2026-04-19T21:00:00.000Z"],
    ["20.04.26 в 14:04", "2026-04-20T11:04:00.000Z"],
    ["12 марта 2024", "2024-03-11T21:00:00.000Z"],
    ["12 марта 2024 г. в 10:15", "2024-03-12T07:15:00.000Z"],
    ["1 сентября 2025, 14:00", "2025-09-01T11:00:00.000Z"],
    ["29 сент. 2025", "2025-09-28T21:00:00.000Z"],
    ["3 мая 2023", "2023-05-02T21:00:00.000Z"],
    ["Пн, 9 декабря 2024 года", "2024-12-08T21:00:00.000Z"],
    // no year: the latest such day that is not in the future
    ["12 марта", "2026-03-11T21:00:00.000Z"],
    ["30 декабря", "2025-12-29T21:00:00.000Z"],
  ])("%s", (text, iso) => {
    expect(msk(text)).toBe(iso);
  });

  it("uses the historical offset (Moscow was UTC+4 in 2012)", () => {
    expect(msk("29.05.2012 12:09")).toBe("2012-05-29T08:09:00.000Z");
  });
});

describe("parseDate: English and machine formats", () => {
  it.each([
    ["2 months ago", "2026-02-22T09:30:00.000Z"],
    ["an hour ago", "2026-04-22T08:30:00.000Z"],
    ["a few minutes ago", "2026-04-22T09:27:00.000Z"],
    ["3 days ago", "2026-04-19T09:30:00.000Z"],
    ["yesterday at 9:15 pm", "2026-04-21T18:15:00.000Z"],
    ["today", "2026-04-21T21:00:00.000Z"],
    ["just now", "2026-04-22T09:30:00.000Z"],
    ["2025-09-30 12:12:08", "2025-09-30T09:12:08.000Z"],
    ["2025-09-30", "2025-09-29T21:00:00.000Z"],
    ["2024-03-12T10:15:00+03:00", "2024-03-12T07:15:00.000Z"],
    ["2024-03-12T10:15:00.250-0500", "2024-03-12T15:15:00.250Z"],
    ["2024-03-12T07:15:00Z", "2024-03-12T07:15:00.000Z"],
    ["1759222974", "2025-09-30T09:02:54.000Z"],
    ["1759222974123", "2025-09-30T09:02:54.123Z"],
    ["1759222974123456", "2025-09-30T09:02:54.123Z"],
    ["Tue May 29, 2012 12:09 pm", "2012-05-29T08:09:00.000Z"],
    ["May 29th, 2012", "2012-05-28T20:00:00.000Z"],
    ["Thursday, January 4, 2024 at 3:05 PM", "2024-01-04T12:05:00.000Z"],
    ["4/30/2019", "2019-04-29T21:00:00.000Z"],
    ["Tue, 29 May 2012 12:09:00 +0400", "2012-05-29T08:09:00.000Z"],
    ["Tue, 29 May 2012 12:09:00 GMT", "2012-05-29T12:09:00.000Z"],
    ["Sat, 07 Sep 2002 00:00:01 EST", "2002-09-07T05:00:01.000Z"],
  ])("%s", (text, iso) => {
    expect(msk(text)).toBe(iso);
  });

  it("reads ambiguous slashed dates by the locale", () => {
    const ny = { now, timeZone: "America/New_York" };
    expect(parseDate("04/05/2019", { ...ny, locale: "en-US" })).toBe("2019-04-05T04:00:00.000Z");
    expect(parseDate("04/05/2019", { ...ny, locale: "ru" })).toBe("2019-05-04T04:00:00.000Z");
    expect(parseDate("13/05/2019", { ...ny, locale: "en-US" })).toBe("2019-05-13T04:00:00.000Z");
  });
});

describe("parseDate: Bulgarian and a DST zone (Europe/Sofia)", () => {
  const sofia = (text: string) => parseDate(text, { now, timeZone: "Europe/Sofia", locale: "bg" });
  it("applies summer (+3) and winter (+2) offsets", () => {
    expect(sofia("15.07.2024 12:00")).toBe("2024-07-15T09:00:00.000Z");
    expect(sofia("15.01.2024 12:00")).toBe("2024-01-15T10:00:00.000Z");
    expect(sofia("12 март 2024")).toBe("2024-03-11T22:00:00.000Z");
    expect(sofia("3 септември 2024 г.")).toBe("2024-09-02T21:00:00.000Z");
  });
  it("moves a wall time in the spring gap forward, and takes the first of two in the autumn overlap", () => {
    expect(sofia("31.03.2024 03:30")).toBe("2024-03-31T01:30:00.000Z"); // 04:30 EEST
    expect(sofia("27.10.2024 03:30")).toBe("2024-10-27T00:30:00.000Z"); // first 03:30, EEST
  });
  it("counts relative days in local calendar days across a DST change", () => {
    const afterSpring = new Date("2024-04-01T09:00:00Z"); // 12:00 EEST
    expect(parseDate("преди 2 дни", { now: afterSpring, timeZone: "Europe/Sofia" })).toBe(
      "2024-03-30T10:00:00.000Z", // 12:00 EET
    );
    expect(parseDate("вчера", { now: afterSpring, timeZone: "Europe/Sofia" })).toBe(
      "2024-03-30T22:00:00.000Z",
    );
    expect(sofia("днес в 10:00")).toBe("2026-04-22T07:00:00.000Z");
  });
});

describe("parseDate: not dates", () => {
  it.each([
    "",
    "   ",
    "abc",
    "3 отзыва",
    "2024",
    "12:00",
    "31.02.2024",
    "12 марка 2024",
    "123456",
    "99999999999999999",
  ])("%j -> undefined", (text) => {
    expect(msk(text)).toBeUndefined();
  });
});

describe("timezone helpers", () => {
  it("knows offsets with and without DST", () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 1), "Europe/Moscow")).toBe(3 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 1), "Europe/Sofia")).toBe(3 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 0, 1), "Europe/Sofia")).toBe(2 * 3_600_000);
    const wall = { year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    expect(new Date(zonedToUtcMs(wall, "Asia/Kolkata")).toISOString()).toBe("2023-12-31T18:30:00.000Z");
  });
});
