/** Contract: reads, hostile values, runs, source state, persistence across a reopen. */
import { expect, it } from "vitest";
import type { CrawlRun, SourceState } from "../../src/store/store.js";
import { at, type HarnessRef, T0 } from "./contract-harness.js";
import { makeScoredMention, makeScoredMentions, noAlerts } from "./fixtures.js";

const HOSTILE = [
  "$where",
  "a.b",
  '{"$ne":null}',
  "'; DROP TABLE mentions; --",
  'O\'Reilly "quoted" `tick` \\ backslash',
  "😀🔥👍🏽 Ёлки-палки",
  "line\nbreak\ttab\r\n",
  "$gt",
  "%_*?",
];

function run(id: string, sourceId: string, startedAt: Date, extra: Partial<CrawlRun> = {}): CrawlRun {
  return {
    id,
    sourceId,
    startedAt: startedAt.toISOString(),
    pages: 0,
    items: 0,
    new: 0,
    changed: 0,
    alerts: 0,
    ...extra,
  };
}

export function recordsContract(h: HarnessRef): void {
  it("round-trips scraped hostile values as plain strings", async () => {
    const { store } = h();
    const extra = Object.fromEntries(HOSTILE.map((v, i) => [v, i % 2 ? v : i]));
    const m = makeScoredMention(3, {
      externalId: `${HOSTILE[3]}${HOSTILE[0]}.${HOSTILE[1]}`,
      author: HOSTILE[2],
      title: HOSTILE.join(" | "),
      text: `${"Очень длинный отзыв. ".repeat(500)}${HOSTILE[5]}`.slice(0, 10_000),
      pros: HOSTILE[4],
      cons: HOSTILE[6],
      subject: HOSTILE[7],
      extra: { ...extra, "nested.key": "x", "": "empty key" },
      reply: { text: HOSTILE[2]!, author: HOSTILE[0] },
    });
    expect(m.text).toHaveLength(10_000);
    await store.ingest([m], noAlerts, T0);
    const back = await store.getMention(m.id);
    expect(back).toMatchObject(m);
    expect(back?.extra).toEqual(m.extra);
    expect(typeof back?.author).toBe("string");
    const again = await store.ingest([m], noAlerts, at(1));
    expect(again.unchanged).toBe(1);
    // hostile strings in queries are values, never operators
    expect(await store.findMentions({ brandId: '{"$ne":null}' })).toEqual([]);
    expect(await store.countMentions({ platform: "$where" })).toBe(0);
    expect(await store.countMentions({ brandId: "acme' OR '1'='1" })).toBe(0);
    expect(await store.getMention('{"$ne":null}')).toBeUndefined();
    expect(await store.countMentions({ brandId: "acme" })).toBe(1);
  });

  it("finds one brand's week, newest first, with platform filter, limit and count", async () => {
    const { store } = h();
    // 400 hourly mentions from Monday 2024-03-04 for acme, 400 for globex, 40 acme on another platform
    await store.ingest(makeScoredMentions(400), noAlerts, T0);
    await store.ingest(makeScoredMentions(400, 0, { brandId: "globex" }), noAlerts, T0);
    await store.ingest(
      makeScoredMentions(40, 0, { platform: "irecommend", url: "https://irecommend.ru/x" }),
      noAlerts,
      T0,
    );
    const week = { brandId: "acme", from: "2024-03-04T00:00:00.000Z", to: "2024-03-11T00:00:00.000Z" };
    const found = await store.findMentions(week);
    expect(found).toHaveLength(168 + 40);
    const times = found.map((m) => Date.parse(m.publishedAt!));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(found.every((m) => m.brandId === "acme")).toBe(true);
    expect(Date.parse(found[0]!.publishedAt!)).toBe(Date.parse("2024-03-10T23:00:00Z"));
    expect(await store.countMentions(week)).toBe(208);
    const otzovik = await store.findMentions({ ...week, platform: "otzovik" });
    expect(otzovik.map((m) => m.externalId)).toEqual(Array.from({ length: 168 }, (_, k) => `r${167 - k}`));
    const top = await store.findMentions({ ...week, platform: "otzovik", limit: 5 });
    expect(top.map((m) => m.externalId)).toEqual(["r167", "r166", "r165", "r164", "r163"]);
    const negatives = await store.findMentions({ ...week, platform: "otzovik", label: "negative" });
    expect(negatives).toHaveLength(68); // i in 0..167 with rating (i % 5) + 1 <= 2
    expect(negatives.every((m) => m.analysis.label === "negative")).toBe(true);
    expect(await store.countMentions({ ...week, platform: "otzovik", label: "negative" })).toBe(
      negatives.length,
    );
    expect(await store.countMentions({ brandId: "globex" })).toBe(400);
    expect(await store.countMentions()).toBe(840);
    // "to" is exclusive, "from" inclusive; an offset instant means the same moment
    expect(
      await store.countMentions({
        brandId: "globex",
        from: "2024-03-04T03:00:00+03:00",
        to: "2024-03-04T02:00:00Z",
      }),
    ).toBe(2);
  });

  it("a mention without publishedAt is found by its first-seen time", async () => {
    const { store } = h();
    const m = { ...makeScoredMention(1), publishedAt: undefined };
    await store.ingest([m], noAlerts, new Date("2024-05-15T10:00:00Z"));
    expect(
      (await store.findMentions({ from: "2024-05-13T00:00:00Z", to: "2024-05-20T00:00:00Z" })).map(
        (x) => x.id,
      ),
    ).toEqual([m.id]);
    expect(await store.countMentions({ to: "2024-05-15T10:00:00Z" })).toBe(0);
  });

  it("records runs (an update replaces) and lists them newest first", async () => {
    const { store } = h();
    await store.recordRun(run("r1", "otzovik", at(0)));
    await store.recordRun(run("r2", "zoon", at(1000)));
    await store.recordRun(run("r3", "otzovik", at(2000), { brandId: "acme" }));
    const finished = run("r1", "otzovik", at(0), {
      finishedAt: at(500).toISOString(),
      status: "ok",
      pages: 3,
      items: 60,
      new: 4,
      changed: 1,
      alerts: 2,
      coverage: { rating: 1, "a.b": 0.5, $where: 0 },
    });
    await store.recordRun(finished);
    expect((await store.listRuns()).map((r) => r.id)).toEqual(["r3", "r2", "r1"]);
    expect((await store.listRuns({ sourceId: "otzovik" })).map((r) => r.id)).toEqual(["r3", "r1"]);
    expect((await store.listRuns({ limit: 1 })).map((r) => r.id)).toEqual(["r3"]);
    expect((await store.listRuns({ sourceId: "otzovik" }))[1]).toEqual(finished);
    expect(await store.listRuns({ sourceId: "nope" })).toEqual([]);
  });

  it("saves and replaces source state", async () => {
    const { store } = h();
    const key = "otzovik|acme|https://otzovik.com/reviews/acme/";
    expect(await store.getSourceState(key)).toBeUndefined();
    const s1: SourceState = { key, sourceId: "otzovik", consecutiveFailures: 0 };
    await store.saveSourceState(s1);
    expect(await store.getSourceState(key)).toEqual(s1);
    const s2: SourceState = {
      key,
      sourceId: "otzovik",
      lastRunAt: T0.toISOString(),
      lastStatus: "broken",
      consecutiveFailures: 3,
      lastSeenIds: ["r1", "$where", "a.b"],
      cursor: '{"$ne":null}',
      usualItems: 20,
      usualCoverage: { rating: 0.95 },
    };
    await store.saveSourceState(s2);
    expect(await store.getSourceState(key)).toEqual(s2);
  });

  it("keeps everything across a close and reopen", async (ctx) => {
    const { store, reopen } = h();
    if (!reopen) return ctx.skip();
    const batch = makeScoredMentions(30);
    await store.ingest(
      batch,
      (m) => (m.rating === 1 ? [{ ruleId: "r", notifierId: "n", severity: "info" }] : []),
      T0,
    );
    const [claimed] = await store.claimAlerts("w", 1, 1000, at(1));
    await store.markAlertSent(claimed!.key, "ts-1", at(2));
    await store.recordRun(run("run-1", "otzovik", T0, { status: "ok", items: 30, new: 30 }));
    await store.saveSourceState({ key: "k", sourceId: "otzovik", consecutiveFailures: 2 });
    const before = await store.findMentions({});
    const alertsBefore = await store.listAlerts();
    await store.close();

    const again = await reopen();
    await again.init();
    expect(await again.countMentions()).toBe(30);
    expect(await again.findMentions({})).toEqual(before);
    expect(await again.listAlerts()).toEqual(alertsBefore);
    expect((await again.listAlerts({ state: "sent" })).map((r) => r.key)).toEqual([claimed!.key]);
    expect(await again.listRuns()).toEqual([
      run("run-1", "otzovik", T0, { status: "ok", items: 30, new: 30 }),
    ]);
    expect(await again.getSourceState("k")).toEqual({
      key: "k",
      sourceId: "otzovik",
      consecutiveFailures: 2,
    });
    const r = await again.ingest(batch, noAlerts, at(5000));
    expect(r.unchanged).toBe(30);
  });
}
