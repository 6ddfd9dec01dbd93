/**
 * Aggregation on a real SQLite store seeded with hand-counted mentions: counts, shares, deltas,
 * rating averages, top and unanswered negatives, share of voice, source health, incidents, and week
 * boundaries in Europe/Berlin across the end of summer time (2026-W43 lasts 169 hours).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Brand } from "../../src/config/brands.js";
import { DigestFile } from "../../src/config/digest.js";
import { collectDigest } from "../../src/digest/collect.js";
import type { Digest } from "../../src/digest/model.js";
import type { ScoredMention } from "../../src/domain/mention.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { CrawlRun } from "../../src/store/store.js";
import { makeScoredMention, noAlerts, type ScoredMentionOverrides } from "../store/fixtures.js";

let n = 0;
function m(
  publishedAt: string,
  label: "negative" | "neutral" | "positive",
  rating: number | undefined,
  o: ScoredMentionOverrides & { risks?: string[]; reasons?: [string, number, string?][] } = {},
): ScoredMention {
  const { risks = [], reasons = [], ...rest } = o;
  const x = makeScoredMention(n++, {
    publishedAt,
    rating,
    ...rest,
    analysis: {
      label,
      risks: risks.map((flag) => ({ flag, trigger: "суд" })),
      reasons: reasons.map(([term, weight, field]) => ({ term, weight, field: (field ?? "text") as "text" })),
    },
  });
  if (rating === undefined) delete x.rating;
  return x;
}

const MAPS = { platform: "maps", kind: "map" as const, url: "https://maps.example/org/1" };
const HH = { platform: "hh", kind: "employer" as const, url: "https://hh.example/employer/1" };
const FORUM = { platform: "forum", kind: "forum" as const, url: "https://forum.example/t/1" };
const REPLY = { reply: { text: "Спасибо, разберёмся" } };

// W42 (previous week): 5 mentions, 1 negative, ratings 5 1 5 4 3 (avg 3.6), maps 4.5
const previous = [
  m("2026-10-14T10:00:00Z", "positive", 5),
  m("2026-10-14T11:00:00Z", "negative", 1, { reasons: [["хамство", -2]] }),
  m("2026-10-15T10:00:00Z", "positive", 5, MAPS),
  m("2026-10-16T10:00:00Z", "positive", 4, MAPS),
  m("2026-10-18T21:59:59Z", "neutral", 3), // Sunday 23:59:59 in Berlin: still W42
];
// W43 (reported): 8 mentions, 4 negative
const b1 = m("2026-10-18T22:00:00Z", "negative", 2, { reasons: [["хамство", -2]] }); // Monday 00:00 Berlin
const b2 = m("2026-10-20T09:00:00Z", "negative", 1, { ...MAPS, ...REPLY, reasons: [["очередь", -1]] });
const b3 = m("2026-10-20T10:00:00Z", "negative", 2, {
  ...MAPS,
  risks: ["legal-threat"],
  reasons: [["очередь", -1]],
});
const b8 = m("2026-10-22T20:00:00Z", "negative", undefined, { reasons: [["обман", -3]] });
const reported = [
  b1,
  b2,
  b3,
  m("2026-10-21T10:00:00Z", "positive", 4, MAPS),
  m("2026-10-21T12:00:00Z", "neutral", 3, {
    ...HH,
    cons: "переработки",
    reasons: [["переработки", -2, "cons"]],
  }),
  m("2026-10-25T22:30:00Z", "neutral", undefined, FORUM), // Sunday 23:30 Berlin (UTC+1 since 03:00): W43
  m("2026-10-23T10:00:00Z", "positive", 5),
  b8,
];
const next = [m("2026-10-25T23:00:00Z", "negative", 1)]; // Monday 00:00 Berlin: W44
const competitor = [
  ...[2, 3, 4, 5, 6].map((d) => m(`2026-10-1${d}T10:00:00Z`, "positive", 5, { brandId: "globex" })),
  m("2026-10-20T10:00:00Z", "negative", 1, { brandId: "globex" }),
  m("2026-10-21T10:00:00Z", "positive", 4, { brandId: "globex" }),
];

function run(sourceId: string, startedAt: string, status: CrawlRun["status"], error?: string): CrawlRun {
  return {
    id: `${sourceId}-${startedAt}`,
    sourceId,
    brandId: "acme",
    startedAt,
    status,
    pages: 1,
    items: 1,
    new: 0,
    changed: 0,
    alerts: 0,
    ...(error ? { error } : {}),
  };
}

const brand = (id: string, name: string, competitor = false) =>
  Brand.parse({
    id,
    name,
    competitor,
    targets: ["otzovik", "maps", "hh", "forum"].map((source) => ({ source, id })),
  });

describe("digest aggregation (SQLite, Europe/Berlin, DST week)", () => {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-digest-agg-"));
  let store: SqliteStore;
  let d: Digest;

  beforeAll(async () => {
    store = openSqliteStore(join(dir, "repwatch.db"));
    await store.init();
    await store.ingest(
      [...previous, ...reported, ...next, ...competitor],
      noAlerts,
      new Date("2026-10-26T08:00:00Z"),
    );
    for (const r of [
      run("otzovik", "2026-10-19T06:00:00.000Z", "ok"),
      run("otzovik", "2026-10-21T06:00:00.000Z", "ok"),
      run("maps", "2026-10-19T06:00:00.000Z", "ok"),
      run("maps", "2026-10-22T06:00:00.000Z", "blocked", "captcha"),
      run("maps", "2026-10-23T06:00:00.000Z", "blocked", "captcha again"),
      run("forum", "2026-10-20T06:00:00.000Z", "broken", "no items where 20 were usual"),
      run("forum", "2026-10-24T06:00:00.000Z", "broken", "no items where 20 were usual"),
      run("otzovik", "2026-10-26T06:00:00.000Z", "blocked"), // next week: not counted
    ])
      await store.recordRun(r);
    await store.enqueueAlerts!(
      [
        {
          key: "storm:acme:2026-10-20#storm#slack",
          mentionId: "storm:acme:2026-10-20",
          ruleId: "storm",
          notifierId: "slack",
          severity: "warning",
          change: "new",
        },
      ],
      new Date("2026-10-20T11:00:00Z"),
    );
    d = await collectDigest({
      store,
      config: {
        brands: [brand("acme", "Акме"), brand("globex", "Глобекс", true)],
        sources: new Map([
          ["otzovik", { name: "Otzovik" }],
          ["maps", { name: "Maps" }],
          ["hh", { name: "HH" }],
          ["forum", { name: "Forum" }],
        ]),
        alerts: {},
        digest: DigestFile.parse({ timezone: "Europe/Berlin", trendWeeks: 4 }),
      },
      brandId: "acme",
      week: { year: 2026, week: 43 },
      now: new Date("2026-10-26T08:00:00Z"),
    });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts the week on the Berlin wall clock: Monday 00:00 in, Monday 00:00 of the next week out", () => {
    expect(d.week).toMatchObject({
      iso: "2026-W43",
      from: "2026-10-18T22:00:00.000Z",
      to: "2026-10-25T23:00:00.000Z",
    });
    expect(d.previousWeek.iso).toBe("2026-W42");
    expect(d.sentiment.current).toEqual({ negative: 4, neutral: 2, positive: 2, total: 8 });
    expect(d.sentiment.previous).toEqual({ negative: 1, neutral: 1, positive: 3, total: 5 });
    expect(d.trend.map((w) => [w.iso, w.counts.total])).toEqual([
      ["2026-W40", 0],
      ["2026-W41", 0],
      ["2026-W42", 5],
      ["2026-W43", 8],
    ]);
  });

  it("headline: volume, negative share and rating with their changes", () => {
    expect(d.headline.volume).toEqual({ current: 8, previous: 5, delta: 3 });
    expect(d.headline.negativeShare).toEqual({ current: 0.5, previous: 0.2, delta: 0.3 });
    expect(d.headline.rating).toEqual({ current: 2.83, previous: 3.6, delta: -0.77 });
    expect(d.trend.at(-1)!.rating).toEqual({ avg: 2.83, count: 6 });
    expect(d.trend[0]!.rating).toEqual({ avg: null, count: 0 });
  });

  it("per platform and per kind, with the map rating's drop", () => {
    const maps = d.platforms.find((p) => p.key === "maps")!;
    expect(maps).toMatchObject({
      name: "Maps",
      kind: "map",
      current: { negative: 2, neutral: 0, positive: 1, total: 3 },
      previous: { negative: 0, neutral: 0, positive: 2, total: 2 },
      rating: { current: 2.33, previous: 4.5, delta: -2.17 },
      ratingCount: 3,
    });
    expect(d.platforms.map((p) => p.key)).toEqual(["otzovik", "maps", "forum", "hh"]);
    expect(d.kinds.map((k) => [k.key, k.current.total])).toEqual([
      ["review", 3],
      ["map", 3],
      ["employer", 1],
      ["forum", 1],
    ]);
    // per-platform rating lines need 3+ ratings a week in 3+ weeks: none here (2 and 3 ratings on maps)
    expect(d.ratingTrends).toEqual([]);
    expect(maps.previousRatingCount).toBe(2);
  });

  it("top negatives by severity, and the unanswered ones oldest first with their age", () => {
    expect(d.topNegatives.map((c) => c.id)).toEqual([b3.id, b2.id, b1.id, b8.id]);
    expect(d.topNegatives[0]).toMatchObject({
      risks: ["legal-threat"],
      replied: false,
      platformName: "Maps",
      rating: 2,
    });
    expect(d.topNegatives[1]!.replied).toBe(true);
    expect(d.unanswered.total).toBe(3);
    expect(d.unanswered.items.map((c) => [c.id, c.ageDays])).toEqual([
      [b1.id, 7],
      [b3.id, 5],
      [b8.id, 3],
    ]);
  });

  it("complaints against last week, employer section, share of voice", () => {
    expect(d.complaints).toEqual([
      { term: "очередь", current: 2, previous: 0 },
      { term: "обман", current: 1, previous: 0 },
      { term: "хамство", current: 1, previous: 1 },
    ]);
    expect(d.employer).toMatchObject({
      volume: { current: 1, previous: 0 },
      rating: { current: 3, previous: null, delta: null },
      platforms: ["HH"],
      cons: [{ term: "переработки", current: 1, previous: 0 }],
    });
    expect(d.competitors).toEqual([
      expect.objectContaining({
        brandId: "acme",
        self: true,
        share: { current: 0.8, previous: 0.5, delta: 0.3 },
      }),
      expect.objectContaining({
        brandId: "globex",
        self: false,
        volume: { current: 2, previous: 5, delta: -3 },
        share: { current: 0.2, previous: 0.5, delta: -0.3 },
        negativeShare: { current: 0.5, previous: 0, delta: 0.5 },
        rating: { current: 2.5, previous: 5, delta: -2.5 },
      }),
    ]);
  });

  it("source health tells silence from calm, and the week's incidents are listed", () => {
    expect(d.sourceHealth.map((s) => [s.sourceId, s.verdict, s.runs])).toEqual([
      ["otzovik", "ok", 2],
      ["maps", "partial", 3],
      ["hh", "not-watched", 0],
      ["forum", "down", 2],
    ]);
    expect(d.sourceHealth[1]).toMatchObject({
      statuses: { ok: 1, blocked: 2 },
      lastStatus: "blocked",
      lastError: "captcha again",
    });
    expect(d.incidents).toEqual([
      expect.objectContaining({
        type: "storm",
        id: "storm:acme:2026-10-20",
        title: "Storm of negative mentions on 20 Oct",
      }),
    ]);
    expect(d.incidents[0]!.detail).toMatch(/^2 negative mentions that day/);
  });
});
