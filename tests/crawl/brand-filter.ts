/**
 * What the pipeline keeps of a non-targeted source's items (forum posts, feed entries): the real
 * `scoreItem` with the real brand matcher and the demo brand from rules/brands.yaml. Sentiment is not
 * the point here, so analysis is a neutral stub.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { Brand } from "../../src/config/brands.js";
import type { Source } from "../../src/config/source.js";
import type { RawMention } from "../../src/domain/mention.js";
import { createBrandMatchFn } from "../../src/match/index.js";
import { scoreItem } from "../../src/pipeline/score.js";
import { ROOT } from "../helpers/cli.js";

/** The demo brand "Банк Ромашка" as rules/brands.yaml defines it. */
export function demoBrand(): Brand {
  const file = parse(readFileSync(join(ROOT, "rules", "brands.yaml"), "utf8")) as { brands: unknown[] };
  const brands = file.brands.map((b) => Brand.parse(b));
  const brand = brands.find((b) => b.id === "romashka");
  if (!brand) throw new Error("rules/brands.yaml has no brand romashka");
  return brand;
}

/** The items that become mentions of the demo brand (the others are dropped by brand matching). */
export function keptItems(items: RawMention[], source: Source): RawMention[] {
  const brand = demoBrand();
  const matchBrand = createBrandMatchFn();
  const analyse = () => ({
    label: "neutral" as const,
    score: 0,
    confidence: 0,
    lang: "ru",
    reasons: [],
    risks: [],
  });
  return items.filter((raw) => scoreItem(raw, brand, source, { analyse, matchBrand }) !== undefined);
}
