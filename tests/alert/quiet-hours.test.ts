import { afterEach, describe, expect, it } from "vitest";
import { quietUntil } from "../../src/alert/quiet-hours.js";
import { QuietHours } from "../../src/config/alerts.js";
import { makeScoredMention } from "../store/fixtures.js";
import { alertsConfig, CHANNEL, makeWorld, type World } from "./harness.js";

const q = (v: object) => QuietHours.parse(v);

describe("quietUntil (pure)", () => {
  const night = q({ from: "22:00", to: "08:00", timezone: "Europe/Moscow" });
  it.each([
    ["2024-03-04T20:30:00Z", "2024-03-05T05:00:00.000Z"], // 23:30 MSK: started today
    ["2024-03-05T03:00:00Z", "2024-03-05T05:00:00.000Z"], // 06:00 MSK: started yesterday
    ["2024-03-04T19:00:00Z", "2024-03-05T05:00:00.000Z"], // 22:00 MSK exactly
    ["2024-03-05T05:00:00Z", undefined], // 08:00 MSK: over
    ["2024-03-05T12:00:00Z", undefined], // 15:00 MSK
  ])("22:00 → 08:00 Moscow at %s → %s", (now, until) => {
    expect(quietUntil(night, new Date(now))?.toISOString()).toBe(until);
  });

  it("a daytime period, on listed days only", () => {
    const weekendDays = q({ from: "00:00", to: "24:00", timezone: "UTC", days: ["sat", "sun"] });
    expect(quietUntil(weekendDays, new Date("2024-03-09T10:00:00Z"))?.toISOString()).toBe(
      "2024-03-10T00:00:00.000Z",
    );
    expect(quietUntil(weekendDays, new Date("2024-03-11T10:00:00Z"))).toBeUndefined(); // Monday
    // a night period that started on a listed day runs into the next day
    const fridayNight = q({ from: "22:00", to: "08:00", timezone: "UTC", days: ["fri"] });
    expect(quietUntil(fridayNight, new Date("2024-03-09T03:00:00Z"))?.toISOString()).toBe(
      "2024-03-09T08:00:00.000Z",
    );
    expect(quietUntil(fridayNight, new Date("2024-03-10T03:00:00Z"))).toBeUndefined();
  });

  it("ends at the local wall-clock time across a daylight-saving change", () => {
    const ny = q({ from: "22:00", to: "08:00", timezone: "America/New_York" });
    // 22:30 EST on 9 March 2024; clocks spring forward that night: 08:00 EDT is 12:00 UTC
    expect(quietUntil(ny, new Date("2024-03-10T03:30:00Z"))?.toISOString()).toBe("2024-03-10T12:00:00.000Z");
  });

  it("rejects from = to and malformed times", () => {
    expect(QuietHours.safeParse({ from: "08:00", to: "08:00", timezone: "UTC" }).success).toBe(false);
    expect(QuietHours.safeParse({ from: "8am", to: "09:00", timezone: "UTC" }).success).toBe(false);
    expect(QuietHours.safeParse({ from: "08:00", to: "09:00", timezone: "Mars/Olympus" }).success).toBe(
      false,
    );
  });
});

let world: World;
afterEach(async () => world?.close());

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

describe("quiet hours in delivery", () => {
  it("holds an alert during the rule's quiet hours and delivers it after, never drops it", async () => {
    const now = new Date();
    const quietHours = {
      from: hhmm(new Date(now.getTime() - 3_600_000)),
      to: hhmm(new Date(now.getTime() + 3_600_000)),
      timezone: "UTC",
    };
    const config = alertsConfig() as { rules: Record<string, unknown>[] };
    config.rules[0]!.quietHours = quietHours;
    world = await makeWorld(config);
    await world.ingest([makeScoredMention(0)]);
    const held = await world.deliver();
    expect(held).toMatchObject({ sent: 0, held: 1, failed: 0 });
    const [row] = await world.store.listAlerts();
    expect(row).toMatchObject({
      state: "pending",
      lastError: expect.stringMatching(/^held: quiet hours until/),
    });
    const end = Date.parse(row!.notBefore);
    expect(end).toBeGreaterThan(now.getTime());
    expect(world.slack.messages(CHANNEL)).toHaveLength(0);
    // a run before the end does not even claim it; a run after delivers it once
    expect(await world.deliver({ now: new Date(end - 60_000) })).toMatchObject({ sent: 0, held: 0 });
    expect(await world.deliver({ now: new Date(end + 60_000) })).toMatchObject({ sent: 1 });
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
  });
});
