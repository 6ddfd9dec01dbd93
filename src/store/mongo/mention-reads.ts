/** Reads of mentions: one by id, a filtered list newest first, a count. Query values are only ever values. */
import type { Filter } from "mongodb";
import type { StoredMention } from "../../domain/mention.js";
import type { MentionQuery } from "../store.js";
import {
  fromMentionDoc,
  instant,
  MENTION_PROJECTION,
  type MentionDoc,
  type MentionDocFields,
} from "./mention-codec.js";
import type { Collections } from "./schema.js";

function value(name: string, v: unknown): string {
  if (typeof v !== "string") throw new TypeError(`findMentions: ${name} must be a string, got ${typeof v}`);
  return v;
}

function queryInstant(name: string, v: string): Date {
  const d = instant(value(name, v));
  if (!d) throw new RangeError(`findMentions: ${name} must be an ISO instant, got ${JSON.stringify(v)}`);
  return d;
}

/** The filter of a query: every value behind `$eq` (or a range on a Date), so none can be an operator. */
export function mentionFilter(q: MentionQuery): Filter<MentionDoc> {
  const f: Filter<MentionDoc> = {};
  if (q.brandId !== undefined) f.brandId = { $eq: value("brandId", q.brandId) };
  if (q.platform !== undefined) f.platform = { $eq: value("platform", q.platform) };
  if (q.label !== undefined) f.label = { $eq: value("label", q.label) };
  if (q.from !== undefined || q.to !== undefined) {
    const range: { $gte?: Date; $lt?: Date } = {};
    if (q.from !== undefined) range.$gte = queryInstant("from", q.from);
    if (q.to !== undefined) range.$lt = queryInstant("to", q.to);
    f.at = range;
  }
  return f;
}

export function mentionReads(c: Collections) {
  return {
    async get(id: string): Promise<StoredMention | undefined> {
      const d = await c.mentions.findOne<MentionDocFields>(
        { _id: { $eq: value("id", id) } },
        { projection: MENTION_PROJECTION },
      );
      return d ? fromMentionDoc(d) : undefined;
    },
    async find(q: MentionQuery): Promise<StoredMention[]> {
      if (q.limit !== undefined && Math.floor(q.limit) <= 0) return []; // Mongo's limit(0) means "no limit"
      let cursor = c.mentions
        .find<MentionDocFields>(mentionFilter(q), { projection: MENTION_PROJECTION })
        .sort({ at: -1, _id: -1 });
      if (q.limit !== undefined) cursor = cursor.limit(Math.floor(q.limit));
      return (await cursor.toArray()).map(fromMentionDoc);
    },
    async count(q: MentionQuery): Promise<number> {
      return c.mentions.countDocuments(mentionFilter(q));
    },
  };
}
