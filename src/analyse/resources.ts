/** Language resources (compiled lexicons + risk rules) built from parsed, zod-validated config data. Pure. */
import { LexiconFile } from "../config/lexicon.js";
import { RiskFile } from "../config/risk.js";
import { type BaseLexicons, type CompiledLexicon, compileLexicon } from "./lexicon.js";
import type { Lang } from "./nlp.js";
import { type CompiledRisk, compileRisk } from "./risk.js";

export interface LanguageResources {
  lexicons: Partial<Record<Lang, CompiledLexicon>>;
  risk: CompiledRisk;
}

export interface LanguageResourceData {
  /** Parsed `rules/lexicon/*.yaml` documents (validated here). */
  lexicons: unknown[];
  /** Parsed `rules/risk.yaml` (validated here); absent means no risk flags. */
  risk?: unknown;
  /** Base lexicons loaded from their npm packages, for lexicon files that name them in `base:`. */
  bases?: BaseLexicons;
}

/** Validates and compiles lexicons and risk rules; throws a zod error naming the bad field. */
export function buildLanguageResources(data: LanguageResourceData): LanguageResources {
  const lexicons: Partial<Record<Lang, CompiledLexicon>> = {};
  for (const raw of data.lexicons) {
    const file = LexiconFile.parse(raw);
    const lex = compileLexicon(file, data.bases ?? {});
    lexicons[lex.lang] = lex;
  }
  const risk = compileRisk(data.risk === undefined ? { flags: [] } : RiskFile.parse(data.risk));
  return { lexicons, risk };
}
