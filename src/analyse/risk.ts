/** Risk flags from `rules/risk.yaml`, raised independently of sentiment; each names its trigger. Pure. */
import type { RiskFile } from "../config/risk.js";
import type { RiskFlag } from "../domain/mention.js";
import { LANGS, type Lang, stem, tokenize } from "./nlp.js";

interface TermWord {
  /** Stem of the word in each language (the text's language decides which one is compared). */
  stems: Record<Lang, string>;
  /** `word*`: matches any word starting with this. */
  prefix?: string;
}

interface CompiledTerm {
  text: string;
  words: TermWord[];
}

export interface CompiledRiskRule {
  id: string;
  terms: CompiledTerm[];
  exclude: CompiledTerm[];
}

export type CompiledRisk = CompiledRiskRule[];

function compileTerm(text: string): CompiledTerm {
  const words: TermWord[] = [];
  for (const raw of text
    .toLowerCase()
    .replace(/ё/g, "е")
    .split(/[\s-]+/)) {
    if (!raw) continue;
    const prefix = raw.endsWith("*") ? raw.slice(0, -1) : undefined;
    const w = prefix ?? raw;
    const tok = tokenize(w, "ru")[0] ?? w;
    const stems = Object.fromEntries(LANGS.map((l) => [l, stem(tok, l)])) as Record<Lang, string>;
    words.push(prefix ? { stems, prefix } : { stems });
  }
  return { text, words };
}

export function compileRisk(file: RiskFile): CompiledRisk {
  return file.flags.map((r) => ({
    id: r.id,
    terms: r.terms.map(compileTerm),
    exclude: r.exclude.map(compileTerm),
  }));
}

function findTerm(term: CompiledTerm, words: string[], stems: string[], lang: Lang): number[] {
  const at: number[] = [];
  const n = term.words.length;
  for (let i = 0; i + n <= words.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const tw = term.words[k]!;
      const w = words[i + k]!;
      ok =
        tw.prefix !== undefined
          ? w.startsWith(tw.prefix)
          : stems[i + k] === tw.stems[lang] || w === tw.stems[lang];
    }
    if (ok) at.push(i);
  }
  return at;
}

/** Flags raised by `text` (all fields joined), each with the words that triggered it. */
export function detectRisks(risk: CompiledRisk, text: string, lang: Lang): RiskFlag[] {
  if (risk.length === 0 || !text) return [];
  const words = tokenize(text, lang);
  const stems = words.map((w) => stem(w, lang));
  const flags: RiskFlag[] = [];
  for (const rule of risk) {
    const excluded = new Set<number>();
    for (const ex of rule.exclude) {
      for (const i of findTerm(ex, words, stems, lang))
        for (let k = 0; k < ex.words.length; k++) excluded.add(i + k);
    }
    let trigger: string | undefined;
    for (const term of rule.terms) {
      for (const i of findTerm(term, words, stems, lang)) {
        const span = term.words.map((_, k) => i + k);
        if (span.some((k) => excluded.has(k))) continue;
        trigger = span.map((k) => words[k]).join(" ");
        break;
      }
      if (trigger) break;
    }
    if (trigger) flags.push({ flag: rule.id, trigger });
  }
  return flags;
}
