/** The language stage's brand-matching API (pure functions). */
export { type BrandMatcher, compileBrandMatcher } from "./compile.js";
export { createBrandMatchFn, findBrandMatches, type MatchField, matchBrand, matchFields } from "./find.js";
export { runMatchJsonl } from "./jsonl.js";
export { inflectRu } from "./morphology-ru.js";
export { cyrToLat, latToCyr } from "./translit.js";
