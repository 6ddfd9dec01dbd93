/**
 * How a mention is laid out in the `mentions` collection, and the checks at that boundary.
 *
 * Scraped data is hostile. A page can carry keys like `$where` or `a.b` (in `extra`, in run
 * coverage) and values like `{"$ne": null}`. So:
 * - The mention itself (a `ScoredMention` minus the stored-only fields) is kept as ONE JSON string,
 *   `doc`. Scraped keys therefore never become BSON keys, update operators or key paths (MongoDB < 5
 *   and FerretDB 1.24 reject `$`/`.` keys outright; MongoDB ≥ 5 stores them but cannot query or
 *   update them safely), and a scraped object can never reach a filter.
 * - The fields we filter, sort and index on are typed top-level scalars, copied from the mention
 *   after a type check (`checkMention`): a non-string where a string belongs is refused, never
 *   passed on.
 * - Instants we compare are BSON Dates (`at`, `firstSeenAt`, `lastSeenAt`), so order is time order
 *   and a TTL index could use them; they come back as `toISOString()` strings.
 */
import type { ScoredMention, StoredMention } from "../../domain/mention.js";
import { SentimentLabel } from "../../domain/mention.js";

export interface MentionDoc {
  /** The mention id `${brandId}/${key}`: the natural key, unique by being `_id`. */
  _id: string;
  key: string;
  brandId: string;
  platform: string;
  kind: string;
  url: string;
  /** publishedAt, else firstSeenAt: what findMentions filters and sorts on. */
  at: Date;
  firstSeenAt: Date;
  lastSeenAt: Date;
  contentHash: string;
  version: number;
  label: string;
  score: number;
  rating: number | null;
  /** The ScoredMention as JSON (the stored-only fields live in the fields above). */
  doc: string;
  /** The ingest round that inserted version 1 (alert-journal.ts: how a dead round's new mentions are found). */
  insertedBy?: string;
}

const STRING_FIELDS = ["id", "key", "brandId", "platform", "kind", "url", "text"] as const;

/** Throws a TypeError naming the field when a mention's filtered/indexed fields have the wrong type. */
export function checkMention(m: ScoredMention): void {
  for (const f of STRING_FIELDS) {
    if (typeof m[f] !== "string") throw new TypeError(`mention ${f} must be a string, got ${typeOf(m[f])}`);
  }
  if (m.publishedAt !== undefined && typeof m.publishedAt !== "string")
    throw new TypeError(`mention ${m.id}: publishedAt must be a string, got ${typeOf(m.publishedAt)}`);
  if (m.rating !== undefined && (typeof m.rating !== "number" || !Number.isFinite(m.rating)))
    throw new TypeError(`mention ${m.id}: rating must be a number, got ${typeOf(m.rating)}`);
  const a = m.analysis as Partial<ScoredMention["analysis"]> | undefined;
  if (!a || !SentimentLabel.safeParse(a.label).success)
    throw new TypeError(`mention ${m.id}: analysis.label must be negative|neutral|positive`);
  if (typeof a.score !== "number" || !Number.isFinite(a.score))
    throw new TypeError(`mention ${m.id}: analysis.score must be a number, got ${typeOf(a.score)}`);
}

function typeOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/** An ISO instant as a Date, or undefined when absent/unparsable. */
export function instant(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** The ScoredMention part as JSON: stored-only fields are document fields, the single source of truth. */
function payloadOf(m: ScoredMention): string {
  if (!("firstSeenAt" in m || "lastSeenAt" in m || "contentHash" in m || "version" in m))
    return JSON.stringify(m);
  const { firstSeenAt: _f, lastSeenAt: _l, contentHash: _c, version: _v, ...rest } = m as StoredMention;
  return JSON.stringify(rest);
}

export interface StoredFields {
  firstSeenAt: Date;
  lastSeenAt: Date;
  contentHash: string;
  version: number;
}

/** The document for a checked mention. */
export function toMentionDoc(m: ScoredMention, s: StoredFields): MentionDoc {
  return {
    _id: m.id,
    key: m.key,
    brandId: m.brandId,
    platform: m.platform,
    kind: m.kind,
    url: m.url,
    at: instant(m.publishedAt) ?? s.firstSeenAt,
    firstSeenAt: s.firstSeenAt,
    lastSeenAt: s.lastSeenAt,
    contentHash: s.contentHash,
    version: s.version,
    label: m.analysis.label,
    score: m.analysis.score,
    rating: m.rating ?? null,
    doc: payloadOf(m),
  };
}

export type MentionDocFields = Pick<
  MentionDoc,
  "doc" | "firstSeenAt" | "lastSeenAt" | "contentHash" | "version"
>;

/** What reads project: enough to rebuild a StoredMention. */
export const MENTION_PROJECTION = {
  doc: 1,
  firstSeenAt: 1,
  lastSeenAt: 1,
  contentHash: 1,
  version: 1,
} as const;

export function fromMentionDoc(d: MentionDocFields): StoredMention {
  const m = JSON.parse(d.doc) as ScoredMention;
  return {
    ...m,
    firstSeenAt: d.firstSeenAt.toISOString(),
    lastSeenAt: d.lastSeenAt.toISOString(),
    contentHash: d.contentHash,
    version: d.version,
  };
}
