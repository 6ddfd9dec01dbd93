/**
 * Tokenizer and stemmers per language. natural's stemmers are imported by path: its index loads
 * database clients and prints a dotenv banner on stdout, which would corrupt a JSONL stream.
 */
import PorterStemmerEn from "natural/lib/natural/stemmers/porter_stemmer.js";
import PorterStemmerRu from "natural/lib/natural/stemmers/porter_stemmer_ru.js";
import PorterStemmerUk from "natural/lib/natural/stemmers/porter_stemmer_uk.js";

/** Languages with their own tokenizer, stemmer and lexicon. */
export const LANGS = ["ru", "uk", "bg", "en"] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(s: string | undefined): s is Lang {
  return s !== undefined && (LANGS as readonly string[]).includes(s);
}

/** Lower-case, ё→е, curly apostrophes → straight, English "n't" → " not". */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[’ʼ`´]/g, "'")
    .replace(/n't\b/g, " not");
}

/** A word: letters (with combining marks) and digits, any script. */
export const WORD_RE = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Words of a text, in order, lower-cased (ё→е). One regex pass; the same for every language, so
 * lexicon entries, risk terms and review text are cut the same way.
 */
export function tokenize(text: string, _lang?: Lang): string[] {
  return normalizeText(text).match(WORD_RE) ?? [];
}

/** Longest first. */
const BG_SUFFIXES = [
  "ахме",
  "ащия",
  "ихме",
  "ията",
  "ните",
  "яхме",
  "ящия",
  "ала",
  "али",
  "ата",
  "еве",
  "ила",
  "или",
  "ило",
  "ите",
  "ища",
  "ият",
  "ния",
  "ове",
  "ото",
  "ам",
  "ат",
  "ах",
  "аш",
  "ва",
  "ен",
  "иш",
  "ия",
  "ме",
  "на",
  "ни",
  "но",
  "та",
  "те",
  "то",
  "ше",
  "ъм",
  "ът",
  "ям",
  "ят",
  "ях",
  "а",
  "е",
  "и",
  "о",
  "у",
  "ю",
  "я",
];

/** A light suffix-stripping stemmer for Bulgarian (natural ships none). */
export function stemBg(word: string): string {
  for (const suf of BG_SUFFIXES) {
    if (word.length - suf.length >= 3 && word.endsWith(suf)) return word.slice(0, -suf.length);
  }
  return word;
}

const caches = new Map<Lang, Map<string, string>>();
const CACHE_MAX = 100_000;

function rawStem(word: string, lang: Lang): string {
  const latin = /^[a-z0-9']+$/.test(word);
  if (latin) return PorterStemmerEn.stem(word);
  if (lang === "uk") return PorterStemmerUk.stem(word);
  if (lang === "bg") return stemBg(word);
  return PorterStemmerRu.stem(word);
}

/** Stem of a lower-cased word: Latin words use the English Porter stemmer whatever the text's language. */
export function stem(word: string, lang: Lang): string {
  let cache = caches.get(lang);
  if (!cache) {
    cache = new Map();
    caches.set(lang, cache);
  }
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  if (cache.size > CACHE_MAX) cache.clear();
  const s = rawStem(word, lang);
  cache.set(word, s);
  return s;
}
