/**
 * A child process of the store race tests: opens the store named by the environment, says "ready",
 * waits for a line on stdin (the start barrier, so two workers really run at the same time), does
 * its job and prints one JSON line with the outcome.
 *
 *   node --import tsx tests/store/race-worker.ts ingest <count> <forward|reverse|shuffle> [edit]
 *     ingests fixture mentions 0..count-1 in batches of 10 (in the given order; `edit` appends a
 *     sentence to every text), pausing 1 ms between batches so the other worker's lock wait can get
 *     in (without it one process tends to win every batch); prints the merged IngestResult.
 *   node --import tsx tests/store/race-worker.ts claim <claimer> <limit>
 *     claims until nothing is due, marking each row sent with receipt <claimer>; prints {keys}.
 *   node --import tsx tests/store/race-worker.ts lease <name> <holder> <ttlMs> [hold|wait]
 *     acquires the lease once (the store's clock: no `now` argument) and prints {lease} (null when
 *     held by another); `hold` then keeps the process alive with the store open until it is killed;
 *     `wait` retries every 50 ms until it gets the lease (takeover after expiry), up to 60 s.
 *
 * Environment, read exactly as the CLI reads it (src/app/open-store.ts): REPWATCH_STORE=sqlite|mongodb,
 * REPWATCH_DB (SQLite file), MONGODB_URI; so an adapter wired into `openStore` races here unchanged.
 */
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { openStore } from "../../src/app/open-store.js";
import { parseEnv } from "../../src/config/env.js";
import { hasLeases, type IngestResult, type Store } from "../../src/store/store.js";
import { makeScoredMentions, recordingDecider } from "./fixtures.js";

const BATCH = 10;

function waitForGo(): Promise<void> {
  return new Promise((resolveGo) => {
    const rl = createInterface({ input: process.stdin });
    rl.once("line", () => {
      rl.close();
      resolveGo();
    });
  });
}

/** A fixed permutation (Fisher–Yates over a small LCG), so runs are reproducible. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function ingest(store: Store, count: number, order: string, edit: boolean): Promise<IngestResult> {
  let mentions = makeScoredMentions(count);
  if (edit) mentions = mentions.map((m) => ({ ...m, text: `${m.text} Дополнение: ответа так и нет.` }));
  if (order === "reverse") mentions.reverse();
  if (order === "shuffle") mentions = shuffled(mentions);
  const decide = recordingDecider();
  const total: IngestResult = { items: [], new: 0, changed: 0, unchanged: 0, alertsQueued: 0 };
  for (let i = 0; i < mentions.length; i += BATCH) {
    const r = await store.ingest(mentions.slice(i, i + BATCH), decide);
    total.items.push(...r.items);
    total.new += r.new;
    total.changed += r.changed;
    total.unchanged += r.unchanged;
    total.alertsQueued += r.alertsQueued;
    await sleep(1);
  }
  return total;
}

async function claimAll(store: Store, claimer: string, limit: number): Promise<{ keys: string[] }> {
  const keys: string[] = [];
  for (;;) {
    const rows = await store.claimAlerts(claimer, limit, 60_000);
    if (rows.length === 0) return { keys };
    for (const row of rows) {
      keys.push(row.key);
      await store.markAlertSent(row.key, claimer);
    }
  }
}

async function lease(store: Store, name: string, holder: string, ttlMs: number, how: string) {
  if (!hasLeases(store)) throw new Error("race-worker: this store has no leases");
  const deadline = Date.now() + 60_000;
  let got = await store.acquireLease(name, holder, ttlMs);
  while (!got && how === "wait" && Date.now() < deadline) {
    await sleep(50);
    got = await store.acquireLease(name, holder, ttlMs);
  }
  if (how === "hold") {
    process.stdout.write(`${JSON.stringify({ lease: got ?? null })}\n`);
    setInterval(() => {}, 1 << 30); // keep running, lease held, store open: until kill -9
    await new Promise(() => {});
  }
  return { lease: got ?? null };
}

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  const store = await openStore(parseEnv(process.env));
  await store.init(); // harmless a second time (contract)
  process.stdout.write("ready\n");
  await waitForGo();
  let out: unknown;
  if (mode === "ingest") out = await ingest(store, Number(a), b ?? "forward", c === "edit");
  else if (mode === "claim") out = await claimAll(store, a ?? "worker", Number(b ?? 5));
  else if (mode === "lease")
    out = await lease(store, a ?? "lease", b ?? "worker", Number(c ?? 1000), process.argv[6] ?? "");
  else throw new Error(`race-worker: unknown mode ${mode}`);
  await store.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
