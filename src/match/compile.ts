/**
 * Compiles a brand's names into lookup tables: every alias, its transliterations and its Russian case
 * forms, keyed by the words joined without separators (so "Альфа-Банк", "Альфа Банк" and "АльфаБанк" are
 * one key), plus the brand's boolean and proximity rules as word stems. Pure.
 */

import { stem } from "../analyse/nlp.js";
import type { Brand } from "../config/brands.js";
import { inflectRu } from "./morphology-ru.js";
import { isCyrillic, isLatin, normalizeWord, wordTokens } from "./normalize.js";
import { cyrToLat, latToCyr } from "./translit.js";

export interface FuzzyForm {
  form: string;
  alias: string;
  maxDistance: number;
}

export interface BrandMatcher {
  brandId: string;
  /** Joined normalised words → the configured alias they come from. */
  keys: Map<string, string>;
  /** Longest alias, in words (a key may span up to this many text words, +1 for split compounds). */
  maxWords: number;
  /** Single-word forms of 7+ letters, compared with a small edit distance. */
  fuzzy: FuzzyForm[];
  /** Exclusion phrases as stems; `hasName` when the phrase contains the brand name itself. */
  exclusions: { stems: string[]; hasName: boolean }[];
  context: string[][];
  contextWindow: number;
  all: string[][];
  none: string[][];
  near: { terms: string[][]; within: number }[];
}

const MAX_KEYS_PER_ALIAS = 3000;

/** Stem of a normalised word in its own script (Russian or English Porter). */
export function stemAny(word: string): string {
  return isCyrillic(word) ? stem(word, "ru") : stem(word, "en");
}

function stemsOf(phrase: string): string[] {
  return wordTokens(phrase).map((t) => stemAny(t.n));
}

function product(lists: string[][], cap: number): string[] {
  let acc = [""];
  for (const l of lists) {
    const next: string[] = [];
    for (const a of acc) for (const b of l) if (next.length < cap) next.push(a + b);
    acc = next;
  }
  return acc;
}

/** Abbreviations ("МТС", "ВТБ") are not inflected: their forms would be unrelated short words. */
function isAbbreviation(raw: string): boolean {
  return raw.length <= 4 && raw === raw.toUpperCase();
}

export function compileBrandMatcher(brand: Brand): BrandMatcher {
  const keys = new Map<string, string>();
  const fuzzy: FuzzyForm[] = [];
  let maxWords = 1;
  const aliases = [...new Set([brand.name, ...brand.aliases])];
  for (const alias of aliases) {
    const rawWords = alias.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (rawWords.length === 0) continue;
    maxWords = Math.max(maxWords, rawWords.length);
    const words = rawWords.map(normalizeWord);
    // Spellings: as written, and in the other script (each word on its own).
    const spellings: string[][] = [words];
    const other = words.map((w) =>
      isCyrillic(w) ? cyrToLat(w) : isLatin(w) && !/^\d+$/.test(w) ? latToCyr(w) : [w],
    );
    for (let v = 0; v < 6; v++) {
      const sp = other.map((alts) => alts[Math.min(v, alts.length - 1)]!);
      if (!spellings.some((s) => s.join(" ") === sp.join(" "))) spellings.push(sp);
    }
    for (const sp of spellings) {
      const perWord = sp.map((w, i) =>
        brand.inflect && isCyrillic(w) && !isAbbreviation(rawWords[i]!) ? inflectRu(w) : [w],
      );
      for (const key of product(perWord, MAX_KEYS_PER_ALIAS)) if (!keys.has(key)) keys.set(key, alias);
      if (brand.fuzzy && sp.length === 1) {
        for (const form of perWord[0]!) {
          if (form.length >= 7) fuzzy.push({ form, alias, maxDistance: form.length >= 12 ? 2 : 1 });
        }
      }
    }
  }
  const tmp = { keys, maxWords };
  const exclusions = brand.exclusions.map((e) => ({
    stems: stemsOf(e),
    hasName: wordTokens(e).some((_t, i, all) => {
      let joined = "";
      for (let k = i; k < Math.min(all.length, i + tmp.maxWords + 1); k++) {
        joined += all[k]!.n;
        if (tmp.keys.has(joined)) return true;
      }
      return false;
    }),
  }));
  return {
    brandId: brand.id,
    keys,
    maxWords,
    fuzzy,
    exclusions,
    context: brand.context.map(stemsOf),
    contextWindow: brand.contextWindow,
    all: brand.all.map(stemsOf),
    none: brand.none.map(stemsOf),
    near: brand.near.map((n) => ({ terms: n.terms.map(stemsOf), within: n.within })),
  };
}
