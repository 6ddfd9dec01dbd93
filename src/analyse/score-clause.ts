/**
 * Scores the words of one clause: phrases first, then negation scope, modifiers, lexicon words,
 * negated actions ("не перезвонили") and negation after the word ("проблем нет"). Pure.
 */
import type { Reason } from "../domain/mention.js";
import { type CompiledLexicon, isStoryWord, wordWeight } from "./lexicon.js";
import { type Lang, stem } from "./nlp.js";

type Field = NonNullable<Reason["field"]>;

export interface Token {
  /** As written. */
  raw: string;
  /** Lower-cased, ё→е. */
  w: string;
  /** Stem, filled in by `scoreClause`. */
  s: string;
  /** Part of a name ("Pets Best"): carries no sentiment. */
  name?: boolean;
  /** Inside a closed quotation of this many words. */
  quote?: number;
}

interface Sink {
  words: number;
  tokens: string[];
  stems: string[];
}

interface Contribution {
  reason: Reason;
  clause: number;
}

/** Note on a word that tells what a text is about (lexicon `story`): dropped from reviews in evidence.ts. */
export const STORY_NOTE = "story";
/** A quotation of at most this many words is scare quotes. */
const SCARE_QUOTE_WORDS = 2;
/** Praise in scare quotes («порадовали») is ironic: this times its weight. */
const IRONY = -0.8;
/** Languages whose scare quotes are ironic. */
const IRONIC_QUOTES = new Set(["ru", "uk"]);
/** Words inside a longer quotation (a slogan, a title, what someone said) weigh this much. */
const QUOTATION = 0.5;
/** Languages with negative concord, where "ни разу не было проблем" is one negation reaching to its end. */
const CONCORD_EXTENDS = new Set(["ru", "uk"]);
/** English words that carry a negation on to the next sentiment word ("not clean or safe"). */
const OR_EN = new Set(["or", "nor"]);
/** English: a sentiment word right after a negated one shares its negation ("not a great help", "not good value"). */
const NP_NEGATION = new Set(["en"]);
/** Praise said to be in excess (lexicon `excess`: "too sweet") weighs this times its weight: a mild complaint. */
const EXCESS = -0.5;
/** How many words after a negator it still applies to. */
const NEGATION_SCOPE = 3;
/** Negated positive words ("не рекомендую") become this times as negative. */
const NEGATED_POSITIVE = -1;
/** Negated negative words ("не плохо") become this times as positive: mildly. */
const NEGATED_NEGATIVE = -0.4;
/** A negative word denied after it ("проблем нет", "претензий не было") is this times as positive. */
const DENIED_AFTER = -0.7;
/** Weight of a negated verb the lexicon does not know ("не перезвонили"). */
const NEGATED_ACTION = -0.8;
/** Past-tense plural and 3rd-person forms: what the bank/employer did not do. */
const NEGATED_ACTION_RE = /(?:ли|лись|ют|ут|ят|ат|ет|ит|ется|ится|ются|ятся)$/;
const AUXILIARY = new Set(
  "были будет будут может могут хотят хочет знают знает стоит было будем надо нужно является являются бывает бывают считают".split(
    " ",
  ),
);
/** "проблем нет", "нареканий не было", "жалоб не возникало". */
const DENIAL_WORDS = new Set(["нет", "нету", "няма", "немає"]);
const DENIAL_VERBS = new Set(
  "было были бывало бывает возникало возникали возникает возникают возникло замечено замечал замечала наблюдается имею имеется".split(
    " ",
  ),
);

/**
 * How a word inside a closed quotation of `words` words counts: praise in scare quotes is irony in
 * Russian (особенно «порадовал» звонок в 9 утра; English reviewers quote for emphasis: how "easy" it
 * was); a longer quotation (a slogan, a title, someone else's words) is not the author's own verdict.
 */
function quoteFactor(words: number, weight: number, lang: string): [number, string] {
  if (words <= SCARE_QUOTE_WORDS && weight > 0 && IRONIC_QUOTES.has(lang)) return [IRONY, "irony"];
  return [QUOTATION, "quoted"];
}

/**
 * Per language, the most a negated positive word can weigh: in English reviews "not amazing", "nothing
 * fantastic" are mild complaints (three-star wording), not as strong as "terrible". Russian "не рекомендую"
 * keeps the full flip.
 */
const NEGATED_POSITIVE_CAP: Partial<Record<Lang, number>> = { en: 2 };

function flip(w: number, lang: Lang): number {
  if (w <= 0) return w * NEGATED_NEGATIVE;
  const cap = NEGATED_POSITIVE_CAP[lang];
  return cap === undefined ? w * NEGATED_POSITIVE : -Math.min(w, cap);
}

/** "наглости нет предела", "хамству нет конца": no limit to a complaint is not its denial. */
const NO_LIMIT = new Set(["предела", "конца", "границ", "меры", "края"]);

/** Length of a denial right after position `i` ("нет" → 1, "не было" → 2), or 0. */
function denialAfter(tokens: Token[], i: number): number {
  const a = tokens[i + 1]?.w;
  if (a === undefined) return 0;
  if (DENIAL_WORDS.has(a)) return NO_LIMIT.has(tokens[i + 2]?.w ?? "") ? 0 : 1;
  const b = tokens[i + 2]?.w;
  return a === "не" && b !== undefined && DENIAL_VERBS.has(b) ? 2 : 0;
}

export function scoreClause(
  tokens: Token[],
  lex: CompiledLexicon,
  capsCount: boolean,
  field: Field,
  clause: number,
  contribs: Contribution[],
  out: Sink,
): void {
  const lang = lex.lang;
  for (const t of tokens) {
    t.s = stem(t.w, lang);
    out.tokens.push(t.w);
    out.stems.push(t.s);
  }
  out.words += tokens.length;
  let negAt = -100;
  /** The last negator of the current negation: its scope runs from there ("ни разу не было проблем"). */
  let negScope = -100;
  let lastNegator = -100;
  let mod = 1;
  let modAt = -100;
  /** The word right after a negated sentiment word (English: it shares the negation). */
  let npNegAt = -100;
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i]!;
    const w = tok.w;
    const phrases = lex.phrases.get(tok.s);
    let matched = false;
    if (phrases) {
      for (const p of phrases) {
        if (
          p.stems.every(
            (ps, k) => tokens[i + k]?.s === ps && (p.exact[k] ?? tokens[i + k]!.w) === tokens[i + k]!.w,
          )
        ) {
          // Negative concord: a phrase that opens with a negator after a "not" is one negation, already in
          // the phrase. In Russian and Ukrainian any negator ("никому не советую", "никогда не пожалею"); in
          // English only the lexicon's `concord` words ("I can't get no one to answer").
          const concord = lex.concord.has(w) || (CONCORD_EXTENDS.has(lang) && lex.negators.has(w));
          const negated = !concord && i - negScope <= NEGATION_SCOPE;
          let weight = (negated ? flip(p.weight, lang) : p.weight) * (i - modAt <= 2 ? mod : 1);
          let note = negated ? "negated" : undefined;
          if (tok.quote !== undefined && weight !== 0) {
            const [f, q] = quoteFactor(tok.quote, weight, lang);
            weight *= f;
            note = note ? `${note}, ${q}` : q;
          }
          const term = tokens
            .slice(i, i + p.stems.length)
            .map((t) => t.w)
            .join(" ");
          contribs.push({ reason: { term, weight, field, note }, clause });
          const negative = negated || lex.negators.has(w);
          i += p.stems.length;
          // English "not good or cheap": the negation runs on through "or"/"nor".
          negAt = negative && lang === "en" && OR_EN.has(tokens[i]?.w ?? "") ? i : -100;
          negScope = negAt;
          mod = 1;
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    if (lex.negators.has(w)) {
      // "если бы не помощь" (were it not for): the help was there, nothing is negated.
      if (w === "не" && tokens[i - 1]?.w === "бы") {
        i++;
        continue;
      }
      // Negative concord: "ни разу не", "никогда не" stay one negation, its scope runs from the last one.
      if (i - negScope > NEGATION_SCOPE) {
        negAt = i;
        negScope = i;
      } else if (CONCORD_EXTENDS.has(lang)) negScope = i;
      lastNegator = i;
      i++;
      continue;
    }
    const m = lex.modifiers.get(w);
    if (m !== undefined) {
      mod = i - modAt <= 2 ? mod * m : m;
      modAt = i;
      i++;
      continue;
    }
    const base = tok.name ? undefined : wordWeight(lex, w, tok.s);
    if (
      base === undefined &&
      i === lastNegator + 1 &&
      lang === "ru" &&
      NEGATED_ACTION_RE.test(w) &&
      !AUXILIARY.has(w)
    ) {
      // "не перезвонили", "не отвечают", "не вернули": a service not doing something is a complaint.
      contribs.push({
        reason: {
          term: `${tokens[lastNegator]!.w} ${w}`,
          weight: NEGATED_ACTION,
          field,
          note: "negated action",
        },
        clause,
      });
      negAt = -100;
      negScope = -100;
      i++;
      continue;
    }
    if (base !== undefined && base !== 0) {
      const inScope = i - negScope <= NEGATION_SCOPE;
      const negated = inScope || (i === npNegAt && base > 0);
      const denied = !negated && base < 0 ? denialAfter(tokens, i) : 0;
      let weight = negated ? flip(base, lang) : denied > 0 ? base * DENIED_AFTER : base;
      const notes: string[] = [];
      if (isStoryWord(lex, w, tok.s)) notes.push(STORY_NOTE);
      if (negated || denied > 0) notes.push("negated");
      if (!negated && base > 0 && i > 0 && lex.excess.has(tokens[i - 1]!.w)) {
        // "too sweet", "overly friendly" (lexicon `excess`): praise in excess is a mild complaint.
        weight = base * EXCESS;
        notes.push("excess");
      } else if (i - modAt <= 2 && mod !== 1) {
        // "не очень хорошо" is mildly negative: a negated intensifier softens instead.
        weight *= negated && mod > 1 ? 0.6 : mod;
        notes.push(mod > 1 && !negated ? "intensified" : "softened");
      }
      if (tok.quote !== undefined) {
        const [f, note] = quoteFactor(tok.quote, weight, lang);
        weight *= f;
        notes.push(note);
      }
      if (capsCount && tok.raw !== tok.w && isCaps(tok.raw)) {
        weight *= 1.3;
        notes.push("caps");
      }
      const term = negated
        ? `${tokens[inScope ? negAt : i - 1]!.w} … ${w}`
        : denied > 0
          ? tokens
              .slice(i, i + denied + 1)
              .map((t) => t.w)
              .join(" ")
          : w;
      contribs.push({ reason: { term, weight, field, note: notes.join(", ") || undefined }, clause });
      if (negated) {
        // English "not good or cheap", "never friendly nor quick": the negation runs on through "or"/"nor".
        negAt = lang === "en" && OR_EN.has(tokens[i + 1]?.w ?? "") ? i + 1 : -100;
        negScope = negAt;
        if (base > 0 && NP_NEGATION.has(lang)) npNegAt = i + 1;
      }
      mod = 1;
      modAt = -100;
      i += denied + 1;
      continue;
    }
    i++;
  }
}

function isCaps(raw: string): boolean {
  return raw.length >= 3 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
}
