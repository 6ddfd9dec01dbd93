/**
 * The common shape the three schema.org readers (JSON-LD, microdata, hreview) produce, and its
 * conversion to a RawMention through the shared item assembly (same cleaning and validation as
 * selector-based sources).
 */
import type { FieldName } from "../../config/source.js";
import type { RawMention } from "../../domain/mention.js";
import { type FieldContext, type FieldResult, normalise, type Parse } from "../fields.js";
import { assembleItem } from "../item.js";
import { parseRating } from "../ratings.js";

/** One review as the markup states it; every value is the text (or number) the page holds. */
export interface ReviewRecord {
  id?: string;
  url?: string;
  author?: string;
  published?: string;
  rating?: RatingRecord;
  title?: string;
  text?: string;
  pros?: string;
  cons?: string;
  language?: string;
  subject?: string;
}

export interface RatingRecord {
  value?: string | number;
  best?: string | number;
  worst?: string | number;
  count?: string | number;
}

/** A rating on its stated scale (`bestRating`, default 5; `worstRating` 0 shifts nothing) → 1..5. */
export function ratingOf(r: RatingRecord | undefined): number | undefined {
  if (!r || r.value === undefined || r.value === "") return undefined;
  const value = typeof r.value === "number" ? r.value : Number(String(r.value).trim().replace(",", "."));
  const best = r.best === undefined || r.best === "" ? 5 : Number(String(r.best).replace(",", "."));
  if (!Number.isFinite(value)) return parseRating(String(r.value));
  return parseRating(value, { scale: Number.isFinite(best) && best > 0 ? best : 5 });
}

export function countOf(r: RatingRecord | undefined): number | undefined {
  if (r?.count === undefined) return undefined;
  const n = Number(String(r.count).replace(/[\s\u00a0]/g, ""));
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

const FIELDS: Partial<Record<FieldName, keyof ReviewRecord>> = {
  externalId: "id",
  url: "url",
  author: "author",
  publishedAt: "published",
  rating: "rating",
  title: "title",
  text: "text",
  pros: "pros",
  cons: "cons",
  language: "language",
  subject: "subject",
};

type Ctx = Pick<FieldContext, "baseUrl" | "now" | "timeZone" | "locale">;

/** A record → a mention (or warnings); the text falls back to the title, the URL to the page. */
export function toMention(
  rec: ReviewRecord,
  n: number,
  platform: string,
  ctx: Ctx,
  format: string,
): { item?: RawMention; warnings: string[] } {
  const withFallbacks: ReviewRecord = { ...rec, text: rec.text || rec.title, url: rec.url || ctx.baseUrl };
  const read = (key: keyof ReviewRecord, parse: Parse): FieldResult => {
    if (key === "rating") {
      const rating = ratingOf(withFallbacks.rating);
      if (rating !== undefined) return { value: rating };
      return withFallbacks.rating?.value === undefined
        ? {}
        : { error: `${JSON.stringify(withFallbacks.rating.value)} is not a rating` };
    }
    const v = withFallbacks[key];
    if (v === undefined || typeof v !== "string") return {};
    return normalise(v, parse === "html-text" ? "html-text" : parse, {}, ctx);
  };
  const r = assembleItem(n, platform, FIELDS, undefined, read, { format });
  return r.item ? { item: r.item, warnings: r.warnings } : { warnings: r.warnings };
}
