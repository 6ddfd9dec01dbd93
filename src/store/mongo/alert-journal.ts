/**
 * Alert intents reach the outbox exactly once without multi-document transactions (FerretDB 1.24 has
 * none; a MongoDB standalone has none either), through a write-ahead journal of ingest rounds.
 *
 * The problem: an ingest writes mentions and then their outbox rows. If the process or the server
 * dies in between, a plain two-step write leaves a new mention without its alert: the next run sees
 * it as unchanged and never alerts. The design, per ingest round (ingest.ts):
 *
 * 1. A journal document (`ingest_journal`, `_id` = the round's token) is inserted FIRST, listing the
 *    round's mention ids (in the same round trip, the previous round's journal is deleted).
 * 2. Mentions are inserted stamped `insertedBy` = the round; edits are won by inserting
 *    `mention_edits` records stamped `round` = the round.
 * 3. `decide` runs for what the round stored new or changed (a throwing rule undoes the round's
 *    inserts: nothing is stored without its intents), and the intents are copied into the outbox
 *    (`flushEntries`: outbox keys are unique, so a copy made twice is made once).
 *
 * A journal older than a grace period belongs to a round that died (or finished just before its
 * process did). `sweepJournal`, run by `ingest` at most every `sweepEveryMs`, finishes it: the
 * mentions the round inserted that are still at version 1, and the versions it won, are decided again
 * from what is stored (with the current rules) and copied to the outbox; rows already there are kept
 * as they are. So a crash at any point leaves either nothing or intents that reach the outbox on the
 * next run, once per key. In the common case this costs one small write per round, not one per mention.
 */
import { randomUUID } from "node:crypto";
import {
  type AnyBulkWriteOperation,
  type Collection,
  type Document,
  MongoBulkWriteError,
  type OptionalUnlessRequiredId,
} from "mongodb";
import { type AlertDecider, type AlertIntent, outboxKeyOf } from "../store.js";
import { fromMentionDoc, type MentionDoc } from "./mention-codec.js";
import { redoRound } from "./rollup.js";
import { type Collections, DUPLICATE_KEY, type JournalDoc, type OutboxDoc } from "./schema.js";

/** A unique id for one ingest round (the journal document's `_id`). */
export const newToken = (): string => randomUUID();

/**
 * insertMany unordered; returns which documents were inserted. A duplicate key (11000) means "already
 * stored" and is never a failure; any other write error is thrown.
 */
export async function insertNew<T extends Document>(
  col: Collection<T>,
  docs: OptionalUnlessRequiredId<T>[],
): Promise<boolean[]> {
  const ok = docs.map(() => true);
  if (docs.length === 0) return ok;
  try {
    await col.insertMany(docs, { ordered: false });
  } catch (err) {
    if (!(err instanceof MongoBulkWriteError)) throw err;
    const errors = Array.isArray(err.writeErrors)
      ? err.writeErrors
      : err.writeErrors
        ? [err.writeErrors]
        : [];
    // no write errors: the batch itself failed (the driver wraps a lost connection this way)
    if (errors.length === 0) throw err;
    for (const w of errors) {
      if (w.code !== DUPLICATE_KEY) throw err;
      ok[w.index] = false;
    }
  }
  return ok;
}

/** The alert intents decided for one version of a mention. */
export interface JournalEntry {
  mentionId: string;
  version: number;
  change: "new" | "changed";
  hash: string;
  /** The ingest's `now` (ISO): the outbox rows' createdAt/notBefore. */
  at: string;
  intents: AlertIntent[];
}

/**
 * Statements per update/replace/delete command. FerretDB 1.24 stalls for minutes on an `update`
 * command of more than ~100 statements (60 run in a second, 120 did not finish in 120 s), so bulk
 * writes go in chunks; on MongoDB the chunks only cost a few extra round trips.
 */
export const WRITE_CHUNK = 50;

/** bulkWrite (unordered) in chunks of WRITE_CHUNK; returns the total matched count. */
export async function chunkedBulkWrite<T extends Document>(
  col: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
): Promise<number> {
  let matched = 0;
  for (let i = 0; i < ops.length; i += WRITE_CHUNK) {
    matched += (await col.bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: false })).matchedCount;
  }
  return matched;
}

interface Planned {
  doc: OutboxDoc;
  version: number;
}

/**
 * Copy journal entries into the outbox. Keys follow `outboxKeyOf`: the base key for the first intent of
 * a mention × rule × notifier; for a "changed" entry whose base key is taken by ANOTHER version, the
 * `#v<version>` key (a base row of the same version means this entry was copied before: nothing to do).
 * Returns the number of rows this call added, per mention id.
 */
export async function flushEntries(c: Collections, entries: JournalEntry[]): Promise<Map<string, number>> {
  const added = new Map<string, number>();
  const planned: Planned[] = [];
  for (const e of [...entries].sort((a, b) => a.version - b.version)) {
    const at = new Date(e.at);
    const seen = new Set<string>();
    for (const intent of e.intents) {
      const key = outboxKeyOf(e.mentionId, intent.ruleId, intent.notifierId);
      if (seen.has(key)) continue; // repeated intents in one decision make one row
      seen.add(key);
      planned.push({
        version: e.version,
        doc: {
          _id: key,
          mentionId: e.mentionId,
          ruleId: intent.ruleId,
          notifierId: intent.notifierId,
          severity: intent.severity,
          change: e.change,
          state: "pending",
          attempts: 0,
          createdAt: at,
          notBefore: at,
          mentionVersion: e.version,
        },
      });
    }
  }
  const count = (mentionId: string) => added.set(mentionId, (added.get(mentionId) ?? 0) + 1);
  const ok = await insertNew(
    c.outbox,
    planned.map((p) => p.doc),
  );
  const retry = planned.filter((p, i) => {
    if (ok[i]) count(p.doc.mentionId);
    return !ok[i] && p.doc.change === "changed";
  });
  if (retry.length === 0) return added;

  const taken = await c.outbox
    .find({ _id: { $in: retry.map((p) => p.doc._id) } }, { projection: { mentionVersion: 1 } })
    .toArray();
  const versionOf = new Map(taken.map((d) => [d._id, d.mentionVersion]));
  const versioned = retry
    .filter((p) => versionOf.get(p.doc._id) !== p.version)
    .map((p) => ({
      ...p.doc,
      _id: outboxKeyOf(p.doc.mentionId, p.doc.ruleId, p.doc.notifierId, p.version),
    }));
  const ok2 = await insertNew(c.outbox, versioned);
  versioned.forEach((d, i) => {
    if (ok2[i]) count(d.mentionId);
  });
  return added;
}

/** The intents of a dead round, decided now from what it stored: its new mentions and its edits. */
async function deadRoundEntries(
  c: Collections,
  j: JournalDoc,
  decide: AlertDecider,
): Promise<JournalEntry[]> {
  const entries: JournalEntry[] = [];
  const push = (d: MentionDoc, change: "new" | "changed") => {
    const intents = decide(fromMentionDoc(d), change);
    if (intents.length === 0) return;
    const at = (change === "new" ? d.firstSeenAt : d.lastSeenAt).toISOString();
    entries.push({ mentionId: d._id, version: d.version, change, hash: d.contentHash, at, intents });
  };
  for (const id of j.candidates) {
    const d = await c.mentions.findOne({ _id: id });
    if (d && d.insertedBy === j._id && d.version === 1) push(d, "new");
  }
  for (const e of await c.edits.find({ round: j._id }).toArray())
    push({ _id: e.mentionId, ...e.mention }, "changed");
  return entries;
}

/**
 * Finish the journals of rounds that died more than `graceMs` ago: decide the intents of what they
 * stored (with the current rules) and copy them to the outbox. Returns how many rows were added.
 */
export async function sweepJournal(
  c: Collections,
  graceMs: number,
  decide: AlertDecider,
  limit = 100,
): Promise<number> {
  const stale = await c.journal
    .find({ at: { $lt: new Date(Date.now() - graceMs) } })
    .limit(limit)
    .toArray();
  let total = 0;
  for (const j of stale) {
    await redoRound(c, c.db, j); // its digest roll-up deltas (rollup.ts)
    const added = await flushEntries(c, await deadRoundEntries(c, j, decide));
    for (const n of added.values()) total += n;
    await c.journal.deleteOne({ _id: j._id });
  }
  return total;
}

/**
 * Start a round's journal; the previous finished round's journal is deleted in the same round trip
 * (a finished round's journal that outlives a crash is swept like a dead one: harmless, it finds its
 * rows already in the outbox).
 */
export async function startJournal(c: Collections, doc: JournalDoc, previous?: string): Promise<void> {
  await c.journal.bulkWrite(
    previous
      ? [{ insertOne: { document: doc } }, { deleteOne: { filter: { _id: previous } } }]
      : [{ insertOne: { document: doc } }],
    { ordered: true },
  );
}
