/**
 * Versions ≥ 2 of a mention (ingest.ts): each is won by inserting its `mention_edits` record (unique
 * `<id>#v<version>`), then applied to the `mentions` document, never over a newer version; a loser
 * applies the winner's record in case the winner died before doing so.
 */
import type { AnyBulkWriteOperation, WithoutId } from "mongodb";
import { chunkedBulkWrite } from "./alert-journal.js";
import type { MentionDoc } from "./mention-codec.js";
import type { Contribution } from "./rollup-model.js";
import type { Collections, EditDoc } from "./schema.js";

function withoutId(doc: MentionDoc): WithoutId<MentionDoc> {
  const { _id: _, ...rest } = doc;
  return rest;
}

/** The edit record of version `doc.version`; `prev`: the digest contribution of the version it replaces. */
export function editOf(doc: MentionDoc, now: Date, round: string, prev: Contribution | null): EditDoc {
  return {
    _id: `${doc._id}#v${doc.version}`,
    mentionId: doc._id,
    version: doc.version,
    round,
    createdAt: now,
    mention: withoutId(doc),
    prev,
  };
}

/** Make these won versions the current mention documents (never replacing a newer version). */
export async function applyVersions(c: Collections, docs: MentionDoc[], single: boolean): Promise<void> {
  if (docs.length === 0) return;
  const ops: AnyBulkWriteOperation<MentionDoc>[] = docs.map((d) => ({
    replaceOne: {
      filter: single ? { _id: d._id } : { _id: d._id, version: { $lt: d.version } },
      replacement: withoutId(d),
    },
  }));
  await chunkedBulkWrite(c.mentions, ops);
}

/** Another process won these versions first: apply its versions (in case it died before doing so). */
export async function helpApply(c: Collections, lost: MentionDoc[], single: boolean): Promise<void> {
  const won = await c.edits.find({ _id: { $in: lost.map((d) => `${d._id}#v${d.version}`) } }).toArray();
  await applyVersions(
    c,
    won.map((e) => ({ _id: e.mentionId, ...e.mention })),
    single,
  );
}
