/** The language stage's analysis API (pure functions; `loadLanguageResources` is the I/O edge). */
export {
  type AnalyseInput,
  type Analyser,
  createAnalyser,
  NEGATIVE_BELOW,
  POSITIVE_ABOVE,
} from "./analyser.js";
export { groupNearDuplicates, hammingDistance, simhash } from "./fingerprint.js";
export { runAnalyseJsonl } from "./jsonl.js";
export { detectLanguage, type LangGuess } from "./lang-detect.js";
export { loadBaseLexicons, loadLanguageResources } from "./load-resources.js";
export { LANGS, type Lang } from "./nlp.js";
export { buildLanguageResources, type LanguageResourceData, type LanguageResources } from "./resources.js";
export { detectRisks } from "./risk.js";
export { splitSections } from "./sections.js";
