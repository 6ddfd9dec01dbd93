/**
 * The ingest of the MongoDB store: idempotent upserts with race-free new/changed detection, without
 * transactions. A batch is a handful of round trips, whatever its size:
 *
 *   read    the stored (hash, version, firstSeenAt) of every id in the batch
 *   decide  classify each mention new/changed/unchanged and call `decide` for the new/changed ones,
 *           all before any write (a throwing rule stores nothing)
 *   write   new: insertMany unordered into `mentions`; changed: insertMany unordered of version v+1
 *           into `mention_edits` (`_id` = `<id>#v<v+1>`), then the winners' replaceOne of the
 *           mention where its version is lower; unchanged: $max lastSeenAt.
 *   learn   a duplicate key (11000) means another process stored that mention or that version first:
 *           "already stored", never a failure. Losers help apply the winner's version and go round
 *           again with a fresh read (where they usually find the same content: unchanged). So two
 *           processes ingesting the same batch report each mention new exactly once and an edit
 *           changed exactly once: the unique `_id` decides, atomically on MongoDB and FerretDB alike
 *           (schema.ts explains why no conditional update decides anything).
 *   alert   the round's intents go into a journal document before the writes, and the winners'
 *           into the outbox after them (alert-journal.ts: why this survives a crash at any point).
 *
 * FerretDB 1.24 notes: its `update` command stops at the first write error even when unordered, so
 * update batches are built never to fail (no upserts there); and an update there is not atomic, so
 * a concurrent writer can leave the `mentions` document one version behind its `mention_edits`
 * record; the next ingest of that mention finds the newer version there and applies it.
 */
import type { AnyBulkWriteOperation, WithoutId } from "mongodb";
import {
  type ChangeStatus,
  contentHashOf,
  type ScoredMention,
  type StoredMention,
} from "../../domain/mention.js";
import type { AlertDecider, IngestItemResult, IngestResult } from "../store.js";
import { flushEntries, insertNew, newToken } from "./alert-journal.js";
import { checkMention, type MentionDoc, toMentionDoc } from "./mention-codec.js";
import type { Collections, EditDoc, JournalEntry } from "./schema.js";

/** A batch still contended after this many rounds is an error (a writer storm, not a race). */
const MAX_ROUNDS = 8;

export interface IngestHooks {
  /** Called after a round's mentions are written and before their outbox rows (crash tests stop the server here). */
  afterMentionsWritten?: () => void | Promise<void>;
}

export interface IngestOptions {
  hooks?: IngestHooks;
  /**
   * The server only uses an index for a filter that is `{_id: value}` alone (FerretDB 1.24 over SQLite
   * scans the whole collection for anything else, `$in` included): read by id one by one, and replace
   * by `_id` without the version guard (which is not atomic there anyway).
   */
  singleKeyFilters?: boolean;
}

interface Existing {
  _id: string;
  contentHash: string;
  version: number;
  firstSeenAt: Date;
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
  for (const layer of layers) {
    let todo = layer;
    for (let round = 0; todo.length > 0; round++) {
      if (round === MAX_ROUNDS)
        throw new Error(`ingest: ${todo.length} mentions still contended after ${MAX_ROUNDS} rounds`);
      todo = await ingestRound(c, mentions, hashes, todo, decide, now, options, items);
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
): Promise<number[]> {
  const token = newToken();
  const single = options.singleKeyFilters ?? false;
  const existing = await readExisting(
    c,
    todo.map((i) => mentions[i]!.id),
    single,
  );
  const plans = todo.map((i) =>
    plan(mentions[i]!, hashes[i]!, i, existing.get(mentions[i]!.id), decide, now),
  );
  const entries = plans.flatMap((p) => (p.entry ? [p.entry] : []));
  if (entries.length > 0) await c.journal.insertOne({ _id: token, at: new Date(), entries });
  const news = plans.filter((p) => p.status === "new");
  const edits = plans.filter((p) => p.status === "changed");
  const touches = plans.filter((p) => p.status === "unchanged");

  const [inserted, editsWon] = await Promise.all([
    insertNew(
      c.mentions,
      news.map((p) => p.doc!),
    ),
    insertNew(
      c.edits,
      edits.map((p) => editOf(p.doc!, now)),
    ),
    touches.length > 0
      ? c.mentions.bulkWrite(
          touches.map((p) => ({
            updateOne: { filter: { _id: p.id }, update: { $max: { lastSeenAt: now } } },
          })),
          { ordered: false },
        )
      : undefined,
  ]);
  const lost = new Set<number>();
  news.forEach((p, k) => {
    if (!inserted[k]) lost.add(p.index);
  });
  const editsLost = edits.filter((p, k) => {
    if (!editsWon[k]) lost.add(p.index);
    return !editsWon[k];
  });
  await applyVersions(
    c,
    edits.filter((_, k) => editsWon[k]).map((p) => p.doc!),
    single,
  );
  if (editsLost.length > 0) await helpApply(c, editsLost, single);

  let added = new Map<string, number>();
  if (entries.length > 0) {
    await options.hooks?.afterMentionsWritten?.();
    added = await flushEntries(
      c,
      plans.flatMap((p) => (p.entry && !lost.has(p.index) ? [p.entry] : [])),
    );
    await c.journal.deleteOne({ _id: token });
  }
  for (const p of plans) {
    if (!lost.has(p.index))
      items[p.index] = { id: p.id, status: p.status, alertsQueued: added.get(p.id) ?? 0 };
  }
  return plans.filter((p) => lost.has(p.index)).map((p) => p.index);
}

const EXISTING = { projection: { contentHash: 1, version: 1, firstSeenAt: 1 } } as const;
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

function plan(
  m: ScoredMention,
  hash: string,
  index: number,
  ex: Existing | undefined,
  decide: AlertDecider,
  now: Date,
): Plan {
  if (ex && ex.contentHash === hash) return { index, id: m.id, status: "unchanged" };
  const status: ChangeStatus = ex ? "changed" : "new";
  const version = ex ? ex.version + 1 : 1;
  const firstSeenAt = ex ? ex.firstSeenAt : now;
  const nowIso = now.toISOString();
  const stored: StoredMention = {
    ...m,
    firstSeenAt: firstSeenAt.toISOString(),
    lastSeenAt: nowIso,
    contentHash: hash,
    version,
  };
  const intents = decide(stored, status);
  const doc = toMentionDoc(m, { firstSeenAt, lastSeenAt: now, contentHash: hash, version });
  if (intents.length === 0) return { index, id: m.id, status, doc };
  const entry: JournalEntry = { mentionId: m.id, version, change: status, hash, at: nowIso, intents };
  return { index, id: m.id, status, doc, entry };
}

function withoutId(doc: MentionDoc): WithoutId<MentionDoc> {
  const { _id: _, ...rest } = doc;
  return rest;
}

function editOf(doc: MentionDoc, now: Date): EditDoc {
  return {
    _id: `${doc._id}#v${doc.version}`,
    mentionId: doc._id,
    version: doc.version,
    createdAt: now,
    mention: withoutId(doc),
  };
}

/** Make these won versions the current mention documents (never replacing a newer version). */
async function applyVersions(c: Collections, docs: MentionDoc[], single: boolean): Promise<void> {
  if (docs.length === 0) return;
  const ops: AnyBulkWriteOperation<MentionDoc>[] = docs.map((d) => ({
    replaceOne: {
      filter: single ? { _id: d._id } : { _id: d._id, version: { $lt: d.version } },
      replacement: withoutId(d),
    },
  }));
  await c.mentions.bulkWrite(ops, { ordered: false });
}

/** Another process won these versions first: apply its versions (in case it died before doing so). */
async function helpApply(c: Collections, lost: Plan[], single: boolean): Promise<void> {
  const won = await c.edits.find({ _id: { $in: lost.map((p) => `${p.id}#v${p.doc!.version}`) } }).toArray();
  await applyVersions(
    c,
    won.map((e) => ({ _id: e.mentionId, ...e.mention })),
    single,
  );
}
