/**
 * The digest roll-ups of the MongoDB store: what the weekly digest needs (rollup-model.ts), kept at
 * ingest time per brand × UTC week, so `digestFacts` never reads the mentions collection (even the
 * top negatives it lists come from payload copies).
 *
 * Shaped by FerretDB 1.24 over SQLite, where EVERY query — an `_id` equality included — reads the
 * collection's rows (in SQLite for a pushed-down `_id`/string equality, ~3 µs per small row; in Go
 * for anything else, ~70 µs per row), and an update is a read-then-write that is not atomic:
 *
 * - Partitioned collections, per brand (sha1 of its id) × UTC week, so a digest scans only the weeks
 *   it shows: `dg_<brand>_<monday>` the deltas (counts — cells and terms per 15-minute slot — and
 *   the negatives' compact entries, as JSON strings), and
 *   `dg_p<0-3>_<brand>_<monday>` a payload copy of each negative version (`<gen>|<id>#v<version>`: its
 *   JSON and stored fields, spread over 4 collections by id), read by `_id` for the K chosen only.
 * - Insert-only DELTAS, never updated: a writer (an ingest round, a back-fill) inserts one document
 *   per partition under its own `_id` (the round's token), holding what it changed there — the new
 *   versions added, an edit's replaced version subtracted (its contribution is kept in the edit
 *   record, versions.ts). Concurrent writers never touch the same document, so no increment is
 *   lost; summing is commutative, so order does not matter. A round that dies before writing its
 *   deltas is redone by the journal sweep (alert-journal.ts) under the same `_id`s: written once.
 * - Generations: each delta carries the generation it counts in (meta document "rollup"). Mentions
 *   stored before the roll-ups existed (or copied in by `repwatch migrate`, which marks them stale)
 *   are back-filled into a new generation from one streamed scan, by the first process that starts
 *   (claimed by a unique insert, renewed while it runs, taken over when it expires); other processes
 *   wait in `init()` (rollup-build.ts). Documents of older generations are ignored, and deleted once
 *   the new one is ready (rollup-prune.ts). Until one is ready, `digestFacts` scans mentions as before.
 * - Only new mentions and edits write deltas: a round that sees old reviews again unchanged writes
 *   nothing (every crawl re-reads its first pages, so recording each sighting would grow a week's
 *   partition by a document per round for as long as its reviews stay on those pages). The payload
 *   copies' `lastSeenAt` is therefore when that version was stored (or back-filled), not the latest
 *   sighting; the digest never shows it (digest-port.ts).
 *
 * Not done: folding a partition's many small deltas into one (a busy week ingested in thousands of
 * rounds is read as thousands of small documents); and a rebuild while another process ingests counts
 * that process's concurrent writes at most twice or not at all — it runs at upgrade (the old version
 * refuses schema version 2) and after `repwatch migrate`, when nothing else writes.
 */
import { createHash } from "node:crypto";
import type { Db } from "mongodb";
import type { ScoredMention } from "../../domain/mention.js";
import { insertNew } from "./alert-journal.js";
import type { MentionDoc } from "./mention-codec.js";
import {
  type Contribution,
  type ContributionFields,
  type Counts,
  contributionOf,
  DeltaBuilder,
  type NegEntry,
  type NegOp,
  type PartitionDelta,
  type Payload,
} from "./rollup-model.js";
import type { Collections, EditDoc, JournalDoc } from "./schema.js";

export const META_ID = "rollup";
const CONCURRENCY = 4;

/**
 * One writer's delta for one brand × week. The parts are JSON strings: FerretDB 1.24 converts every
 * BSON array element on its own (a week's slot counts as arrays cost ~180 ms to read, as a string
 * ~1 ms), and scraped strings inside stay values.
 */
export interface DeltaDoc {
  _id: string;
  gen: string;
  brandId: string;
  /** JSON of Counts */
  counts?: string;
  /** JSON of NegOp[] */
  g?: string;
}
export interface PayloadDoc extends Payload {
  _id: string;
}

/** Run `f` over `items` with at most `limit` in flight. */
export async function parallel<T>(
  items: T[],
  f: (x: T) => Promise<void>,
  limit = CONCURRENCY,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await f(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Payload copies are spread over this many collections per brand × week by mention id: a look-up by
 * `_id` reads its collection's rows (FerretDB 1.24), so a quarter of the week's negatives.
 */
const PAYLOAD_BUCKETS = 4;
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/** The collections of one brand × week: the deltas, and the payload copies of a mention id. */
export function partitionNames(brandId: string, part: number) {
  const key = `${sha1(brandId).slice(0, 16)}_${new Date(part).toISOString().slice(0, 10).replace(/-/g, "")}`;
  return {
    deltas: `dg_${key}`,
    payloads: (id: string) => `dg_p${Number.parseInt(sha1(id).slice(0, 2), 16) % PAYLOAD_BUCKETS}_${key}`,
  };
}

/** What a contribution and a payload need from a stored mention document. */
export const ROLLUP_PROJECTION = {
  brandId: 1,
  platform: 1,
  kind: 1,
  label: 1,
  at: 1,
  doc: 1,
  version: 1,
  insertedBy: 1,
  firstSeenAt: 1,
  lastSeenAt: 1,
  contentHash: 1,
} as const;

export type RollupFields = ContributionFields & Payload;
export const contributionOfDoc = (d: ContributionFields & Pick<MentionDoc, "doc">): Contribution =>
  contributionOf(d, JSON.parse(d.doc) as ScoredMention);
export const payloadOf = (d: Payload): Payload => ({
  doc: d.doc,
  firstSeenAt: d.firstSeenAt,
  lastSeenAt: d.lastSeenAt,
  contentHash: d.contentHash,
  version: d.version,
});

/** The generation of complete roll-ups, or undefined (none yet, being built, or stale). */
export async function readyGeneration(c: Collections): Promise<string | undefined> {
  const m = await c.rollupMeta.findOne({ _id: META_ID });
  return m?.state === "ready" ? m.gen : undefined;
}

/** Insert one writer's deltas for one partition (payload copies first: an entry never lacks its payload). */
export async function writePartition(db: Db, d: PartitionDelta, writer: string, gen: string, counts = true) {
  const names = partitionNames(d.brandId, d.part);
  const buckets = new Map<string, PayloadDoc[]>();
  for (const [key, p] of d.payloads) {
    // per generation: a rebuild writes fresh copies (lastSeenAt included) instead of keeping old ones
    const name = names.payloads(key.slice(0, key.lastIndexOf("#v")));
    buckets.set(name, [...(buckets.get(name) ?? []), { _id: `${gen}|${key}`, ...p }]);
  }
  for (const [name, docs] of buckets)
    for (let i = 0; i < docs.length; i += 500)
      await insertNew(db.collection<PayloadDoc>(name), docs.slice(i, i + 500));
  const doc: DeltaDoc = { _id: writer, gen, brandId: d.brandId };
  if (counts && !d.counts.empty) doc.counts = JSON.stringify(d.counts.counts());
  if (d.neg.m.size > 0) doc.g = JSON.stringify(d.neg.ops());
  if (doc.counts || doc.g) await insertNew(db.collection<DeltaDoc>(names.deltas), [doc]);
}

/** Insert a writer's deltas; an `_id` already written (a redo) stays as it is. */
export async function writeDeltas(db: Db, b: DeltaBuilder, writer: string, gen: string): Promise<void> {
  for (const d of b.parts.values()) await writePartition(db, d, writer, gen);
}

export interface NegativeEntry {
  id: string;
  v: number;
  e: NegEntry;
  part: number;
}

/**
 * Read one brand's partitions of generation `gen`: `each` gets every delta's counts; the negatives of
 * `negParts` come back (current entries only).
 */
export async function readPartitions(
  db: Db,
  gen: string,
  brandId: string,
  parts: number[],
  negParts: number[],
  each: (part: number, counts: Counts) => void,
): Promise<{ negatives: NegativeEntry[] }> {
  const negatives: NegativeEntry[] = [];
  const filter = { gen: { $eq: gen }, brandId: { $eq: brandId } };
  await parallel(parts, async (part) => {
    const withNeg = negParts.includes(part);
    const lww = new Map<string, { v: number; e: NegEntry | null }>();
    const cursor = db
      .collection<DeltaDoc>(partitionNames(brandId, part).deltas)
      .find(filter, { batchSize: 100_000, ...(withNeg ? {} : { projection: { g: 0 } }) });
    for await (const d of cursor) {
      if (d.counts) each(part, JSON.parse(d.counts) as Counts);
      if (!withNeg) continue;
      for (const op of d.g ? (JSON.parse(d.g) as NegOp[]) : []) {
        const cur = lww.get(op.id);
        if (!cur || cur.v < op.v) lww.set(op.id, { v: op.v, e: op.e });
      }
    }
    for (const [id, { v, e }] of lww) if (e) negatives.push({ id, v, e, part });
  });
  return { negatives };
}

/** The payload copy of one negative version. */
export async function readPayload(
  db: Db,
  gen: string,
  brandId: string,
  x: NegativeEntry,
): Promise<Payload | undefined> {
  const p = await db
    .collection<PayloadDoc>(partitionNames(brandId, x.part).payloads(x.id))
    .findOne({ _id: `${gen}|${x.id}#v${x.v}` });
  return p ?? undefined;
}

/**
 * Redo the deltas of an ingest round that died (its journal is being swept): the same `_id`s, so the
 * deltas it did write stay as they are.
 */
export async function redoRound(c: Collections, db: Db, j: JournalDoc): Promise<void> {
  const gen = await readyGeneration(c);
  if (!gen) return;
  const b = new DeltaBuilder();
  for (const id of j.candidates) {
    const d = await c.mentions.findOne({ _id: id }, { projection: ROLLUP_PROJECTION });
    if (!d || d.insertedBy !== j._id) continue;
    if (d.version === 1) b.change(id, 1, null, contributionOfDoc(d), payloadOf(d as RollupFields));
    else {
      // edited since: version 1's contribution is what the version-2 edit record subtracted (its
      // negative entry, if any, is superseded by version 2's, so no payload is needed)
      const e2 = await c.edits.findOne({ _id: `${id}#v2` });
      if (e2?.prev) b.change(id, 1, null, e2.prev, null);
    }
  }
  for (const e of (await c.edits.find({ round: j._id }).toArray()) as EditDoc[])
    b.change(e.mentionId, e.version, e.prev ?? null, contributionOfDoc(e.mention), payloadOf(e.mention));
  await writeDeltas(db, b, j._id, gen);
}
