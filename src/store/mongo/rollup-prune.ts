/**
 * After a rebuild, the roll-up documents of older generations are dead weight: reads skip them by
 * their `gen`, but on FerretDB 1.24 every query reads a collection's rows, so each rebuild would add
 * a full copy of every week to what each digest reads. Once a new generation is ready, this deletes
 * the others' deltas and payload copies (a payload's `_id` starts with its generation).
 *
 * Runs only when the generation is already ready and nothing ingests (a rebuild's precondition,
 * rollup.ts), so no reader still wants an old generation. A document an older writer adds later is
 * ignored by reads and deleted at the next rebuild.
 */
import type { Db } from "mongodb";

const DELTAS = /^dg_[0-9a-f]{16}_\d{8}$/;
const PAYLOADS = /^dg_p\d_[0-9a-f]{16}_\d{8}$/;

/** Delete every roll-up document not of generation `gen`; returns how many went. */
export async function pruneOtherGenerations(db: Db, gen: string): Promise<number> {
  let deleted = 0;
  // "|" (0x7c) ends a payload's generation prefix; "}" (0x7d) is the next character
  const payloadsOfOthers = { $or: [{ _id: { $lt: `${gen}|` } }, { _id: { $gte: `${gen}}` } }] };
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const filter = DELTAS.test(name)
      ? { gen: { $ne: gen } }
      : PAYLOADS.test(name)
        ? payloadsOfOthers
        : undefined;
    if (!filter) continue;
    deleted += (await db.collection<{ _id: string }>(name).deleteMany(filter)).deletedCount;
  }
  return deleted;
}
