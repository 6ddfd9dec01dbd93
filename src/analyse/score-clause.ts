/**
 * Scores the words of one clause: phrases first, then negation scope, modifiers, lexicon words,
 * negated actions ("не перезвонили") and negation after the word ("проблем нет"). Pure.
 */
import type { Reason } from "../domain/mention.js";
import { type CompiledLexicon, wordWeight } from "./lexicon.js";
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

/** English words that carry a negation on to the next sentiment word ("not clean or safe"). */
const OR_EN = new Set(["or", "nor"]);
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

/** Length of a denial right after position `i` ("нет" → 1, "не было" → 2), or 0. */
function denialAfter(tokens: Token[], i: number): number {
  const a = tokens[i + 1]?.w;
  if (a === undefined) return 0;
  if (DENIAL_WORDS.has(a)) return 1;
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
  let lastNegator = -100;
  let mod = 1;
  let modAt = -100;
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i]!;
    const w = tok.w;
    const phrases = lex.phrases.get(tok.s);
    let matched = false;
    if (phrases) {
      for (const p of phrases) {
        if (p.stems.every((ps, k) => tokens[i + k]?.s === ps)) {
          const negated = i - negAt <= NEGATION_SCOPE;
          const weight = (negated ? flip(p.weight, lang) : p.weight) * (i - modAt <= 2 ? mod : 1);
          const note = negated ? "negated" : undefined;
          const term = tokens
            .slice(i, i + p.stems.length)
            .map((t) => t.w)
            .join(" ");
          contribs.push({ reason: { term, weight, field, note }, clause });
          const negative = negated || lex.negators.has(w);
          i += p.stems.length;
          negAt = negative && lang === "en" && OR_EN.has(tokens[i]?.w ?? "") ? i : -100;
          mod = 1;
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    if (lex.negators.has(w)) {
      // Negative concord: "ни разу не", "никогда не" stay one negation.
      if (i - negAt > NEGATION_SCOPE) negAt = i;
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
      i++;
      continue;
    }
    if (base !== undefined && base !== 0) {
      const negated = i - negAt <= NEGATION_SCOPE;
      const denied = !negated && base < 0 ? denialAfter(tokens, i) : 0;
      let weight = negated ? flip(base, lang) : denied > 0 ? base * DENIED_AFTER : base;
      const notes: string[] = [];
      if (negated || denied > 0) notes.push("negated");
      if (i - modAt <= 2 && mod !== 1) {
        // "не очень хорошо" is mildly negative: a negated intensifier softens instead.
        weight *= negated && mod > 1 ? 0.6 : mod;
        notes.push(mod > 1 && !negated ? "intensified" : "softened");
      }
      if (capsCount && tok.raw !== tok.w && isCaps(tok.raw)) {
        weight *= 1.3;
        notes.push("caps");
      }
      const term = negated
        ? `${tokens[negAt]!.w} … ${w}`
        : denied > 0
          ? tokens
              .slice(i, i + denied + 1)
              .map((t) => t.w)
              .join(" ")
          : w;
      contribs.push({ reason: { term, weight, field, note: notes.join(", ") || undefined }, clause });
      // English "not good or cheap", "never friendly nor quick": the negation runs on through "or"/"nor".
      if (negated) negAt = lang === "en" && OR_EN.has(tokens[i + 1]?.w ?? "") ? i + 1 : -100;
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
