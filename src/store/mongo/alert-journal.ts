/**
 * Alert intents travel WITH their mention, because the store may not have multi-document
 * transactions (FerretDB 1.24 has none; a MongoDB standalone has none either).
 *
 * The problem: an ingest writes a mention and then its outbox rows. If the process or the server
 * dies in between, a plain two-step write leaves a new mention without its alert: the next run sees
 * it as unchanged and never alerts. The design:
 *
 * 1. `ingest` calls `decide` for every new/changed mention BEFORE writing anything (a throwing rule
 *    stores nothing), and writes each mention together with its intents in the SAME single-document
 *    write (atomic on every MongoDB-compatible server): `pending: [{change, version, at, intents}]`,
 *    `pendingToken` (the writing round) and `pendingSince` (wall clock).
 * 2. It then copies the intents into the outbox (`flushPending`; outbox keys are unique, so a copy
 *    made twice is made once) and clears `pending` where `pendingToken` is still its own.
 * 3. Whoever finds `pending` left behind finishes the copy: the next writer of that mention carries
 *    the entries over into its own write and flushes them; and `sweepPending`, run by `ingest` and
 *    `claimAlerts` at most every `sweepEveryMs`, flushes entries older than a grace period (their
 *    writer died). So a crash at any point leaves either nothing or a mention whose intents reach
 *    the outbox on the next run, exactly once per key.
 */
import { randomUUID } from "node:crypto";
import { type Collection, type Document, MongoBulkWriteError, type OptionalUnlessRequiredId } from "mongodb";
import { outboxKeyOf } from "../store.js";
import type { PendingEntry } from "./mention-codec.js";
import { type Collections, DUPLICATE_KEY, type OutboxDoc } from "./schema.js";

/** A unique id for one writing round (`pendingToken`). */
export const newToken = (): string => randomUUID();

export interface PendingOf {
  mentionId: string;
  entries: PendingEntry[];
}

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
 * Copy pending entries into the outbox. Keys follow `outboxKeyOf`: the base key for the first intent of
 * a mention × rule × notifier; for a "changed" entry whose base key is taken by ANOTHER version, the
 * `#v<version>` key (a base row of the same version means this entry was copied before: nothing to do).
 * Returns the number of rows this call added, per mention id.
 */
export async function flushPending(c: Collections, items: PendingOf[]): Promise<Map<string, number>> {
  const added = new Map<string, number>();
  const planned: Planned[] = [];
  for (const { mentionId, entries } of items) {
    for (const e of [...entries].sort((a, b) => a.version - b.version)) {
      const at = new Date(e.at);
      const seen = new Set<string>();
      for (const intent of e.intents) {
        const key = outboxKeyOf(mentionId, intent.ruleId, intent.notifierId);
        if (seen.has(key)) continue; // repeated intents in one decision make one row
        seen.add(key);
        planned.push({
          version: e.version,
          doc: {
            _id: key,
            mentionId,
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

const UNSET_PENDING = { $unset: { pending: "", pendingToken: "", pendingSince: "" } } as const;

/** Clear `pending` on these mentions where this round (`token`) is still the one responsible. */
export async function clearPending(c: Collections, ids: string[], token: string): Promise<void> {
  if (ids.length === 0) return;
  await c.mentions.updateMany({ _id: { $in: ids }, pendingToken: { $eq: token } }, UNSET_PENDING);
}

/**
 * Flush the pending intents of mentions whose writer left them more than `graceMs` ago (it died, or the
 * server did). Returns how many outbox rows were added.
 */
export async function sweepPending(c: Collections, graceMs: number, limit = 1000): Promise<number> {
  const stale = await c.mentions
    .find(
      { pendingSince: { $lt: new Date(Date.now() - graceMs) } },
      { projection: { pending: 1, pendingToken: 1 } },
    )
    .limit(limit)
    .toArray();
  if (stale.length === 0) return 0;
  const added = await flushPending(
    c,
    stale.map((d) => ({ mentionId: d._id, entries: d.pending ?? [] })),
  );
  await c.mentions.bulkWrite(
    stale.map((d) => ({
      updateOne: {
        filter: { _id: d._id, pendingToken: { $eq: d.pendingToken ?? "" } },
        update: UNSET_PENDING,
      },
    })),
    { ordered: false },
  );
  let total = 0;
  for (const n of added.values()) total += n;
  return total;
}
