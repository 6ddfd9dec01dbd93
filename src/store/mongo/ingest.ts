/**
 * The ingest of the MongoDB store: idempotent upserts with race-free new/changed detection, without
 * transactions. A batch is a handful of round trips, whatever its size:
 *
 *   insert  every mention as version 1, insertMany unordered: an inserted one is new (the common case
 *           costs what a plain insertMany costs); a duplicate key (11000) means it is already stored:
 *           never a failure.
 *   read    the stored (hash, version, firstSeenAt) of those: same hash, unchanged ($max lastSeenAt);
 *           another hash, changed.
 *   decide  `decide` for the new and changed ones, in input order (a throwing rule deletes this
 *           round's inserts again: nothing is stored without its intents).
 *   edit    version v+1 of a changed mention is won by inserting `mention_edits` `<id>#v<v+1>` (unique
 *           `_id`), then applied to the mention where its version is lower. A loser helps apply the
 *           winner's version and goes round again (usually to find the same content: unchanged).
 *   alert   intents are journaled before the writes and copied into the outbox after them
 *           (alert-journal.ts: why this survives a crash at any point).
 *
 * So two processes ingesting the same batch report each mention new exactly once and an edit changed
 * exactly once: a unique `_id` decides, atomically on MongoDB and FerretDB alike (schema.ts explains
 * why no conditional update decides anything).
 *
 * FerretDB 1.24 notes: its `update` command stops at the first write error even when unordered, so
 * update batches are built never to fail (no upserts there); and an update there is not atomic, so
 * a concurrent writer can leave the `mentions` document one version behind its `mention_edits`
 * record; the next ingest of that mention finds the newer version there and applies it.
 */
import {
  type ChangeStatus,
  contentHashOf,
  type ScoredMention,
  type StoredMention,
} from "../../domain/mention.js";
import type { AlertDecider, AlertIntent, IngestItemResult, IngestResult } from "../store.js";
import {
  chunkedBulkWrite,
  flushEntries,
  insertNew,
  type JournalEntry,
  newToken,
  startJournal,
} from "./alert-journal.js";
import { checkMention, type MentionDoc, toMentionDoc } from "./mention-codec.js";
import { contributionOfDoc, payloadOf, readyGeneration, writeDeltas } from "./rollup.js";
import { type Contribution, contributionOf, DeltaBuilder } from "./rollup-model.js";
import type { Collections } from "./schema.js";
import { applyVersions, editOf, helpApply } from "./versions.js";

/** A batch still contended after this many rounds is an error (a writer storm, not a race). */
const MAX_ROUNDS = 8;

/** Test seams: the crash tests stop the server (or throw) at these points of a round. */
export interface IngestHooks {
  /** After the round's new mentions are inserted, before any alert decision. */
  afterInsert?: () => void | Promise<void>;
  /** After the round's mentions are written, before their outbox rows. */
  afterMentionsWritten?: () => void | Promise<void>;
}

export interface IngestOptions {
  hooks?: IngestHooks;
  /**
   * FerretDB 1.24 over SQLite pushes no filter down except `{_id: value}` alone, and even that stops
   * early only when the document exists (a miss, an update or a delete reads the whole collection):
   * read by id one by one, and replace by `_id` without the version guard (not atomic there anyway).
   */
  singleKeyFilters?: boolean;
  /** The store's memory of its last finished round, whose journal the next round deletes. */
  journal?: { finished?: string };
}

interface Existing {
  _id: string;
  contentHash: string;
  version: number;
  firstSeenAt: Date;
  insertedBy?: string;
  brandId: string;
  platform: string;
  kind: string;
  label: string;
  at: Date;
  /** The mention JSON: what an edit's replaced version contributed to the digest roll-ups. */
  doc: string;
}

interface Plan {
  index: number;
  id: string;
  status: ChangeStatus;
  doc?: MentionDoc;
  entry?: JournalEntry;
}

export async function ingestMentions(
  c: Collections,
  mentions: ScoredMention[],
  decide: AlertDecider,
  now: Date,
  options: IngestOptions = {},
): Promise<IngestResult> {
  for (const m of mentions) checkMention(m);
  const items: IngestItemResult[] = new Array(mentions.length);
  // The same id twice in one batch: later copies go in a later layer, after the earlier copy is stored.
  const layers: number[][] = [];
  const copies = new Map<string, number>();
  mentions.forEach((m, i) => {
    const n = copies.get(m.id) ?? 0;
    copies.set(m.id, n + 1);
    const layer = layers[n] ?? [];
    layer.push(i);
    layers[n] = layer;
  });
  const hashes = mentions.map(contentHashOf);
  // the digest roll-ups' generation the deltas count in (rollup.ts); none while they are rebuilt
  const gen = mentions.length > 0 ? await readyGeneration(c) : undefined;
  for (const layer of layers) {
    let todo = layer;
    for (let round = 0; todo.length > 0; round++) {
      if (round === MAX_ROUNDS)
        throw new Error(`ingest: ${todo.length} mentions still contended after ${MAX_ROUNDS} rounds`);
      todo = await ingestRound(c, mentions, hashes, todo, decide, now, options, items, gen);
    }
  }
  const result: IngestResult = { items, new: 0, changed: 0, unchanged: 0, alertsQueued: 0 };
  for (const item of items) {
    result[item.status] += 1;
    result.alertsQueued += item.alertsQueued;
  }
  return result;
}

/** One round over `todo` (indexes into `mentions`, distinct ids); returns the indexes that lost a race. */
async function ingestRound(
  c: Collections,
  mentions: ScoredMention[],
  hashes: string[],
  todo: number[],
  decide: AlertDecider,
  now: Date,
  options: IngestOptions,
  items: IngestItemResult[],
  gen: string | undefined,
): Promise<number[]> {
  const token = newToken();
  const single = options.singleKeyFilters ?? false;
  const ids = todo.map((i) => mentions[i]!.id);
  // 1. the journal first (alert-journal.ts): which mentions this round may insert or edit
  const journal = options.journal ?? {};
  await startJournal(c, { _id: token, at: new Date(), candidates: ids }, journal.finished);
  journal.finished = undefined;
  // 2. every mention inserted as new; a duplicate key means it is already stored
  const fresh = todo.map((i) => ({
    ...toMentionDoc(mentions[i]!, { firstSeenAt: now, lastSeenAt: now, contentHash: hashes[i]!, version: 1 }),
    insertedBy: token,
  }));
  const inserted = await insertNew(c.mentions, fresh);
  await options.hooks?.afterInsert?.();
  // 3. the stored ones: read, then changed or unchanged
  const existing = await readExisting(
    c,
    ids.filter((_, k) => !inserted[k]),
    single,
  );
  const lost = new Set<number>();
  const plans: Plan[] = [];
  todo.forEach((i, k) => {
    const id = ids[k]!;
    if (inserted[k]) plans.push({ index: i, id, status: "new", doc: fresh[k]! });
    else {
      const ex = existing.get(id);
      if (ex) plans.push(plan(mentions[i]!, hashes[i]!, i, ex, now));
      else lost.add(i); // deleted since (an undone round): go round again
    }
  });
  // 4. decide, in input order; a throwing rule undoes this round's inserts (nothing stored without intents)
  try {
    for (const p of plans) {
      if (p.doc && p.status !== "unchanged")
        p.entry = entryOf(p, decide(storedOf(mentions[p.index]!, p.doc), p.status), now);
    }
  } catch (err) {
    const mine = plans
      .filter((p) => p.status === "new")
      .map((p) => ({ deleteOne: { filter: { _id: p.id } } }));
    await chunkedBulkWrite(c.mentions, mine);
    await c.journal.deleteOne({ _id: token });
    throw err;
  }
  const entries = plans.flatMap((p) => (p.entry ? [p.entry] : []));

  // 5. edits (each version won by a unique insert, then applied) and lastSeenAt of the unchanged
  const edits = plans.filter((p) => p.status === "changed");
  const touches = plans.filter((p) => p.status === "unchanged");
  // the digest contribution each edit replaces (rollup.ts), kept in its edit record: the stored
  // version read above is exactly the one it replaces
  const prevs = new Map<string, Contribution>();
  for (const p of edits) prevs.set(p.id, contributionOfDoc(existing.get(p.id)!));
  const [editsWon] = await Promise.all([
    insertNew(
      c.edits,
      edits.map((p) => editOf(p.doc!, now, token, prevs.get(p.id) ?? null)),
    ),
    touches.length > 0
      ? chunkedBulkWrite(
          c.mentions,
          touches.map((p) => ({
            updateOne: { filter: { _id: p.id }, update: { $max: { lastSeenAt: now } } },
          })),
        )
      : undefined,
  ]);
  const editsLost = edits.filter((p, k) => {
    if (!editsWon[k]) lost.add(p.index);
    return !editsWon[k];
  });
  await applyVersions(
    c,
    edits.filter((_, k) => editsWon[k]).map((p) => p.doc!),
    single,
  );
  if (editsLost.length > 0)
    await helpApply(
      c,
      editsLost.map((p) => p.doc!),
      single,
    );
  // the digest roll-up deltas of what this round stored (rollup.ts); redone by the sweep if we die here
  if (gen) {
    const delta = new DeltaBuilder();
    for (const p of plans) {
      // an unchanged mention writes nothing: a round that only sees old reviews again adds no delta
      if (p.status === "new")
        delta.change(p.id, 1, null, contributionOf(p.doc!, mentions[p.index]!), payloadOf(p.doc!));
    }
    edits.forEach((p, k) => {
      if (editsWon[k])
        delta.change(
          p.id,
          p.doc!.version,
          prevs.get(p.id) ?? null,
          contributionOf(p.doc!, mentions[p.index]!),
          payloadOf(p.doc!),
        );
    });
    await writeDeltas(c.db, delta, token, gen);
  }

  // 6. the winners' intents into the outbox, then the journal goes
  let added = new Map<string, number>();
  if (entries.length > 0) {
    await options.hooks?.afterMentionsWritten?.();
    added = await flushEntries(
      c,
      entries.filter((e) => !editsLost.some((p) => p.id === e.mentionId)),
    );
  }
  journal.finished = token; // deleted with the next round's journal start (or at close)
  for (const p of plans) {
    if (!lost.has(p.index))
      items[p.index] = { id: p.id, status: p.status, alertsQueued: added.get(p.id) ?? 0 };
  }
  return todo.filter((i) => lost.has(i));
}

function storedOf(m: ScoredMention, doc: MentionDoc): StoredMention {
  return {
    ...m,
    firstSeenAt: doc.firstSeenAt.toISOString(),
    lastSeenAt: doc.lastSeenAt.toISOString(),
    contentHash: doc.contentHash,
    version: doc.version,
  };
}

function entryOf(p: Plan, intents: AlertIntent[], now: Date): JournalEntry | undefined {
  if (intents.length === 0 || p.status === "unchanged") return undefined;
  return {
    mentionId: p.id,
    version: p.doc!.version,
    change: p.status,
    hash: p.doc!.contentHash,
    at: now.toISOString(),
    intents,
  };
}

const EXISTING = {
  projection: {
    contentHash: 1,
    version: 1,
    firstSeenAt: 1,
    insertedBy: 1,
    brandId: 1,
    platform: 1,
    kind: 1,
    label: 1,
    at: 1,
    doc: 1,
  },
} as const;
/** Parallel single-id reads in flight at once (the driver's pool is 10). */
const READ_CONCURRENCY = 8;

async function readExisting(c: Collections, ids: string[], single: boolean): Promise<Map<string, Existing>> {
  if (!single) {
    const docs = await c.mentions.find({ _id: { $in: ids } }, EXISTING).toArray();
    return new Map(docs.map((d) => [d._id, d as Existing]));
  }
  const out = new Map<string, Existing>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const d = await c.mentions.findOne({ _id: id }, EXISTING);
      if (d) out.set(id, d as Existing);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, ids.length) }, worker));
  return out;
}

/** A stored mention: unchanged, or the next version (its alert intents are decided later). */
function plan(m: ScoredMention, hash: string, index: number, ex: Existing, now: Date): Plan {
  if (ex.contentHash === hash) return { index, id: m.id, status: "unchanged" };
  const doc = toMentionDoc(m, {
    firstSeenAt: ex.firstSeenAt,
    lastSeenAt: now,
    contentHash: hash,
    version: ex.version + 1,
  });
  // who inserted version 1 stays known (a dead round's roll-up deltas are redone from it)
  if (ex.insertedBy !== undefined) doc.insertedBy = ex.insertedBy;
  return { index, id: m.id, status: "changed", doc };
}
