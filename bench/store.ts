/**
 * Store benchmark (`npm run bench:store`): upsert throughput and one-brand-week reads, for the SQLite
 * adapter and the MongoDB adapter, the latter next to a raw-driver `insertMany` of the same documents on
 * the same server. Prints one JSON object per line.
 *
 *   npx tsx bench/store.ts                         # both stores, 100,000 mentions in batches of 1,000
 *   npx tsx bench/store.ts --store sqlite --mentions 1000000   # the 1M-mention read (several minutes)
 *   npx tsx bench/store.ts --store mongodb --mentions 1000000 --fill raw
 *       # 1M mentions loaded by raw insertMany of the adapter's documents, then read through the adapter
 *   npx tsx bench/store.ts --store mongodb --phases new   # only the new-mention phase (vs raw insertMany)
 *   npx tsx bench/store.ts --batch 500 --db /tmp/x.db --keep
 *
 * MongoDB: MONGODB_URI when set, else a private FerretDB 1.24 from the cached binary
 * (scripts/ferretdb-build.sh); neither: a `skipped` line. Mentions are spread over 10 brands and one
 * year, so a brand-week holds ≈ N/520 of them; 40% are negative and queue one alert. Fixture
 * generation is not timed.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ScoredMention } from "../src/domain/mention.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { AlertDecider, Store } from "../src/store/store.js";
import { makeScoredMention } from "../tests/store/fixtures.js";
import { openMongoBench, rawFill, rawInsertMany } from "./store-mongo.js";

const { values: args } = parseArgs({
  options: {
    store: { type: "string", default: "all" },
    mentions: { type: "string", default: "100000" },
    batch: { type: "string", default: "1000" },
    db: { type: "string" },
    keep: { type: "boolean", default: false },
    reads: { type: "string", default: "25" },
    /** `adapter`: load through ingest (timed phases); `raw` (MongoDB only): insertMany, then only the reads. */
    fill: { type: "string", default: "adapter" },
    /** Which upsert phases to time (after `new`, each re-ingests all N). */
    phases: { type: "string", default: "new,unchanged,changed" },
  },
});
const N = Number(args.mentions);
const BATCH = Number(args.batch);
const READS = Number(args.reads);
const BRANDS = 10;
const YEAR_START = Date.parse("2024-01-01T00:00:00.000Z");
const YEAR_MS = 365 * 24 * 3_600_000;
const WEEK_MS = 7 * 24 * 3_600_000;
const T_NEW = new Date("2025-01-01T00:00:00Z");

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

function* batches(): Generator<ScoredMention[]> {
  for (let from = 0; from < N; from += BATCH) yield batchOf(from);
}

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timedIngest(store: Store, edit: boolean, now: Date) {
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

/** The timed phases through the port, for any adapter. Returns the seconds of the "new" phase. */
async function upserts(store: Store, base: Record<string, unknown>): Promise<number> {
  let newSeconds = 0;
  const phases = [
    ["new", false, T_NEW],
    ["unchanged", false, new Date("2025-01-02T00:00:00Z")],
    ["changed", true, new Date("2025-01-03T00:00:00Z")],
  ] as const;
  const wanted = new Set(args.phases.split(","));
  for (const [phase, edit, now] of phases) {
    if (phase !== "new" && !wanted.has(phase)) continue;
    const r = await timedIngest(store, edit, now);
    if (phase === "new") newSeconds = r.seconds;
    emit({
      ...base,
      bench: "store-upsert",
      phase,
      ...r.counts,
      seconds: round(r.seconds),
      mentionsPerSec: Math.round(N / r.seconds),
    });
  }
  return newSeconds;
}

/** One brand, one week in the middle of the year: as the weekly digest reads it. */
async function reads(store: Store, base: Record<string, unknown>, claim: boolean): Promise<void> {
  const query = {
    brandId: "brand-3",
    from: new Date(YEAR_START + 26 * WEEK_MS).toISOString(),
    to: new Date(YEAR_START + 27 * WEEK_MS).toISOString(),
  };
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
    ...base,
    bench: "store-read-week",
    rows,
    runs: READS,
    medianMs: round(median(findMs)),
    maxMs: round(Math.max(...findMs)),
  });
  emit({ ...base, bench: "store-count-week", rows, runs: READS, medianMs: round(median(countMs)) });
  if (!claim) return;
  const t = performance.now();
  const claimed = await store.claimAlerts("bench", 100, 60_000, new Date("2025-01-04T00:00:00Z"));
  emit({ ...base, bench: "store-claim", claimed: claimed.length, ms: round(performance.now() - t) });
}

async function benchSqlite(): Promise<void> {
  const dir = args.db ? undefined : mkdtempSync(join(tmpdir(), "repwatch-bench-"));
  const file = args.db ?? join(dir!, "bench.db");
  const store = openSqliteStore(file);
  await store.init();
  const base = { impl: "sqlite", mentions: N, batch: BATCH };
  try {
    await upserts(store, base);
    await reads(store, base, true);
    await store.close();
    emit({ ...base, bench: "store-file", bytes: statSync(file).size });
  } finally {
    await store.close();
    if (dir && !args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function benchMongo(): Promise<void> {
  const started = performance.now();
  const b = await openMongoBench();
  if (!b) {
    emit({ impl: "mongodb", bench: "store-upsert", skipped: "no MONGODB_URI and no FerretDB binary" });
    return;
  }
  const base = { impl: "mongodb", server: b.server, mentions: N, batch: BATCH };
  try {
    if (args.fill === "raw") {
      const seconds = await rawFill(b, batches(), T_NEW);
      emit({
        ...base,
        bench: "store-fill-raw",
        seconds: round(seconds),
        mentionsPerSec: Math.round(N / seconds),
      });
      await reads(b.store, base, false);
    } else {
      const adapter = await upserts(b.store, base);
      const raw = await rawInsertMany(b, batches(), T_NEW);
      emit({
        ...base,
        impl: "mongodb-raw",
        bench: "store-insert-many",
        seconds: round(raw),
        mentionsPerSec: Math.round(N / raw),
      });
      emit({
        ...base,
        bench: "store-upsert-vs-raw",
        alerts: "40% of mentions queue one alert",
        adapterSeconds: round(adapter),
        rawSeconds: round(raw),
        ratio: round(adapter / raw),
      });
      // the same upsert with no alert to queue: the adapter's own overhead over insertMany
      const quiet = await b.sibling();
      let quietMs = 0;
      for (const batch of batches()) {
        const t = performance.now();
        await quiet.ingest(batch, () => [], T_NEW);
        quietMs += performance.now() - t;
      }
      emit({
        ...base,
        bench: "store-upsert-vs-raw",
        alerts: "none",
        adapterSeconds: round(quietMs / 1000),
        rawSeconds: round(raw),
        ratio: round(quietMs / 1000 / raw),
      });
      await reads(b.store, base, true);
    }
    emit({ ...base, bench: "store-total", seconds: round((performance.now() - started) / 1000) });
  } finally {
    await b.close(args.keep);
  }
}

if (args.store === "sqlite" || args.store === "all") await benchSqlite();
if (args.store === "mongodb" || args.store === "all") await benchMongo();
