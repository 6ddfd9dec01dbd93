/**
 * Store benchmark: upsert throughput and one-brand-week reads on the SQLite adapter.
 *
 *   npx tsx bench/store.ts                    # 100,000 mentions in batches of 1,000 (< 1 min)
 *   npx tsx bench/store.ts --mentions 1000000 # the 1M-mention read (several minutes)
 *   npx tsx bench/store.ts --batch 500 --db /tmp/x.db --keep
 *
 * Mentions are spread over 10 brands and one year, so a brand-week holds ≈ N/520 of them; 40% are
 * negative and queue one alert. Fixture generation is not timed. Prints one JSON object per line.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ScoredMention } from "../src/domain/mention.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { AlertDecider } from "../src/store/store.js";
import { makeScoredMention } from "../tests/store/fixtures.js";

const { values: args } = parseArgs({
  options: {
    mentions: { type: "string", default: "100000" },
    batch: { type: "string", default: "1000" },
    db: { type: "string" },
    keep: { type: "boolean", default: false },
    reads: { type: "string", default: "25" },
  },
});
const N = Number(args.mentions);
const BATCH = Number(args.batch);
const READS = Number(args.reads);
const BRANDS = 10;
const YEAR_START = Date.parse("2024-01-01T00:00:00.000Z");
const YEAR_MS = 365 * 24 * 3_600_000;
const WEEK_MS = 7 * 24 * 3_600_000;

const decide: AlertDecider = (m) =>
  m.analysis.label === "negative" ? [{ ruleId: "negative", notifierId: "slack", severity: "warning" }] : [];

function batchOf(from: number, edit = false): ScoredMention[] {
  const out: ScoredMention[] = [];
  for (let i = from; i < Math.min(N, from + BATCH); i++) {
    const m = makeScoredMention(i, {
      brandId: `brand-${i % BRANDS}`,
      publishedAt: new Date(YEAR_START + Math.floor((i / N) * YEAR_MS)).toISOString(),
    });
    out.push(edit ? { ...m, text: `${m.text} (ред.)` } : m);
  }
  return out;
}

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ impl: "sqlite", ...line })}\n`);
}

async function timedIngest(
  store: ReturnType<typeof openSqliteStore>,
  edit: boolean,
  now: Date,
): Promise<{ seconds: number; counts: Record<string, number> }> {
  let ms = 0;
  const counts: Record<string, number> = { new: 0, changed: 0, unchanged: 0, alertsQueued: 0 };
  for (let from = 0; from < N; from += BATCH) {
    const batch = batchOf(from, edit);
    const t = performance.now();
    const r = await store.ingest(batch, decide, now);
    ms += performance.now() - t;
    for (const k of ["new", "changed", "unchanged", "alertsQueued"] as const) counts[k]! += r[k];
  }
  return { seconds: ms / 1000, counts };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = args.db ? undefined : mkdtempSync(join(tmpdir(), "repwatch-bench-"));
  const file = args.db ?? join(dir!, "bench.db");
  const store = openSqliteStore(file);
  await store.init();
  try {
    const base = { mentions: N, batch: BATCH };
    const fresh = await timedIngest(store, false, new Date("2025-01-01T00:00:00Z"));
    emit({
      bench: "store-upsert",
      phase: "new",
      ...base,
      ...fresh.counts,
      seconds: round(fresh.seconds),
      mentionsPerSec: Math.round(N / fresh.seconds),
    });
    const same = await timedIngest(store, false, new Date("2025-01-02T00:00:00Z"));
    emit({
      bench: "store-upsert",
      phase: "unchanged",
      ...base,
      ...same.counts,
      seconds: round(same.seconds),
      mentionsPerSec: Math.round(N / same.seconds),
    });
    const edited = await timedIngest(store, true, new Date("2025-01-03T00:00:00Z"));
    emit({
      bench: "store-upsert",
      phase: "changed",
      ...base,
      ...edited.counts,
      seconds: round(edited.seconds),
      mentionsPerSec: Math.round(N / edited.seconds),
    });

    // one brand, one week in the middle of the year: as the weekly digest reads it
    const from = new Date(YEAR_START + 26 * WEEK_MS).toISOString();
    const to = new Date(YEAR_START + 27 * WEEK_MS).toISOString();
    const query = { brandId: "brand-3", from, to };
    const findMs: number[] = [];
    const countMs: number[] = [];
    let rows = 0;
    for (let k = 0; k < READS; k++) {
      let t = performance.now();
      rows = (await store.findMentions(query)).length;
      findMs.push(performance.now() - t);
      t = performance.now();
      await store.countMentions(query);
      countMs.push(performance.now() - t);
    }
    emit({
      bench: "store-read-week",
      mentions: N,
      rows,
      runs: READS,
      medianMs: round(median(findMs)),
      maxMs: round(Math.max(...findMs)),
    });
    emit({ bench: "store-count-week", mentions: N, rows, runs: READS, medianMs: round(median(countMs)) });
    const alerts = await store.listAlerts({ state: "pending" });
    let t = performance.now();
    const claimed = await store.claimAlerts("bench", 100, 60_000, new Date("2025-01-04T00:00:00Z"));
    emit({
      bench: "store-claim",
      pendingRows: alerts.length,
      claimed: claimed.length,
      ms: round(performance.now() - t),
    });
    t = performance.now();
    await store.close();
    emit({
      bench: "store-file",
      mentions: N,
      bytes: statSync(file).size,
      closeMs: round(performance.now() - t),
    });
  } finally {
    await store.close();
    if (dir && !args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

await main();
