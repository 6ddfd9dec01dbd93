/**
 * Contract: two real processes on the same data at the same time (tests/store/race-worker.ts).
 * Each mention must be reported "new" exactly once, an edit "changed" exactly once, outbox rows must
 * stay unique, and two claimers must never get the same row.
 */
import { expect, it } from "vitest";
import type { IngestResult } from "../../src/store/store.js";
import type { HarnessRef } from "./contract-harness.js";
import { makeScoredMentions } from "./fixtures.js";
import { runWorkersTogether } from "./spawn-workers.js";

const COUNT = 500;
const RACE_TIMEOUT_MS = 120_000;

function statusCounts(results: IngestResult[], status: "new" | "changed"): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of results) {
    for (const item of r.items)
      if (item.status === status) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
  }
  return counts;
}

export function raceContract(h: HarnessRef): void {
  it(
    "two processes ingesting the same batch at once: every mention new exactly once, then changed exactly once",
    async (ctx) => {
      const { store, workerEnv } = h();
      if (!workerEnv) return ctx.skip();
      await store.close(); // the workers own the data during the race
      const ids = makeScoredMentions(COUNT).map((m) => m.id);
      const negatives = makeScoredMentions(COUNT).filter((m) => m.analysis.label === "negative").length;

      const ingest = ["ingest", String(COUNT)];
      const first = await runWorkersTogether<IngestResult>(
        [
          [...ingest, "forward"],
          [...ingest, "shuffle"],
        ],
        workerEnv,
      );
      const news = statusCounts(first, "new");
      expect([...news.keys()].sort()).toEqual([...ids].sort());
      expect([...news.values()].every((n) => n === 1)).toBe(true);
      expect(first.reduce((s, r) => s + r.new + r.unchanged, 0)).toBe(2 * COUNT);
      expect(first.reduce((s, r) => s + r.changed, 0)).toBe(0);
      expect(first.reduce((s, r) => s + r.alertsQueued, 0)).toBe(2 * negatives);

      const second = await runWorkersTogether<IngestResult>(
        [
          [...ingest, "reverse", "edit"],
          [...ingest, "forward", "edit"],
        ],
        workerEnv,
      );
      const changed = statusCounts(second, "changed");
      expect(changed.size).toBe(COUNT);
      expect([...changed.values()].every((n) => n === 1)).toBe(true);
      expect(second.reduce((s, r) => s + r.new, 0)).toBe(0);

      const { reopen } = h();
      const check = reopen ? await reopen() : undefined;
      if (!check) return;
      await check.init();
      expect(await check.countMentions()).toBe(COUNT);
      const all = await check.findMentions({});
      expect(new Set(all.map((m) => m.id)).size).toBe(COUNT);
      expect(all.every((m) => m.version === 2)).toBe(true);
      const rows = await check.listAlerts();
      expect(rows).toHaveLength(4 * negatives); // 2 notifiers × (new + one edit)
      expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
      await check.close();
    },
    RACE_TIMEOUT_MS,
  );

  it(
    "two processes claiming at once never get the same row, and together send every row once",
    async (ctx) => {
      const { store, workerEnv } = h();
      if (!workerEnv) return ctx.skip();
      const batch = makeScoredMentions(120);
      await store.ingest(batch, () => [{ ruleId: "all", notifierId: "console", severity: "info" }]);
      const keys = (await store.listAlerts()).map((r) => r.key);
      expect(keys).toHaveLength(120);
      await store.close();

      const [a, b] = await runWorkersTogether<{ keys: string[] }>(
        [
          ["claim", "worker-a", "3"],
          ["claim", "worker-b", "3"],
        ],
        workerEnv,
      );
      const claimedA = new Set(a!.keys);
      expect(b!.keys.filter((k) => claimedA.has(k))).toEqual([]);
      expect([...a!.keys, ...b!.keys].sort()).toEqual([...keys].sort());
    },
    RACE_TIMEOUT_MS,
  );
}
