/**
 * Evidence gathering: splits a mention into fields, scores each with its language's lexicon and adds
 * the field rules (titles weigh more, cons are expected to be negative, "Недостатки: нет" is praise).
 * Pure; the label is decided from this evidence in `decide.ts`.
 */
import type { Reason } from "../domain/mention.js";
import { SHORT_WORDS } from "./decide.js";
import { detectLanguage } from "./lang-detect.js";
import { type CompiledLexicon, findSequence } from "./lexicon.js";
import { isLang, type Lang, stem, tokenize } from "./nlp.js";
import type { LanguageResources } from "./resources.js";
import { STORY_NOTE } from "./score-clause.js";
import { type Field, type FieldScore, scoreField } from "./score-field.js";
import { splitSections, stripHeadings } from "./sections.js";

export interface EvidenceInput {
  text: string;
  title?: string;
  pros?: string;
  cons?: string;
  lang?: string;
}

export interface Evidence {
  lang: Lang | "und";
  /** Weighted positive evidence. */
  pos: number;
  /** Weighted negative evidence, as a positive number. */
  neg: number;
  /** Number of positive and negative reasons. */
  nPos: number;
  nNeg: number;
  /** Words seen in all fields. */
  words: number;
  /** Words in the pros and in the cons field (their balance says how the author weighs them). */
  prosWords: number;
  consWords: number;
  /** The fields, as split and scored. */
  fields: [Field, string | undefined][];
  /** Whether the text had pros/cons fields (otzovik, glassdoor). */
  structured: boolean;
  /** The title, when it is a middling verdict ("Just OK", "Mixed bag", "It was fine", "Нормальный банк",
   * "Надёжный, но невыгодный"), a stated three-star rating in the text ("3 stars", "3/5", "I'm torn") or a
   * middling verdict from the lexicon ("впечатление двоякое", "на один раз"). */
  middling?: string;
  /** The field the middling verdict was found in. */
  middlingField?: Field;
  /** A grade the text states ("3 из 5", "оценка 4"), on a scale of 0..5 stars (the last one stated). */
  grade?: number;
  /** Language whose lexicon (and stems) were used. */
  lexLang: Lang;
  /** Words of all fields in order, and their stems in `lexLang` (shared with risk flags). */
  tokens: string[];
  stems: string[];
  reasons: Reason[];
}

/** How much each field's positive and negative evidence counts: cons are expected to be negative. */
const FIELD_WEIGHTS: Record<Field, { pos: number; neg: number }> = {
  title: { pos: 2, neg: 2 },
  text: { pos: 1, neg: 1 },
  pros: { pos: 0.4, neg: 0.8 },
  cons: { pos: 0.6, neg: 0.35 },
  rating: { pos: 1, neg: 1 },
};

const NOTHING_RE =
  /^\s*(?:нет|нету|нет никаких|никаких|ни каких|не каких|ни одного|отсутствуют|не знаю|почти нет|(?:особо )?не (?:нашел|нашла|нашлось|обнаружено|обнаружил[аи]?|выявлено|припомню|заметил[аи]?)|none|nothing|no cons|n\/a|[-—–.]+|няма|немає)\s*[.!)]*\s*$/i;
/** A cons field that says "too many to list" ("полно", "огромное количество"), or pros that say "only minuses". */
const PLENTY_RE =
  /^\s*(?:полно|много|масса|куча|все|всё|огромное количество|не перечесть|(?:даже )?не перечислить|одни минусы|только минусы|бесконечно|см\.?\s*отзыв|смотрите отзыв|читайте отзыв|(?:читайте )?ниже|too many|see review)(?=[\s.,;:!)]|$)/i;
/** English pros or cons that say there are none ("None that I can think of", "Nothing so far"). */
const NO_CONS_EN_RE =
  /^\s*(?:none|nothing|no cons|no complaints|(?:i )?can(?:'|’)?t think of any(?:thing)?|cannot think of any(?:thing)?|i (?:have|had) none|not really|not much)(?:\s+(?:that i can think of|i can think of|so far|really|at all|yet|to report|to complain about|to say))?\s*[.!]*\s*$/i;
/** Pros that say there are none, in more words ("Плюсов не вижу", "никаких плюсов", "Минимальные"). */
const NO_PROS_RE =
  /^\s*(?:(?:плюсов|достоинств)\s+(?:нет|не\s+(?:вижу|нашел|нашла|нашлось|обнаружил[аи]?|обнаружено))|(?:нет|никаких|почти нет)\s+(?:плюсов|достоинств)|(?:на|не)\s+нашел|минимальные|отсутствуют|no pros|there are none)(?=[\s.,;:!)]|$)/i;

/** Only a title shorter than this can be a middling verdict (a longer one is a sentence of the review). */
const MIDDLING_TITLE_CHARS = 60;

/**
 * Languages whose titles that turn on "но" are mixed verdicts (otzovik: most such titles head three- and
 * four-star reviews). English measured worse ("Great people but low pay" heads many two-star Glassdoor reviews).
 */
const MIXED_TITLE_LANGS = new Set<Lang>(["ru", "uk"]);
/** A mixed title is a short line, not a paragraph. */
const MIXED_TITLE_WORDS = 15;
/** A title of at most this many words can be a middling verdict ("Нормальный банк", "Самый обычный банк"). */
const MIDDLING_TITLE_WORDS = 4;

/** The word right after a grade, if any. */
const NEXT_WORD_RE = /^\s*(\p{L}+)/u;

/**
 * The last grade `text` states with the lexicon's `grade` pattern, in stars (0..5): "3 из 5" → 3,
 * "6/10" → 3, "оценка 4" → 4 (a bare grade above 5 is out of 10). A number followed by a lower-case word
 * other than a unit ("5 из 10 клиентов", "поставил 2 часа назад") is a count, not a grade. Undefined
 * when there is none.
 */
export function statedGrade(text: string, grade: { re: RegExp; units: string[] }): number | undefined {
  let stars: number | undefined;
  for (const m of text.matchAll(grade.re)) {
    const next = NEXT_WORD_RE.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 40))?.[1];
    const first = next?.[0];
    if (next !== undefined && first !== undefined && first !== first.toUpperCase()) {
      const w = next.toLowerCase().replace(/ё/g, "е");
      if (!grade.units.some((u) => w.startsWith(u))) continue;
    }
    const n = Number((m[1] ?? m[3] ?? "").replace(",", "."));
    const scale = m[2] !== undefined ? Number(m[2]) : n <= 5 ? 5 : 10;
    if (n <= scale) stars = (5 * n) / scale;
  }
  return stars;
}

export function round(x: number, d = 3): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

export function gatherEvidence(input: EvidenceInput, resources: LanguageResources): Evidence {
  const sec =
    input.pros === undefined && input.cons === undefined ? splitSections(input.text) : { text: input.text };
  const fields: [Field, string | undefined][] = [
    ["title", input.title ?? sec.title],
    ["text", sec.text],
    ["pros", input.pros ?? sec.pros],
    ["cons", input.cons ?? sec.cons],
  ];
  const declared = input.lang?.toLowerCase().slice(0, 2);
  const lang: Lang | "und" = isLang(declared)
    ? declared
    : detectLanguage(fields.map(([, t]) => t ?? "").join("\n")).lang;
  const lex = pickLexicon(resources, lang === "und" ? "en" : lang);
  const lexLang = lex?.lang ?? (lang === "und" ? "en" : lang);
  const ev: Evidence = {
    lexLang,
    tokens: [],
    stems: [],
    lang,
    pos: 0,
    neg: 0,
    nPos: 0,
    nNeg: 0,
    words: 0,
    prosWords: 0,
    consWords: 0,
    fields,
    structured: fields.some(([f, t]) => (f === "pros" || f === "cons") && t?.trim()),
    reasons: [],
  };
  if (!lex) {
    // No lexicon for this language: still cut the words, for risk flags.
    for (const [, raw] of fields) {
      for (const w of tokenize(raw ?? "", lexLang)) {
        ev.tokens.push(w);
        ev.stems.push(stem(w, lexLang));
      }
    }
    return ev;
  }
  // Reasons are counted once every field is read: whether story words count depends on the text's length.
  const pending: Reason[] = [];
  const add = (r: Reason) => {
    pending.push(r);
  };
  const count = (r: Reason) => {
    ev.reasons.push(r);
    if (r.weight > 0) {
      ev.pos += r.weight;
      ev.nPos++;
    } else if (r.weight < 0) {
      ev.neg -= r.weight;
      ev.nNeg++;
    }
  };
  // Middling verdicts (the lexicon's `middling` section): a so-so title, or a text that states a middling rating.
  const mid = lex.middling;
  const title = fields[0]?.[1];
  const shortTitle = mid && title && title.length < MIDDLING_TITLE_CHARS ? title : undefined;
  // A hedged title ("Not bad but not great") is the verdict itself: its halves do not count as praise or complaint.
  const hedgedTitle = shortTitle !== undefined && mid?.hedgedTitle?.test(shortTitle) === true;
  if (shortTitle && (hedgedTitle || mid?.title?.test(shortTitle))) ev.middling = shortTitle.trim();
  if (mid && ev.middling === undefined) {
    for (const [field, raw] of fields) {
      const m = raw ? (mid.stated?.exec(raw) ?? mid.notUsedYet?.exec(raw)) : null;
      if (m) {
        ev.middling = m[0];
        ev.middlingField = field;
        break;
      }
    }
  }
  if (lex.grade) {
    for (const [, raw] of fields) {
      // Most texts fail the quick test and need no scan with the full pattern.
      const g = raw && lex.grade.quick.test(raw) ? statedGrade(raw, lex.grade) : undefined;
      if (g !== undefined) ev.grade = g;
    }
  }
  for (const [field, raw] of fields) {
    if (!raw?.trim()) continue;
    const listField = field === "cons" || field === "pros";
    const nothing =
      listField &&
      (NOTHING_RE.test(raw) ||
        (field === "pros" && raw.length < 80 && (NO_PROS_RE.test(raw) || NO_CONS_EN_RE.test(raw))) ||
        (field === "cons" && raw.length < 60 && NO_CONS_EN_RE.test(raw)));
    const plenty = !nothing && field === "cons" && raw.length < 60 && PLENTY_RE.test(raw);
    if (nothing || plenty) {
      const words = tokenize(raw, lexLang);
      for (const w of words) {
        ev.tokens.push(w);
        ev.stems.push(stem(w, lexLang));
      }
      countListWords(ev, field, words.length);
      if (nothing) add({ term: raw.trim(), weight: field === "cons" ? 1.5 : -2, field, note: `no ${field}` });
      else add({ term: raw.trim(), weight: -2, field, note: "many cons" });
      continue;
    }
    const fs: FieldScore = scoreField(stripHeadings(raw, lex.headings), lex, field);
    ev.words += fs.words;
    countListWords(ev, field, fs.words);
    for (const t of fs.tokens) ev.tokens.push(t);
    for (const t of fs.stems) ev.stems.push(t);
    const fw = FIELD_WEIGHTS[field];
    for (const r of fs.reasons) {
      if (field === "title" && hedgedTitle) continue;
      r.weight = round(r.weight * (r.weight > 0 ? fw.pos : fw.neg), 2);
      add(r);
    }
  }
  if (ev.middling === undefined && lex.middlingTitleWords.size > 0 && title) {
    const words = tokenize(title, lexLang);
    let k = 0;
    while (k < words.length - 1 && lex.modifiers.has(words[k]!)) k++;
    if (words.length <= MIDDLING_TITLE_WORDS && findSequence(words.slice(k, k + 1), lex.middlingTitleWords)) {
      ev.middling = title.trim();
    }
  }
  if (
    ev.middling === undefined &&
    title &&
    MIXED_TITLE_LANGS.has(lexLang) &&
    isMixedTitle(title, lex, pending)
  ) {
    ev.middling = title.trim();
  }
  if (ev.middling === undefined) {
    const said = findSequence(ev.tokens, lex.middlingPhrases);
    if (said !== undefined) {
      ev.middling = said;
      ev.middlingField = "text";
    }
  }
  // In a review, death, war and crime retell a plot or the news; in a short post they are the author's state.
  const review = ev.words >= SHORT_WORDS;
  for (const r of pending) if (!(review && r.note?.split(", ").includes(STORY_NOTE))) count(r);
  return ev;
}

/**
 * A title that weighs praise against a complaint across "но" / "хоть" ("Банк надежный, но невыгодный",
 * "Надёжный, хоть и жадный", "Много плюсов, но есть жирные минусы") is the author's mixed verdict.
 */
function isMixedTitle(title: string, lex: CompiledLexicon, reasons: Reason[]): boolean {
  const words = tokenize(title, lex.lang);
  if (words.length > MIXED_TITLE_WORDS) return false;
  if (!words.slice(1).some((w) => lex.contrast.has(w) || lex.concessive.has(w))) return false;
  const own = reasons.filter((r) => r.field === "title");
  return own.some((r) => r.weight > 0) && own.some((r) => r.weight < 0);
}

function countListWords(ev: Evidence, field: Field, n: number): void {
  if (field === "pros") ev.prosWords += n;
  else if (field === "cons") ev.consWords += n;
}

function pickLexicon(resources: LanguageResources, lang: Lang): CompiledLexicon | undefined {
  return (
    resources.lexicons[lang] ??
    (lang === "uk" || lang === "bg" ? resources.lexicons.ru : resources.lexicons.en)
  );
}
