/**
 * Turning a RawMention into a ScoredMention: brand attribution (targeted pages are about their
 * brand by construction; other items must match the brand's names) and analysis.
 */
import type { Brand } from "../config/brands.js";
import type { Source } from "../config/source.js";
import {
  type Analysis,
  type BrandMatch,
  type Mention,
  mentionIdOf,
  naturalKeyOf,
  type RawMention,
  type ScoredMention,
} from "../domain/mention.js";

export type Analyse = (m: Mention) => Analysis;
export type MatchBrand = (brand: Brand, m: RawMention) => BrandMatch | undefined;

export function toMention(raw: RawMention, brand: Brand, source: Source, match?: BrandMatch): Mention {
  const key = naturalKeyOf(raw);
  return { ...raw, key, id: mentionIdOf(brand.id, key), brandId: brand.id, kind: source.kind, match };
}

/** Attribute and score one raw item; undefined when a non-targeted item does not mention the brand. */
export function scoreItem(
  raw: RawMention,
  brand: Brand,
  source: Source,
  deps: { analyse: Analyse; matchBrand?: MatchBrand },
): ScoredMention | undefined {
  let match: BrandMatch | undefined;
  if (!source.targeted) {
    match = deps.matchBrand?.(brand, raw);
    if (!match) return undefined;
  }
  const mention = toMention(raw, brand, source, match);
  return { ...mention, analysis: deps.analyse(mention) };
}

/**
 * Rating-only analysis, used until the language stage is configured: 1-2 stars negative,
 * 3 neutral, 4-5 positive; no rating → neutral with low confidence. Its reason says so.
 */
export function ratingOnlyAnalysis(m: Mention): Analysis {
  if (m.rating === undefined)
    return { label: "neutral", score: 0, confidence: 0.1, lang: m.language ?? "und", reasons: [], risks: [] };
  const score = (m.rating - 3) / 2;
  const label = m.rating <= 2 ? "negative" : m.rating >= 4 ? "positive" : "neutral";
  return {
    label,
    score,
    confidence: 0.6,
    lang: m.language ?? "und",
    reasons: [{ term: `rating ${m.rating}/5`, weight: score, field: "rating" }],
    risks: [],
  };
}
