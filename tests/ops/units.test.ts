/** The pure and small parts of operations: jitter, the lease keeper on a real SQLite store, metrics text. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/ops/metrics.js";
import type { RunSummary } from "../../src/pipeline/run.js";
import { JITTER_CAP_MS, jitterMs, jitterWaitMs, lastFiring } from "../../src/schedule/jitter.js";
import { holdLease } from "../../src/schedule/lease-keeper.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "repwatch-ops-units-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("jitter", () => {
  const now = new Date("2026-03-02T10:17:00Z");
  const keys = Array.from({ length: 200 }, (_, i) => `otzovik|brand-${i}|https://otzovik.com/reviews/b${i}/`);

  it("is the same for a target every time, and spreads targets over the window", () => {
    const a = keys.map((k) => jitterMs(k, "17 * * * *", "Europe/Moscow", now));
    const b = keys.map((k) =>
      jitterMs(k, "17 * * * *", "Europe/Moscow", new Date(now.getTime() + 3_600_000)),
    );
    expect(a).toEqual(b);
    for (const j of a) expect(j >= 0 && j < JITTER_CAP_MS).toBe(true);
    // 200 targets on one hourly schedule: no second holds more than a handful of starts
    const perSecond = new Map<number, number>();
    for (const j of a) perSecond.set(Math.floor(j / 1000), (perSecond.get(Math.floor(j / 1000)) ?? 0) + 1);
    expect(perSecond.size).toBeGreaterThanOrEqual(25);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
  });

  it("stays under a tenth of a short schedule's period", () => {
    for (const k of keys) expect(jitterMs(k, "* * * * *", "UTC", now)).toBeLessThan(6000);
  });

  it("is waited from the firing: a run started late waits less, or not at all", () => {
    const key = keys.find((k) => jitterMs(k, "17 * * * *", "UTC", now) > 5000)!;
    const j = jitterMs(key, "17 * * * *", "UTC", now);
    const fired = lastFiring("17 * * * *", "UTC", now);
    expect(fired.toISOString()).toBe("2026-03-02T10:17:00.000Z");
    expect(jitterWaitMs(key, "17 * * * *", "UTC", fired)).toBe(j);
    expect(jitterWaitMs(key, "17 * * * *", "UTC", new Date(fired.getTime() + 2000))).toBe(j - 2000);
    expect(jitterWaitMs(key, "17 * * * *", "UTC", new Date(fired.getTime() + j + 1))).toBe(0);
  });
});

describe("holdLease", () => {
  it("keeps a lease while held, tells the loser, releases for the next holder", async () => {
    const store = openSqliteStore(join(dir, "leases.db"));
    await store.init();
    try {
      const a = await holdLease(store, "source:otzovik", "a", 60_000);
      expect(a?.lease).toMatchObject({ name: "source:otzovik", holder: "a", token: 1 });
      expect(await holdLease(store, "source:otzovik", "b", 60_000)).toBeUndefined();
      expect(await a!.stillHeld()).toBe(true);
      await a!.release();
      const b = await holdLease(store, "source:otzovik", "b", 60_000);
      expect(b?.lease.token).toBe(2);
      await b!.release();
    } finally {
      await store.close();
    }
  });

  it("a holder whose lease expired and was taken learns it has lost it, and stores nothing over it", async () => {
    const store = openSqliteStore(join(dir, "lost.db"));
    await store.init();
    try {
      const a = (await holdLease(store, "crawl:x", "a", 60_000))!;
      // another process takes it after expiry (simulated by acquiring at a later clock)
      const later = new Date(Date.parse(a.lease.expiresAt) + 1);
      expect(await store.acquireLease("crawl:x", "b", 60_000, later)).toMatchObject({
        holder: "b",
        token: 2,
      });
      expect(await a.stillHeld()).toBe(false);
      expect(a.lost.aborted).toBe(true);
      await a.release(); // a no-op: b keeps it
      expect(await store.acquireLease("crawl:x", "c", 60_000, later)).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe("metrics", () => {
  it("renders counters from run summaries and outbox gauges in the Prometheus text format", () => {
    const m = createMetrics();
    const summary = {
      finishedAt: "2026-03-02T10:20:00.000Z",
      targets: [
        { source: "otzovik", status: "ok", pages: 3, items: 25, new: 25, changed: 0, durationMs: 1500 },
        { source: "zoon", status: "blocked", pages: 1, items: 0, new: 0, changed: 0, durationMs: 500 },
        { source: "yelp", status: "skipped", pages: 0, items: 0, new: 0, changed: 0, durationMs: 0 },
      ],
      alerts: { queued: 14, incidents: 0, sent: 14, retrying: 1, failed: 0, held: 0, problems: [] },
    } as unknown as RunSummary;
    m.observeRun(summary);
    m.observeRun(summary);
    m.observeOutbox({ pending: 3, due: 2, lagSeconds: 42, sending: 0, failed: 1, failures: [] });
    const text = m.render();
    expect(text).toContain("# TYPE repwatch_crawl_pages_total counter");
    expect(text).toContain('repwatch_crawl_pages_total{source="otzovik"} 6');
    expect(text).toContain('repwatch_crawl_errors_total{class="blocked",source="zoon"} 2');
    expect(text).not.toContain('source="yelp"');
    expect(text).toContain("repwatch_alerts_sent_total 28");
    expect(text).toContain("repwatch_outbox_lag_seconds 42");
    expect(text).toContain('repwatch_source_last_run_timestamp_seconds{source="otzovik"} 1772446800');
    for (const line of text.trim().split("\n"))
      expect(line, line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{(\w+="[^"]*",?)+\})? -?[\d.e+]+)$/);
  });
});
