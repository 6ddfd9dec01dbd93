/**
 * Alert intents reach the outbox exactly once without multi-document transactions (FerretDB 1.24 has
 * none; a MongoDB standalone has none either), through a write-ahead journal.
 *
 * The problem: an ingest writes mentions and then their outbox rows. If the process or the server
 * dies in between, a plain two-step write leaves a new mention without its alert: the next run sees
 * it as unchanged and never alerts. The design, per ingest round:
 *
 * 1. `decide` runs for every new/changed mention BEFORE anything is written (a throwing rule stores
 *    nothing).
 * 1. ONE journal document (`ingest_journal`, `_id` = the round's token) is inserted first, listing
 *    the mentions the round will try to insert as new.
 * 2. Every mention is inserted as new, stamped `insertedBy` = the round (a duplicate key: stored).
 * 3. `decide` runs for the new ones and for the changed ones (read back), and the journal gets the
 *    decided intents (mention id, version, change, content hash, intents) BEFORE any edit is written.
 *    A throwing rule deletes the round's inserts again: nothing is stored without its intents.
 * 4. Edits are written (ingest.ts), then all intents are copied into the outbox (`flushEntries`:
 *    outbox keys are unique, so a copy made twice is made once), then the journal document goes.
 *
 * A journal document older than a grace period belongs to a round that died. `sweepJournal`, run by
 * `ingest` at most every `sweepEveryMs`, finishes it: a decided entry whose version was stored (a new
 * mention exists; a changed one's `mention_edits` record has that content hash) is copied to the
 * outbox; an inserted new mention without a decision (the round died before deciding) is decided now,
 * with the current rules; an entry whose mention never got written is dropped (the next crawl sees it
 * as new again). So a crash at any point leaves either nothing or intents that reach the outbox on
 * the next run, once per key. The cost is one journal insert, update and delete per round, not a
 * write per mention.
 */
import { randomUUID } from "node:crypto";
import { type Collection, type Document, MongoBulkWriteError, type OptionalUnlessRequiredId } from "mongodb";
import { type AlertDecider, outboxKeyOf } from "../store.js";
import { fromMentionDoc, MENTION_PROJECTION } from "./mention-codec.js";
import { type Collections, DUPLICATE_KEY, type JournalEntry, type OutboxDoc } from "./schema.js";

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
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    for (const w of errors) {
      if (w.code !== DUPLICATE_KEY) throw err;
      ok[w.index] = false;
    }
  }
  return ok;
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

/** Entries whose mention version was stored (see the header); the others never happened. */
async function storedEntries(c: Collections, entries: JournalEntry[]): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for (const e of entries) {
    if (e.change === "new") {
      if (await c.mentions.findOne({ _id: e.mentionId }, { projection: { _id: 1 } })) out.push(e);
      continue;
    }
    const edit = await c.edits.findOne({ _id: `${e.mentionId}#v${e.version}` });
    if (edit?.mention.contentHash === e.hash) out.push(e);
  }
  return out;
}

/**
 * Finish the journal documents of rounds that died more than `graceMs` ago: their decided entries whose
 * version was stored, and their inserted new mentions that never got a decision (decided now, with the
 * current rules). Returns how many outbox rows were added.
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
    const entries = await storedEntries(c, j.entries);
    for (const id of j.decided ? [] : j.candidates) {
      const d = await c.mentions.findOne(
        { _id: id },
        { projection: { ...MENTION_PROJECTION, insertedBy: 1 } },
      );
      if (!d || d.insertedBy !== j._id || d.version !== 1) continue;
      const intents = decide(fromMentionDoc(d), "new");
      const at = d.firstSeenAt.toISOString();
      if (intents.length > 0)
        entries.push({ mentionId: id, version: 1, change: "new", hash: d.contentHash, at, intents });
    }
    const added = await flushEntries(c, entries);
    for (const n of added.values()) total += n;
    await c.journal.deleteOne({ _id: j._id });
  }
  return total;
}
