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

interface IndexedTerm {
  rule: number;
  term: CompiledTerm;
}

/** Rules plus an index of their terms by first word (stem per language, or prefix head). */
export interface CompiledRisk {
  rules: CompiledRiskRule[];
  byStem: Record<Lang, Map<string, IndexedTerm[]>>;
  byPrefixHead: Map<string, IndexedTerm[]>;
}

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

const HEAD = 3;

function push<K>(m: Map<K, IndexedTerm[]>, k: K, v: IndexedTerm): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function compileRisk(file: RiskFile): CompiledRisk {
  const rules = file.flags.map((r) => ({
    id: r.id,
    terms: r.terms.map(compileTerm),
    exclude: r.exclude.map(compileTerm),
  }));
  const byStem = Object.fromEntries(LANGS.map((l) => [l, new Map()])) as CompiledRisk["byStem"];
  const byPrefixHead = new Map<string, IndexedTerm[]>();
  rules.forEach((rule, ri) => {
    for (const term of rule.terms) {
      const first = term.words[0];
      if (!first) continue;
      const entry = { rule: ri, term };
      if (first.prefix !== undefined) push(byPrefixHead, first.prefix.slice(0, HEAD), entry);
      else for (const l of LANGS) push(byStem[l], first.stems[l], entry);
    }
  });
  return { rules, byStem, byPrefixHead };
}

function wordMatches(tw: TermWord, w: string, s: string, lang: Lang): boolean {
  return tw.prefix !== undefined ? w.startsWith(tw.prefix) : s === tw.stems[lang] || w === tw.stems[lang];
}

function termAt(term: CompiledTerm, i: number, words: string[], stems: string[], lang: Lang): boolean {
  if (i + term.words.length > words.length) return false;
  return term.words.every((tw, k) => wordMatches(tw, words[i + k]!, stems[i + k]!, lang));
}

/** Flags raised by `text` (all fields joined), each with the words that triggered it. */
export function detectRisks(risk: CompiledRisk, text: string, lang: Lang): RiskFlag[] {
  if (risk.rules.length === 0 || !text) return [];
  const words = tokenize(text, lang);
  return detectRisksInWords(
    risk,
    words,
    words.map((w) => stem(w, lang)),
    lang,
  );
}

/** Same as `detectRisks`, on words and stems already cut (the analyser shares them with sentiment). */
export function detectRisksInWords(
  risk: CompiledRisk,
  words: string[],
  stems: string[],
  lang: Lang,
): RiskFlag[] {
  if (risk.rules.length === 0 || words.length === 0) return [];
  const found = new Map<number, string>();
  const index = risk.byStem[lang];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const cands = [
      ...(index.get(stems[i]!) ?? []),
      ...(index.get(w) ?? []),
      ...(risk.byPrefixHead.get(w.slice(0, HEAD)) ?? []),
    ];
    for (const { rule, term } of cands) {
      if (found.has(rule) || !termAt(term, i, words, stems, lang)) continue;
      const span = term.words.length;
      const excluded = risk.rules[rule]!.exclude.some((ex) => {
        for (let j = Math.max(0, i - ex.words.length + 1); j <= i + span - 1; j++) {
          if (termAt(ex, j, words, stems, lang)) return true;
        }
        return false;
      });
      if (!excluded) found.set(rule, words.slice(i, i + span).join(" "));
    }
  }
  return [...found]
    .sort((a, b) => a[0] - b[0])
    .map(([rule, trigger]) => ({ flag: risk.rules[rule]!.id, trigger }));
}
