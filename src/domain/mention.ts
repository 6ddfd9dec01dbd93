/**
 * The mention types that flow through the pipeline, in order:
 *
 *   RawMention  (extract: what one page says about one review/post)
 *   -> Mention  (match: attached to a brand, with a natural key)
 *   -> ScoredMention (analyse: sentiment, risks, fingerprint, each with reasons)
 *   -> StoredMention (store: first/last seen, content hash, version)
 *
 * Scraped data is hostile: `RawMention` is parsed leniently (bad fields are dropped, an item
 * without text/url is rejected alone), and every value is a plain string/number, never an object
 * that could become a query operator downstream.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export const MentionKind = z.enum(["review", "map", "employer", "forum", "feed"]);
export type MentionKind = z.infer<typeof MentionKind>;

/** A company's answer to a review ("has the company answered?" is core ORM information). */
export const CompanyReply = z.object({
  text: z.string(),
  publishedAt: z.string().optional(),
  author: z.string().optional(),
});
export type CompanyReply = z.infer<typeof CompanyReply>;

/** Extra scalar facts a platform carries: position, city, employment status, sub-ratings, thread title. */
export const MentionExtra = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type MentionExtra = z.infer<typeof MentionExtra>;

export const RawMention = z.object({
  /** Source (platform) id, e.g. "otzovik". */
  platform: z.string().min(1),
  /** The site's own id of the review/post, when it has one. */
  externalId: z.string().min(1).optional(),
  /** Permalink of the review/post (absolute URL). */
  url: z.string().url(),
  author: z.string().optional(),
  /** ISO-8601 instant (UTC, with Z), normalised by the extractor in the site's timezone. */
  publishedAt: z.string().datetime({ offset: true }).optional(),
  /** Normalised to 1..5 (fractions allowed for aggregate-like scales). */
  rating: z.number().min(1).max(5).optional(),
  title: z.string().optional(),
  text: z.string(),
  pros: z.string().optional(),
  cons: z.string().optional(),
  reply: CompanyReply.optional(),
  likes: z.number().int().nonnegative().optional(),
  /** Language the site declares for the item (ISO 639-1), if any. */
  language: z.string().optional(),
  /** Branch, product or thread the item belongs to, as the site names it. */
  subject: z.string().optional(),
  extra: MentionExtra.optional(),
});
export type RawMention = z.infer<typeof RawMention>;

export const BrandMatch = z.object({
  alias: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  snippet: z.string(),
});
export type BrandMatch = z.infer<typeof BrandMatch>;

export interface Mention extends RawMention {
  /** Natural key: `${platform}:${externalId}` or `${platform}:h:${contentHash}` when the site has no id. */
  key: string;
  /** Unique id of this mention: `${brandId}/${key}` (a forum post naming two brands is two mentions). */
  id: string;
  brandId: string;
  kind: MentionKind;
  /** How the brand was found in the text; absent for targeted sources (a brand's own page). */
  match?: BrandMatch;
}

export const SentimentLabel = z.enum(["negative", "neutral", "positive"]);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

/** One piece of evidence behind a score: the term or rule, where it was found, and its weight. */
export interface Reason {
  term: string;
  weight: number;
  field?: "title" | "text" | "pros" | "cons" | "rating";
  note?: string;
}

export interface RiskFlag {
  flag: string;
  trigger: string;
}

export interface Analysis {
  label: SentimentLabel;
  /** In [-1, 1]. */
  score: number;
  /** In [0, 1]. */
  confidence: number;
  lang: string;
  reasons: Reason[];
  risks: RiskFlag[];
  /** Near-duplicate fingerprint (hex), for review-attack grouping. */
  fingerprint?: string;
  /** True when the text contradicts the rating (5 stars, furious text). */
  ratingMismatch?: boolean;
}

export interface ScoredMention extends Mention {
  analysis: Analysis;
}

export interface StoredMention extends ScoredMention {
  firstSeenAt: string;
  lastSeenAt: string;
  /** Hash of the fields whose change makes a review "edited" (rating, title, text, pros, cons, reply). */
  contentHash: string;
  /** 1 on first store, +1 on every detected change. */
  version: number;
}

export type ChangeStatus = "new" | "changed" | "unchanged";

function sha1(s: string): string {
  return createHash("sha1").update(s).digest("hex");
}

/** The fields that, when edited on the site, make a stored mention "changed". */
export function contentHashOf(m: RawMention): string {
  return sha1(
    JSON.stringify([
      m.rating ?? null,
      m.title ?? "",
      m.text,
      m.pros ?? "",
      m.cons ?? "",
      m.reply?.text ?? "",
    ]),
  ).slice(0, 20);
}

/** Natural key of a raw mention: the site's own id, else a hash of url + author + text. */
export function naturalKeyOf(m: RawMention): string {
  if (m.externalId) return `${m.platform}:${m.externalId}`;
  return `${m.platform}:h:${sha1(`${m.url}\n${m.author ?? ""}\n${m.text}`).slice(0, 20)}`;
}

export function mentionIdOf(brandId: string, key: string): string {
  return `${brandId}/${key}`;
}
