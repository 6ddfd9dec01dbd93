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
