/**
 * Conditional requests across cron runs: each `repwatch run` is a new process, so what makes the
 * second one ask "not modified?" is the validators kept in the target's state. The otzovik replica
 * serves the same bytes until its stage moves (two reviews appear on top).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { targetValidators } from "../../src/pipeline/page-validators.js";
import type { RunSummary } from "../../src/pipeline/run.js";
import type { SourceState } from "../../src/store/store.js";
import { runCli } from "../helpers/cli.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { allSites } from "../web/sites.js";

const stateOf = (over: Partial<SourceState>): SourceState => ({
  key: "otzovik|acme|https://otzovik.com/reviews/acme/",
  sourceId: "otzovik",
  consecutiveFailures: 0,
  lastRunAt: "2026-11-23T10:00:00.000Z",
  lastStatus: "ok",
  pageValidators: [{ url: "https://otzovik.com/reviews/acme/", etag: '"v1"', checksum: "abc" }],
  ...over,
});

describe("which validators a crawl may trust", () => {
  it("those of a crawl that ended ok, on an incremental crawl", () => {
    const v = targetValidators(stateOf({}), "incremental");
    expect(v.trusted).toBe(true);
    expect(v.store.get("https://otzovik.com/reviews/acme/")).toEqual({ etag: '"v1"', checksum: "abc" });
  });

  it.each([
    ["the last crawl was blocked (its page was a wall, not reviews)", { lastStatus: "blocked" as const }],
    ["the last crawl was degraded", { lastStatus: "degraded" as const }],
    ["the last crawl was broken", { lastStatus: "broken" as const }],
    ["no validators were kept", { pageValidators: undefined }],
  ])("none when %s", (_why, over) => {
    const v = targetValidators(stateOf(over), "incremental");
    expect(v.trusted).toBe(false);
    expect(v.store.get("https://otzovik.com/reviews/acme/")).toBeUndefined();
  });

  it("none on a backfill (a first crawl, or one after a crawl cut short)", () => {
    expect(targetValidators(stateOf({}), "backfill").trusted).toBe(false);
    expect(targetValidators(undefined, "incremental").trusted).toBe(false);
  });

  it("keeps the ten pages recorded last", () => {
    const v = targetValidators(undefined, "backfill");
    for (let i = 0; i < 12; i++) v.store.set(`https://x.test/p${i}`, { checksum: String(i) });
    v.store.set("https://x.test/p0", { checksum: "again" });
    const kept = v.snapshot();
    expect(kept).toHaveLength(10);
    expect(kept.map((x) => x.url)).not.toContain("https://x.test/p1");
    expect(kept.at(-1)).toEqual({ url: "https://x.test/p0", checksum: "again" });
  });
});

describe("repwatch run, twice, as cron runs it", () => {
  let web: ReplicaWeb;
  let dir: string;
  beforeAll(async () => {
    web = await startReplicaWeb(allSites);
    dir = mkdtempSync(join(tmpdir(), "repwatch-validators-"));
  });
  afterAll(async () => {
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async () => {
    const out = join(dir, `summary-${Date.now()}.json`);
    const r = await runCli(["run", "--force", "--source", "otzovik", "--no-digest", "--summary-out", out], {
      env: {
        REPWATCH_DB: join(dir, "repwatch.db"),
        REPWATCH_ORIGIN_MAP: web.originMap,
        REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
        REPWATCH_LOG_LEVEL: "warn",
        SLACK_BOT_TOKEN: "",
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const { readFileSync } = await import("node:fs");
    return JSON.parse(readFileSync(out, "utf8")) as RunSummary;
  };
  const listHits = (from: number) =>
    web.hits.slice(from).filter((h) => h.host === "otzovik.com" && h.path.startsWith("/reviews/"));

  it("the second run reads one unchanged page per target; new reviews are read again in full", async () => {
    const first = await run();
    expect(first.mentions.new).toBeGreaterThan(0);
    const targets = first.targets.length;
    expect(targets).toBeGreaterThan(0);
    expect(first.targets.every((t) => t.status === "ok" && t.pages > 1)).toBe(true);

    let mark = web.hits.length;
    const second = await run();
    expect(second.mentions.new).toBe(0);
    for (const t of second.targets) expect(t).toMatchObject({ status: "ok", pages: 1, items: 0 });
    expect(second.targets.every((t) => t.note === "not modified since the last crawl")).toBe(true);
    expect(listHits(mark)).toHaveLength(targets);

    web.setStage(1); // two reviews appear on top of each list
    mark = web.hits.length;
    const third = await run();
    expect(third.mentions.new).toBe(2 * targets);
    expect(third.targets.every((t) => t.status === "ok" && t.note === undefined)).toBe(true);
    expect(listHits(mark).length).toBeGreaterThanOrEqual(targets);
  });
});
