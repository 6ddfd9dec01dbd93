import { afterEach, describe, expect, it } from "vitest";
import { findAttackGroups, fingerprintDistance } from "../../src/alert/attack.js";
import { healthEvent } from "../../src/alert/source-health.js";
import { stormVerdict } from "../../src/alert/storm.js";
import type { CrawlRun, SourceStatus } from "../../src/store/store.js";
import { makeScoredMention } from "../store/fixtures.js";
import { alertsConfig, CHANNEL, makeWorld, OPS, type World } from "./harness.js";

let world: World;
afterEach(async () => world?.close());

const MIN = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
/** A negative mention published `minutes` ago. */
const recentNegative = (i: number, minutes = 5) =>
  makeScoredMention(i * 5, { publishedAt: ago(minutes * MIN) });

describe("storm (pure)", () => {
  const cfg = { perHour: 10, sigma: 3, minPerDay: 5 };
  it.each([
    [{ lastHour: 10, last24h: 10, daily: [50, 50] }, true, /last hour/],
    [{ lastHour: 2, last24h: 9, daily: [1, 2, 1, 0, 1, 2, 1] }, true, /3σ/],
    [{ lastHour: 2, last24h: 4, daily: [0, 0, 0] }, false, /normal/], // below minPerDay
    [{ lastHour: 2, last24h: 9, daily: [8, 12, 7, 10, 9] }, false, /normal/], // usual for this brand
    [{ lastHour: 0, last24h: 5, daily: [] }, true, /3σ/], // no history yet: minPerDay decides
    [{ lastHour: 2, last24h: 40, daily: [], established: false }, false, /less than a day/], // first backfill
    [{ lastHour: 12, last24h: 40, daily: [], established: false }, true, /last hour/],
  ])("%o → storm %s", (counts, storm, reason) => {
    const v = stormVerdict({ established: true, ...counts }, cfg);
    expect(v.storm).toBe(storm);
    expect(v.reason).toMatch(reason);
  });
});

describe("storm in delivery", () => {
  it("one storm message; the negative alerts in its thread, later ones too", async () => {
    world = await makeWorld(alertsConfig({ storm: { notify: ["slack"], perHour: 5 } }));
    await world.ingest(Array.from({ length: 6 }, (_, i) => recentNegative(i)));
    expect(await world.deliver()).toMatchObject({ incidents: 1, sent: 7, failed: 0 });
    const top = world.slack.workspace.history(CHANNEL);
    expect(top).toHaveLength(1);
    expect(top[0]!.text).toMatch(/Storm: negative mentions of Акме/);
    expect(world.slack.workspace.thread(CHANNEL, top[0]!.ts)).toHaveLength(7);

    await world.ingest([recentNegative(10), recentNegative(11)]);
    expect(await world.deliver()).toMatchObject({ incidents: 0, sent: 2 });
    expect(world.slack.workspace.history(CHANNEL)).toHaveLength(1);
    expect(world.slack.workspace.thread(CHANNEL, top[0]!.ts)).toHaveLength(9);
    const storms = (await world.store.listAlerts()).filter((r) => r.mentionId.startsWith("storm:"));
    expect(storms).toHaveLength(1);
  });

  it("a normal rate: no storm message, alerts go out as usual", async () => {
    world = await makeWorld(alertsConfig({ storm: { notify: ["slack"], perHour: 5 } }));
    await world.ingest([recentNegative(0), recentNegative(1), makeScoredMention(2 * 5)]);
    expect(await world.deliver()).toMatchObject({ sent: 3 });
    expect(world.slack.workspace.history(CHANNEL)).toHaveLength(3);
    expect((await world.store.listAlerts()).some((r) => r.mentionId.startsWith("storm:"))).toBe(false);
  });
});

const FP = "0f0f0f0f12345678";
/** The same long text posted by different accounts on different sites. */
const copy = (i: number, platform: string, fingerprint = FP, rating = 1) =>
  makeScoredMention(1000 + i, {
    platform,
    author: `bot_${i}`,
    rating,
    publishedAt: ago(30 * MIN),
    text: "Никогда не обращайтесь в Акме, обманули на деньги, менеджеры хамят, товар сломан, возврата нет уже месяц",
    analysis: { fingerprint, label: rating <= 2 ? "negative" : "positive" },
  });

describe("review attack", () => {
  it("pure: near-duplicates from several accounts group; one account's reposts do not", () => {
    const near = "0f0f0f0f12345679"; // 1 bit away
    expect(fingerprintDistance(FP, near)).toBe(1);
    const groups = findAttackGroups([copy(1, "otzovik"), copy(2, "irecommend", near), copy(3, "zoon")], {
      minSize: 3,
      maxDistance: 3,
      minWords: 8,
    });
    expect(groups.map((g) => g.length)).toEqual([3]);
    const same = [1, 2, 3].map((i) => ({ ...copy(i, "otzovik"), author: "one" }));
    expect(findAttackGroups(same, { minSize: 3, maxDistance: 3, minWords: 8 })).toEqual([]);
    const far = findAttackGroups([copy(1, "otzovik"), copy(2, "zoon", "f0f0f0f0edcba987"), copy(3, "zoon")], {
      minSize: 3,
      maxDistance: 3,
      minWords: 8,
    });
    expect(far).toEqual([]);
  });

  it("one incident message listing them; their alerts and later copies in its thread", async () => {
    world = await makeWorld(alertsConfig({ attack: { notify: ["slack"], minSize: 3 } }));
    const first = [copy(1, "otzovik"), copy(2, "irecommend"), copy(3, "zoon")];
    await world.ingest(first);
    expect(await world.deliver()).toMatchObject({ sent: 4 });
    const top = world.slack.workspace.history(CHANNEL);
    expect(top).toHaveLength(1);
    const listing = JSON.stringify(top[0]!.blocks);
    expect(top[0]!.text).toMatch(/review attack on Акме/);
    for (const m of first) expect(listing).toContain(m.url);
    expect(world.slack.workspace.thread(CHANNEL, top[0]!.ts)).toHaveLength(4);

    await world.ingest([copy(4, "otzovik")]);
    expect(await world.deliver()).toMatchObject({ sent: 1 });
    expect(world.slack.workspace.history(CHANNEL)).toHaveLength(1);
    expect(world.slack.workspace.thread(CHANNEL, top[0]!.ts)).toHaveLength(5);
  });

  it("an attack of positive fakes (no rule fires) still gets its incident message", async () => {
    world = await makeWorld(alertsConfig({ attack: { notify: ["slack"], minSize: 3 } }));
    await world.ingest([copy(1, "otzovik", FP, 5), copy(2, "irecommend", FP, 5), copy(3, "zoon", FP, 5)]);
    expect(await world.deliver()).toMatchObject({ sent: 1 });
    expect(world.slack.workspace.history(CHANNEL)[0]!.text).toMatch(/review attack/);
  });
});

let runSeq = 0;
async function run(w: World, status: SourceStatus, error?: string): Promise<void> {
  const startedAt = new Date(Date.now() - 3_600_000 + ++runSeq * 1000).toISOString();
  const r: CrawlRun = {
    id: `${startedAt}|otzovik|acme`,
    sourceId: "otzovik",
    brandId: "acme",
    startedAt,
    status,
    pages: 1,
    items: 0,
    new: 0,
    changed: 0,
    alerts: 0,
    error,
  };
  await w.store.recordRun(r);
}

describe("source health", () => {
  it("pure: K failing runs in a row → down; the first healthy run after → up", () => {
    const runs = (s: (SourceStatus | undefined)[]) =>
      s.map((status, i) => ({ startedAt: `2024-03-0${9 - i}`, status }));
    const cfg = { after: 3, statuses: ["blocked", "broken"] as ("blocked" | "broken")[] };
    expect(healthEvent(runs(["blocked", "broken", "blocked", "ok"]), cfg)).toMatchObject({
      state: "down",
      runs: 3,
      since: "2024-03-07",
    });
    expect(healthEvent(runs(["blocked", "blocked", "ok"]), cfg)).toBeUndefined();
    expect(healthEvent(runs(["ok", "blocked", "failed", "blocked", "blocked"]), cfg)).toMatchObject({
      state: "up",
      at: "2024-03-09",
      runs: 3,
    });
    expect(healthEvent(runs(["ok", "ok", "blocked", "blocked", "blocked"]), cfg)).toMatchObject({
      state: "up",
      at: "2024-03-08",
    });
    expect(healthEvent(runs(["ok", "blocked", "blocked"]), cfg)).toBeUndefined();
  });

  it("one message to the ops channel when a source fails K runs in a row, one when it recovers", async () => {
    world = await makeWorld(alertsConfig({ sourceHealth: { notify: ["ops"], after: 3 } }));
    await run(world, "blocked");
    await run(world, "blocked");
    expect(await world.deliver()).toMatchObject({ sent: 0 });
    await run(world, "broken", "0 items where about 20 were usual");
    expect(await world.deliver()).toMatchObject({ sent: 1 });
    await run(world, "blocked", "captcha page");
    expect(await world.deliver()).toMatchObject({ sent: 0 });
    const down = world.slack.messages(OPS);
    expect(down).toHaveLength(1);
    expect(down[0]!.text).toMatch(/Source failing: otzovik \(Акме\)/);
    expect(JSON.stringify(down[0]!.blocks)).toContain("0 items where about 20 were usual");

    await run(world, "ok");
    expect(await world.deliver()).toMatchObject({ sent: 1 });
    await run(world, "ok");
    expect(await world.deliver()).toMatchObject({ sent: 0 });
    const all = world.slack.messages(OPS);
    expect(all).toHaveLength(2);
    expect(all[1]!.text).toMatch(/Source recovered: otzovik \(Акме\).*after 4 failing runs/);
    expect(world.slack.messages(CHANNEL)).toHaveLength(0);
  });
});
