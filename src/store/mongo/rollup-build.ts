/**
 * The roll-ups' generations (rollup.ts): marked stale before a bulk import, rebuilt from the stored
 * mentions by the first process that starts (claimed, renewed while it runs, taken over when it
 * expires; others wait), then the older generations' documents are deleted (rollup-prune.ts).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "mongodb";
import { insertNew } from "./alert-journal.js";
import {
  contributionOfDoc,
  type DeltaDoc,
  META_ID,
  partitionNames,
  payloadOf,
  ROLLUP_PROJECTION,
  type RollupFields,
  writePartition,
} from "./rollup.js";
import { DeltaBuilder } from "./rollup-model.js";
import { pruneOtherGenerations } from "./rollup-prune.js";
import type { Collections } from "./schema.js";

/** How long a back-fill claim lasts without renewal. */
const BUILD_LEASE_MS = 60_000;

/** Mark the roll-ups stale (a bulk import is about to write mentions without deltas). */
export async function markStale(c: Collections): Promise<void> {
  const m = await c.rollupMeta.findOne({ _id: META_ID });
  if (m?.state === "stale") return;
  await c.rollupMeta.replaceOne(
    { _id: META_ID },
    { state: "stale", gen: m?.gen ?? "", updatedAt: new Date() },
    { upsert: true },
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Make the roll-ups ready: nothing to do when they are; else back-fill them (claimed; another
 * process's running back-fill is waited for, a dead one taken over). Returns the ready generation.
 */
export async function ensureRollups(c: Collections, db: Db): Promise<string> {
  for (;;) {
    const m = await c.rollupMeta.findOne({ _id: META_ID });
    if (m?.state === "ready") return m.gen;
    const now = new Date();
    if (m?.state === "building" && m.until && m.until > now) {
      await sleep(250);
      continue;
    }
    const gen = randomUUID();
    const claim = {
      state: "building" as const,
      gen,
      until: new Date(now.getTime() + BUILD_LEASE_MS),
      updatedAt: now,
    };
    if (!m) {
      const [won] = await insertNew(c.rollupMeta, [{ _id: META_ID, ...claim }]);
      if (!won) continue;
    } else {
      await c.rollupMeta.replaceOne({ _id: META_ID, gen: m.gen, state: m.state }, claim);
      if ((await c.rollupMeta.findOne({ _id: META_ID }))?.gen !== gen) continue;
    }
    if (await backfill(c, db, gen)) {
      // best effort: an older generation left in place is only slower to skip (rollup-prune.ts)
      await pruneOtherGenerations(db, gen).catch(() => 0);
      return gen;
    }
  }
}

/** Write generation `gen` from every stored mention; false when the claim was taken over meanwhile. */
async function backfill(c: Collections, db: Db, gen: string): Promise<boolean> {
  const b = new DeltaBuilder();
  let seen = 0;
  let pending = 0;
  let chunk = 0;
  const renew = () =>
    c.rollupMeta.updateOne(
      { _id: META_ID, gen },
      { $set: { until: new Date(Date.now() + BUILD_LEASE_MS), updatedAt: new Date() } },
    );
  // negatives and payloads go out in chunks (memory stays bounded); counts at the end
  const flush = async () => {
    const writer = `bf:${gen}:${chunk++}`;
    for (const d of b.parts.values()) {
      await writePartition(db, d, writer, gen, false);
      d.neg.m.clear();
      d.payloads.clear();
    }
    pending = 0;
  };
  const cursor = c.mentions.find({}, { projection: ROLLUP_PROJECTION, batchSize: 2_000 });
  for await (const d of cursor) {
    const x = contributionOfDoc(d);
    b.change(d._id, d.version, null, x, payloadOf(d as RollupFields));
    if (x.neg && ++pending >= 5_000) await flush();
    if (++seen % 20_000 === 0) await renew();
  }
  await flush();
  await renew();
  for (const d of b.parts.values()) {
    if (d.counts.empty) continue;
    await insertNew(db.collection<DeltaDoc>(partitionNames(d.brandId, d.part).deltas), [
      { _id: `bf:${gen}`, gen, brandId: d.brandId, counts: JSON.stringify(d.counts.counts()) },
    ]);
  }
  const done = await c.rollupMeta.updateOne(
    { _id: META_ID, gen, state: "building" },
    { $set: { state: "ready", updatedAt: new Date() }, $unset: { until: "" } },
  );
  return done.matchedCount > 0;
}
