/**
 * Digest benchmark (`npm run bench:digest`): build one brand's weekly digest (store aggregation +
 * HTML + Markdown) on a store holding N mentions, M of them the brand's in the reported week, on the
 * SQLite adapter and on the MongoDB adapter (MONGODB_URI, else a private FerretDB 1.24 from the cached
 * binary). Prints one JSON object per line. The build runs in a fresh child process so its peak RSS is
 * the build's own, not the fill's.
 *
 *   npx tsx bench/digest.ts                                  # 1,000,000 mentions, 100,000 in the week, both stores
 *   npx tsx bench/digest.ts --store mongodb --mentions 20000 --week 2000   # FerretDB: small (see below)
 *   npx tsx bench/digest.ts --store sqlite --mentions 200000 --week 20000
 *   npx tsx bench/digest.ts --store sqlite --db /tmp/digest-1m.db --reuse   # keep and reuse the filled file
 *
 * Data: the brand gets M mentions in the reported week and 0.4·M in each of the 11 weeks before it; the
 * rest of N goes to two competitors and seven other brands over 20 weeks. Generation and fill are not
 * part of the build time (they are reported on their own line).
 *
 * The MongoDB build reads the digest roll-ups (src/store/mongo/rollup.ts). The fill inserts mention
 * documents raw (ingest through FerretDB would take an hour), so the roll-ups are then back-filled
 * once, as on upgrading an existing database (its own `backfill` line). FerretDB 1.24 (the tests'
 * server) pushes no filter down to SQLite and is slow to fill: above 200,000 mentions the MongoDB part
 * runs only with `--store mongodb`.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { MongoClient } from "mongodb";
import { collectDigest } from "../src/digest/collect.js";
import { renderDigestHtml } from "../src/digest/render-html.js";
import { renderDigestMarkdown } from "../src/digest/render-markdown.js";
import { parseIsoWeek, weekRange } from "../src/digest/week.js";
import { contentHashOf, type ScoredMention } from "../src/domain/mention.js";
import type { DigestStore } from "../src/store/digest-port.js";
import { withDatabase } from "../src/store/mongo/connection.js";
import { toMentionDoc } from "../src/store/mongo/mention-codec.js";
import { openMongoStore } from "../src/store/mongo/mongo-store.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { Store } from "../src/store/store.js";
import { BRANDS, mention, rng, type WorldBrand, worldConfig, worldRuns } from "../tests/digest/world.js";
import { mongoTestServer } from "../tests/store/ferretdb.js";

const { values: args } = parseArgs({
  options: {
    store: { type: "string", default: "all" },
    mentions: { type: "string", default: "1000000" },
    week: { type: "string", default: "100000" },
    db: { type: "string" },
    reuse: { type: "boolean", default: false },
    /** internal: the child that builds and measures */
    measure: { type: "boolean", default: false },
    uri: { type: "string" },
  },
});
const N = Number(args.mentions);
const M = Number(args.week);
const WEEK = parseIsoWeek("2026-W47");
const TZ = "Europe/Moscow";
const RANGE = weekRange(WEEK, TZ);
const WEEK_MS = 7 * 86_400_000;
const NOW = new Date(Date.parse(RANGE.to) + 9 * 3_600_000);
const noAlerts = () => [];

/** All N mentions, in batches. */
function* generate(batch: number): Generator<ScoredMention[]> {
  const r = rng(1234);
  const start = Date.parse(RANGE.from);
  const plan: { brand: WorldBrand; week: number; count: number }[] = [];
  plan.push({ brand: BRANDS[0]!, week: 0, count: M });
  for (let w = 1; w < 12; w++) plan.push({ brand: BRANDS[0]!, week: w, count: Math.round(M * 0.4) });
  const others: WorldBrand[] = [
    BRANDS[1]!,
    BRANDS[2]!,
    ...Array.from({ length: 7 }, (_, i) => ({
      id: `brand-${i}`,
      name: `Brand ${i}`,
      competitor: false,
      scale: 1,
    })),
  ];
  const rest = Math.max(0, N - plan.reduce((s, p) => s + p.count, 0));
  for (const brand of others)
    for (let w = 0; w < 20; w++) plan.push({ brand, week: w, count: Math.round(rest / others.length / 20) });
  let buf: ScoredMention[] = [];
  let n = 0;
  for (const p of plan) {
    const from = start - p.week * WEEK_MS;
    for (let i = 0; i < p.count; i++) {
      buf.push(mention(r, p.brand, n++, from + Math.floor(r() * WEEK_MS), p.week));
      if (buf.length === batch) {
        yield buf;
        buf = [];
      }
    }
  }
  if (buf.length) yield buf;
}

async function fill(store: Store, mongoUri?: string): Promise<{ mentions: number; ms: number }> {
  const t = Date.now();
  let count = 0;
  if (mongoUri) {
    // the adapter's own documents, by raw insertMany (ingest through FerretDB would take an hour)
    const client = new MongoClient(mongoUri);
    const col = client.db().collection("mentions");
    for (const batch of generate(5_000)) {
      await col.insertMany(
        batch.map((m) =>
          toMentionDoc(m, { firstSeenAt: NOW, lastSeenAt: NOW, contentHash: contentHashOf(m), version: 1 }),
        ) as never[],
        { ordered: false },
      );
      count += batch.length;
    }
    await client.close();
  } else
    for (const batch of generate(5_000)) {
      await store.ingest(batch, noAlerts, NOW);
      count += batch.length;
    }
  for (const run of worldRuns(new Date(RANGE.from))) await store.recordRun(run);
  return { mentions: count, ms: Date.now() - t };
}

/** The child: build the digest once (warm-up excluded: the first build is the one a cron job does). */
async function measure(): Promise<void> {
  const store = (args.uri ? openMongoStore(args.uri) : openSqliteStore(args.db!)) as Store & DigestStore;
  await store.init();
  const t0 = performance.now();
  const digest = await collectDigest({
    store,
    config: worldConfig({ timezone: TZ }),
    brandId: "romashka",
    week: WEEK,
    now: NOW,
  });
  const t1 = performance.now();
  const html = renderDigestHtml(digest);
  renderDigestMarkdown(digest);
  const t2 = performance.now();
  await store.close();
  const out = {
    collectMs: Math.round(t1 - t0),
    renderMs: Math.round(t2 - t1),
    buildMs: Math.round(t2 - t0),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    inWeek: digest.headline.volume.current,
    trendTotal: digest.trend.reduce((s, w) => s + w.counts.total, 0),
    htmlKb: Math.round(html.length / 1024),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function child(extra: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--measure", ...extra], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d) => {
      out += d;
    });
    p.on("error", reject);
    p.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").at(-1)!))
        : reject(new Error(`measure exited ${code}`)),
    );
  });
}

const line = (o: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ bench: "digest", ...o })}\n`);
const verdict = (r: Record<string, unknown>) => ({
  under5s: Number(r.buildMs) < 5_000,
  under300MB: Number(r.peakRssMb) < 300,
});

async function benchSqlite() {
  const dir = args.db ? undefined : mkdtempSync(join(tmpdir(), "repwatch-bench-digest-"));
  const file = args.db ?? join(dir!, "digest.db");
  try {
    if (!(args.reuse && existsSync(file))) {
      rmSync(file, { force: true });
      const store = openSqliteStore(file);
      await store.init();
      line({ store: "sqlite", phase: "fill", ...(await fill(store)) });
      await store.close();
    }
    const r = await child(["--db", file]);
    line({ store: "sqlite", phase: "build", mentions: N, brandWeek: M, ...r, ...verdict(r) });
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function benchMongo() {
  const server = await mongoTestServer();
  if (!server) return line({ store: "mongodb", skipped: "no MONGODB_URI and no FerretDB binary" });
  const uri = withDatabase(server.uri, `rw_bench_digest_${process.pid}`);
  try {
    const store = openMongoStore(uri, { socketTimeoutMS: 600_000 });
    await store.init();
    const name = store.ferretDb() ? `ferretdb ${store.ferretDb()}` : "mongodb";
    if (store.ferretDb() && N > 200_000 && args.store !== "mongodb") {
      await store.close();
      // FerretDB 1.24 (SQLite) fills slowly and its back-fill reads every mention once: ask explicitly
      return line({
        store: "mongodb",
        server: name,
        skipped: `FerretDB is slow to fill; run --store mongodb for ${N} mentions, or set MONGODB_URI`,
      });
    }
    line({ store: "mongodb", server: name, phase: "fill", ...(await fill(store, uri)) });
    await store.close();
    // the raw fill bypassed ingest (and its roll-up deltas): back-fill them as an upgraded store does
    // once (src/store/mongo/rollup.ts), timed on its own
    const client = new MongoClient(uri);
    await client
      .db()
      .collection("meta")
      .updateOne({ _id: "rollup" as never }, { $set: { state: "stale" } });
    await client.close();
    const t = Date.now();
    const upgraded = openMongoStore(uri, { socketTimeoutMS: 600_000 });
    await upgraded.init();
    await upgraded.close();
    line({ store: "mongodb", server: name, phase: "backfill", mentions: N, ms: Date.now() - t });
    const r = await child(["--uri", uri]);
    line({ store: "mongodb", server: name, phase: "build", mentions: N, brandWeek: M, ...r, ...verdict(r) });
  } finally {
    const client = new MongoClient(uri);
    await client
      .db()
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
    await server.stop();
  }
}

if (args.measure) await measure();
else {
  if (args.store === "all" || args.store === "sqlite") await benchSqlite();
  if (args.store === "all" || args.store === "mongodb") await benchMongo();
}
