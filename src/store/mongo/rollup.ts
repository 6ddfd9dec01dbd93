/**
 * The digest roll-ups of the MongoDB store: per brand × UTC day, the counts the weekly digest needs
 * (rollup-model.ts), so `digestFacts` reads ~100 small documents by `_id` instead of the brand's
 * mentions. FerretDB 1.24 uses an index only for a bare `_id` equality and its updates are
 * read-then-write (not atomic), so every structure here is read by `_id` or is a small collection,
 * and every race is decided by inserting a unique `_id` — never by an update:
 *
 *   rollup_inbox   insert-only DELTAS: `<writer>|<brand>|<day>`, what one writer changed there. An
 *                  ingest round writes its deltas (new versions added, the replaced version's
 *                  contribution subtracted, taken from the edit record) after its mention writes; the
 *                  writer is the round's token, so a round that dies is redone by the journal sweep
 *                  (alert-journal.ts) under the same `_id`s: a delta is written once, never lost.
 *                  Concurrent writers never touch the same document.
 *   rollups        the folded STATES, a chain per day: `<gen>|<brand>|<day>#<n>`. Folding reads state
 *                  n and the day's deltas not yet in it and INSERTS state n + 1 (listing the deltas it
 *                  took in `folded`); of two folders one wins the insert, the other's work is dropped,
 *                  so a delta is folded exactly once. The winner then records each folded delta in
 *                  rollup_folded and deletes it from the inbox, and cuts state n down to a stub.
 *   rollup_heads   a hint where each chain ends (readers probe on from it; a lagging hint costs a probe).
 *   rollup_folded  `<delta id>` → the state that folded it: a delta re-inserted after it was folded
 *                  and deleted (a late journal sweep) is recognised and dropped.
 *   meta "rollup"  the generation and whether the roll-ups are complete. Mentions stored before the
 *                  roll-ups existed (or copied in by `repwatch migrate`, which marks them stale) are
 *                  back-filled once: the first process to start claims it (unique insert, renewed
 *                  lease; an expired one is taken over) and writes a new generation's deltas from one
 *                  streamed scan; other processes wait in `init()`. Until it is ready `digestFacts`
 *                  scans mentions as before.
 *
 * A reader takes the inbox first, then each day's latest state, and adds the deltas the state has not
 * counted (not in `folded`, not recorded in rollup_folded at or before it): consistent whatever folds
 * run meanwhile. `digestFacts` folds the brand's deltas first, and ingest folds everything at most
 * once a minute, so the inbox stays small.
 *
 * Not covered: a rebuild (back-fill) while another process ingests counts that process's concurrent
 * writes at most twice; it runs at upgrade (all writers on the new version, the old one refuses schema
 * version 2) and after `repwatch migrate`, when nothing else writes.
 */
import { randomUUID } from "node:crypto";
import type { ScoredMention } from "../../domain/mention.js";
import { chunkedBulkWrite, insertNew } from "./alert-journal.js";
import type { MentionDoc } from "./mention-codec.js";
import {
  Acc,
  type Contribution,
  type ContributionFields,
  contributionOf,
  DeltaBuilder,
  type Parts,
} from "./rollup-model.js";
import {
  type Collections,
  type DeltaDoc,
  DUPLICATE_KEY,
  type EditDoc,
  type JournalDoc,
  type RollupStateDoc,
} from "./schema.js";

const META_ID = "rollup";
/** How long a back-fill claim lasts without renewal. */
const BUILD_LEASE_MS = 60_000;
/** Parallel `_id` reads in flight. */
const CONCURRENCY = 8;

/** Run `f` over `items` with at most CONCURRENCY in flight. */
export async function parallel<T>(items: T[], f: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await f(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

/** What a contribution needs from a stored mention document. */
export const ROLLUP_PROJECTION = {
  brandId: 1,
  platform: 1,
  kind: 1,
  label: 1,
  at: 1,
  doc: 1,
  version: 1,
  insertedBy: 1,
} as const;

type RollupFields = ContributionFields & Pick<MentionDoc, "doc">;
export const contributionOfDoc = (d: RollupFields): Contribution =>
  contributionOf(d, JSON.parse(d.doc) as ScoredMention);

const dayKey = (gen: string, brandId: string, day: string) => `${gen}|${brandId}|${day}`;

/** The delta documents of one writer. */
export function deltaDocs(b: DeltaBuilder, writer: string, now: Date, gen?: string): DeltaDoc[] {
  return [...b.days.values()].map(({ brandId, day, acc }) => ({
    _id: `${writer}|${brandId}|${day}`,
    brandId,
    day,
    ...(gen ? { gen } : {}),
    createdAt: now,
    ...acc.parts(),
  }));
}

/** The generation of complete roll-ups, or undefined (none yet, being built, or stale). */
export async function readyGeneration(c: Collections): Promise<string | undefined> {
  const m = await c.rollupMeta.findOne({ _id: META_ID });
  return m?.state === "ready" ? m.gen : undefined;
}

/** The last state of one day's chain (with its negatives when `withNeg`), or undefined. */
async function latestState(
  c: Collections,
  gen: string,
  brandId: string,
  day: string,
  withNeg: boolean,
): Promise<RollupStateDoc | undefined> {
  const key = dayKey(gen, brandId, day);
  const projection = withNeg ? undefined : { g: 0 };
  for (let attempt = 0; ; attempt++) {
    const head = attempt === 0 ? await c.rollupHeads.findOne({ _id: key }) : null;
    let last: RollupStateDoc | undefined;
    for (let n = Math.max(1, head?.n ?? 1); ; n++) {
      const s = await c.rollups.findOne({ _id: `${key}#${n}` }, { projection });
      if (!s) break;
      last = s;
    }
    // a stub is cut only after its successor exists; seeing one last means we raced a fold: again
    if (!last?.superseded || attempt >= 3) return last?.superseded ? undefined : last;
  }
}

/**
 * The deltas of one day (from an inbox read made BEFORE `state` was read) that `state` has not
 * counted; and those that are garbage (counted long ago, or another generation's back-fill).
 */
async function pendingOf(
  c: Collections,
  gen: string,
  state: RollupStateDoc | undefined,
  deltas: DeltaDoc[],
): Promise<{ pending: DeltaDoc[]; garbage: string[] }> {
  const folded = new Set(state?.folded ?? []);
  const n = state?.n ?? 0;
  const pending: DeltaDoc[] = [];
  const garbage: string[] = [];
  await parallel(deltas, async (d) => {
    if (d.gen !== undefined && d.gen !== gen) return void garbage.push(d._id);
    if (folded.has(d._id)) return;
    const t = await c.rollupFolded.findOne({ _id: d._id });
    if (t && (t.gen !== gen || t.n <= n)) garbage.push(d._id);
    else pending.push(d);
  });
  return { pending, garbage };
}

async function deleteDeltas(c: Collections, ids: string[]): Promise<void> {
  await chunkedBulkWrite(
    c.rollupInbox,
    ids.map((_id) => ({ deleteOne: { filter: { _id } } })),
  );
}

/** Fold one day's deltas into the next state of its chain (a lost race leaves it to the winner). */
async function foldDay(c: Collections, gen: string, brandId: string, day: string, deltas: DeltaDoc[]) {
  const key = dayKey(gen, brandId, day);
  const state = await latestState(c, gen, brandId, day, true);
  const { pending, garbage } = await pendingOf(c, gen, state, deltas);
  const inInbox = new Set(deltas.map((d) => d._id));
  const leftover = (state?.folded ?? []).filter((id) => inInbox.has(id));
  if (pending.length === 0) {
    // only the last fold's deletions to finish
    if (state && leftover.length > 0)
      await insertNew(
        c.rollupFolded,
        leftover.map((_id) => ({ _id, gen, n: state.n })),
      );
    await deleteDeltas(c, [...leftover, ...garbage]);
    return;
  }
  const acc = new Acc();
  if (state) acc.add({ s: state.s ?? [], g: state.g ?? [] });
  for (const d of pending) acc.add(d);
  const n = (state?.n ?? 0) + 1;
  const [won] = await insertNew(c.rollups, [
    {
      _id: `${key}#${n}`,
      gen,
      brandId,
      day,
      n,
      ...acc.parts(),
      folded: [...leftover, ...pending.map((d) => d._id)],
    },
  ]);
  if (!won) return;
  await insertNew(c.rollupFolded, [
    ...leftover.map((_id) => ({ _id, gen, n: n - 1 })),
    ...pending.map((d) => ({ _id: d._id, gen, n })),
  ]);
  await deleteDeltas(c, [...leftover, ...pending.map((d) => d._id), ...garbage]);
  if (state)
    await c.rollups.replaceOne({ _id: state._id }, { gen, brandId, day, n: state.n, superseded: true });
  try {
    await c.rollupHeads.updateOne({ _id: key }, { $max: { n } }, { upsert: true });
  } catch (err) {
    if ((err as { code?: unknown }).code !== DUPLICATE_KEY) throw err; // two first folds: the hint is a hint
  }
}

/** Fold the inbox (one brand's deltas, or all) into the states of generation `gen`. */
export async function compact(c: Collections, gen: string, brandId?: string): Promise<void> {
  const deltas = await c.rollupInbox
    .find(brandId === undefined ? {} : { brandId: { $eq: brandId } }, {
      projection: { _id: 1, brandId: 1, day: 1, gen: 1 },
    })
    .toArray();
  const byDay = new Map<string, DeltaDoc[]>();
  for (const d of deltas) {
    const k = JSON.stringify([d.brandId, d.day]);
    byDay.set(k, [...(byDay.get(k) ?? []), d]);
  }
  await parallel([...byDay.values()], async (ds) => {
    const full = (await Promise.all(ds.map((d) => c.rollupInbox.findOne({ _id: d._id })))).filter(
      (d): d is DeltaDoc => d !== null,
    );
    if (full.length > 0) await foldDay(c, gen, ds[0]!.brandId, ds[0]!.day, full);
  });
}

/**
 * One brand's days as counted now: for each UTC day, the latest state plus the deltas it has not
 * counted. Days are given with whether their negatives are needed.
 */
export async function readDays(
  c: Collections,
  gen: string,
  brandId: string,
  days: { day: string; withNeg: boolean }[],
  each: (day: string, acc: Acc) => void,
): Promise<void> {
  const inbox = await c.rollupInbox.find({ brandId: { $eq: brandId } }).toArray();
  const byDay = new Map<string, DeltaDoc[]>();
  for (const d of inbox) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d]);
  await parallel(days, async ({ day, withNeg }) => {
    const state = await latestState(c, gen, brandId, day, withNeg);
    const { pending } = await pendingOf(c, gen, state, byDay.get(day) ?? []);
    if (!state && pending.length === 0) return;
    const acc = new Acc();
    if (state) acc.add({ s: state.s ?? [], g: withNeg ? (state.g ?? []) : [] });
    for (const d of pending) acc.add(withNeg ? d : { s: d.s });
    each(day, acc);
  });
}

/** The delta of a round's new versions (inserted: version 1; edits won: with what they replace). */
export function roundDelta(
  news: { id: string; doc: ContributionFields; mention: ScoredMention }[],
  edits: {
    id: string;
    version: number;
    prev: Contribution | null;
    doc: ContributionFields;
    mention: ScoredMention;
  }[],
): DeltaBuilder {
  const b = new DeltaBuilder();
  for (const x of news) b.change(x.id, 1, null, contributionOf(x.doc, x.mention));
  for (const e of edits) b.change(e.id, e.version, e.prev, contributionOf(e.doc, e.mention));
  return b;
}

/** Insert a writer's deltas; an `_id` already written (a redo) stays as it is. */
export async function writeDeltas(c: Collections, docs: DeltaDoc[]): Promise<void> {
  if (docs.length > 0) await insertNew(c.rollupInbox, docs);
}

/**
 * The contribution of version `version` of a stored mention (what its next version subtracts), or null
 * when that version is no longer readable (it was superseded since: the edit will lose anyway).
 */
export async function contributionAt(
  c: Collections,
  id: string,
  version: number,
): Promise<Contribution | null> {
  const d = await c.mentions.findOne({ _id: id }, { projection: ROLLUP_PROJECTION });
  if (d && d.version === version) return contributionOfDoc(d as RollupFields);
  if (d && d.version > version) return null;
  // FerretDB 1.24: the mentions document may lag one version behind its edit record
  const e = version >= 2 ? await c.edits.findOne({ _id: `${id}#v${version}` }) : null;
  return e ? contributionOfDoc(e.mention) : null;
}

/**
 * Redo the deltas of an ingest round that died (its journal is being swept): the same `_id`s, so the
 * deltas it did write stay; those already folded and deleted are recognised by rollup_folded.
 */
export async function redoRound(c: Collections, j: JournalDoc): Promise<void> {
  const b = new DeltaBuilder();
  for (const id of j.candidates) {
    const d = await c.mentions.findOne({ _id: id }, { projection: ROLLUP_PROJECTION });
    if (!d || d.insertedBy !== j._id) continue;
    if (d.version === 1) b.change(id, 1, null, contributionOfDoc(d as RollupFields));
    else {
      // edited since: version 1's contribution is what the version-2 edit record subtracted
      const e2 = await c.edits.findOne({ _id: `${id}#v2` });
      if (e2?.prev) b.change(id, 1, null, e2.prev);
    }
  }
  for (const e of (await c.edits.find({ round: j._id }).toArray()) as EditDoc[])
    b.change(e.mentionId, e.version, e.prev ?? null, contributionOfDoc(e.mention));
  const docs = deltaDocs(b, j._id, j.at);
  const missing: DeltaDoc[] = [];
  await parallel(docs, async (d) => {
    if (await c.rollupInbox.findOne({ _id: d._id }, { projection: { _id: 1 } })) return;
    if (await c.rollupFolded.findOne({ _id: d._id })) return;
    missing.push(d);
  });
  await writeDeltas(c, missing);
}

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
export async function ensureRollups(c: Collections, log?: (msg: string) => void): Promise<string> {
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
    log?.(`digest roll-ups: back-filling generation ${gen}`);
    if (await backfill(c, gen)) return gen;
  }
}

/** Write generation `gen` from every stored mention; false when the claim was taken over meanwhile. */
async function backfill(c: Collections, gen: string): Promise<boolean> {
  // deltas already in the inbox describe mentions the scan reads: they would count twice
  const before = await c.rollupInbox.find({}, { projection: { _id: 1 } }).toArray();
  const b = new DeltaBuilder();
  let seen = 0;
  const renew = () =>
    c.rollupMeta.updateOne(
      { _id: META_ID, gen },
      { $set: { until: new Date(Date.now() + BUILD_LEASE_MS), updatedAt: new Date() } },
    );
  const cursor = c.mentions.find({}, { projection: ROLLUP_PROJECTION, batchSize: 2_000 });
  for await (const d of cursor) {
    b.change(d._id, d.version, null, contributionOfDoc(d as RollupFields));
    if (++seen % 20_000 === 0) await renew();
  }
  await renew();
  const docs = deltaDocs(b, `bf:${gen}`, new Date(), gen);
  for (let i = 0; i < docs.length; i += 50) await writeDeltas(c, docs.slice(i, i + 50));
  await deleteDeltas(
    c,
    before.map((d) => d._id),
  );
  const done = await c.rollupMeta.updateOne(
    { _id: META_ID, gen, state: "building" },
    { $set: { state: "ready", updatedAt: new Date() }, $unset: { until: "" } },
  );
  if (done.matchedCount === 0) return false;
  await compact(c, gen);
  return true;
}

export type { Parts };
