/**
 * Scores one field (title, text, pros or cons) with one lexicon: phrases before words, negation
 * scope, intensifiers/diminishers, contrast ("но": the later clause weighs more), concession ("хотя"),
 * exclamation, CAPS, questions, emoji and emoticons. Pure.
 */
import type { Reason } from "../domain/mention.js";
import { extractEmoji } from "./emoji.js";
import { type CompiledLexicon, wordWeight } from "./lexicon.js";
import { stem, tokenize } from "./nlp.js";

export type Field = NonNullable<Reason["field"]>;

export interface FieldScore {
  /** Sum of positive contributions. */
  pos: number;
  /** Sum of negative contributions, as a positive number. */
  neg: number;
  reasons: Reason[];
  /** Number of words seen. */
  words: number;
}

/** How many words after a negator it still applies to. */
const NEGATION_SCOPE = 3;
/** Negated positive words ("не рекомендую") become this times as negative. */
const NEGATED_POSITIVE = -1;
/** Negated negative words ("не плохо") become this times as positive: mildly. */
const NEGATED_NEGATIVE = -0.4;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.4;
const CONCESSIVE = 0.5;
const QUESTION = 0.6;
/** Weight of a negated verb the lexicon does not know ("не перезвонили"). */
const NEGATED_ACTION = -0.8;
/** Past-tense plural and 3rd-person forms: what the bank/employer did not do. */
const NEGATED_ACTION_RE = /(?:ли|лись|ют|ут|ят|ат|ет|ит|ется|ится|ются|ятся)$/;
const AUXILIARY = new Set(
  "были будет будут может могут хотят хочет знают знает стоит было будем надо нужно является являются бывает бывают считают".split(
    " ",
  ),
);

interface Contribution {
  reason: Reason;
  clause: number;
}

const SENTENCE_RE = /[^.!?…\n]+[.!?…\n]*/g;
const CLAUSE_SPLIT_RE = /[,;:()\u2014\u2013"«»]| - /;

function isCaps(raw: string): boolean {
  return raw.length >= 3 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
}

export function scoreField(text: string, lex: CompiledLexicon, field: Field): FieldScore {
  const out: FieldScore = { pos: 0, neg: 0, reasons: [], words: 0 };
  const { hits, rest } = extractEmoji(text);
  for (const h of hits) out.reasons.push({ term: h.term, weight: h.weight, field, note: "emoji" });
  const lang = lex.lang;
  const mostlyCaps = isCaps(rest.replace(/[^\p{L}]/gu, "").slice(0, 200));

  let prevSentence: Contribution[] = [];
  for (const sm of rest.matchAll(SENTENCE_RE)) {
    const sentence = sm[0];
    const excl = (sentence.match(/!/g)?.length ?? 0) > 0;
    const question = !excl && sentence.includes("?");
    const contribs: Contribution[] = [];
    const clauses = sentence.split(CLAUSE_SPLIT_RE);
    let clauseIdx = 0;
    let contrastAt = -1;
    const concessiveClauses = new Set<number>();
    for (const clause of clauses) {
      const rawTokens = tokenize(clause, lang);
      if (rawTokens.length === 0) continue;
      const capsSet = mostlyCaps ? undefined : new Set(clause.match(/\p{Lu}{3,}/gu) ?? []);
      // A clause may hold its own contrast word mid-way ("хорошо но дорого"): split there too.
      let start = 0;
      for (let k = 0; k <= rawTokens.length; k++) {
        const t = rawTokens[k];
        const boundary = k === rawTokens.length || (k > start && t !== undefined && lex.contrast.has(t));
        if (!boundary) continue;
        const part = rawTokens.slice(start, k);
        const first = part[0];
        if (first !== undefined && lex.contrast.has(first)) {
          if (clauseIdx === 0 && contribs.length === 0) {
            for (const c of prevSentence) c.reason.weight *= CONTRAST_BEFORE;
          }
          contrastAt = clauseIdx;
        }
        if (first !== undefined && lex.concessive.has(first)) concessiveClauses.add(clauseIdx);
        scoreClause(part, lex, capsSet, field, clauseIdx, contribs, out);
        clauseIdx++;
        start = k;
      }
    }
    for (const c of contribs) {
      let f = 1;
      if (contrastAt >= 0) f *= c.clause < contrastAt ? CONTRAST_BEFORE : CONTRAST_AFTER;
      if (concessiveClauses.has(c.clause)) f *= CONCESSIVE;
      if (excl) f *= 1.25;
      if (question) f *= QUESTION;
      c.reason.weight *= f;
      if (contrastAt >= 0 && c.clause >= contrastAt)
        c.reason.note = c.reason.note ? `${c.reason.note}, contrast` : "contrast";
    }
    prevSentence = contribs;
    for (const c of contribs) out.reasons.push(c.reason);
  }
  for (const r of out.reasons) {
    r.weight = Math.round(r.weight * 100) / 100;
    if (r.weight > 0) out.pos += r.weight;
    else out.neg -= r.weight;
  }
  return out;
}

function scoreClause(
  words: string[],
  lex: CompiledLexicon,
  caps: Set<string> | undefined,
  field: Field,
  clause: number,
  contribs: Contribution[],
  out: FieldScore,
): void {
  const lang = lex.lang;
  const stems = words.map((w) => stem(w, lang));
  out.words += words.length;
  let negAt = -100;
  let mod = 1;
  let modAt = -100;
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const s = stems[i]!;
    const phrases = lex.phrases.get(s);
    let matched = false;
    if (phrases) {
      for (const p of phrases) {
        if (p.stems.every((ps, k) => stems[i + k] === ps)) {
          const negated = i - negAt <= NEGATION_SCOPE;
          const weight = (negated ? flip(p.weight) : p.weight) * (i - modAt <= 2 ? mod : 1);
          const note = negated ? "negated" : undefined;
          contribs.push({
            reason: { term: words.slice(i, i + p.stems.length).join(" "), weight, field, note },
            clause,
          });
          i += p.stems.length;
          negAt = -100;
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
    const base = wordWeight(lex, w, s);
    if (
      base === undefined &&
      i === negAt + 1 &&
      lang === "ru" &&
      NEGATED_ACTION_RE.test(w) &&
      !AUXILIARY.has(w)
    ) {
      // "не перезвонили", "не отвечают", "не вернули": a service not doing something is a complaint.
      contribs.push({
        reason: { term: `${words[negAt]} ${w}`, weight: NEGATED_ACTION, field, note: "negated action" },
        clause,
      });
      negAt = -100;
      i++;
      continue;
    }
    if (base !== undefined && base !== 0) {
      const negated = i - negAt <= NEGATION_SCOPE;
      let weight = negated ? flip(base) : base;
      const notes: string[] = [];
      if (negated) notes.push("negated");
      if (i - modAt <= 2 && mod !== 1) {
        // "не очень хорошо" is mildly negative: a negated intensifier softens instead.
        weight *= negated && mod > 1 ? 0.6 : mod;
        notes.push(mod > 1 && !negated ? "intensified" : "softened");
      }
      if (caps && caps.size > 0 && [...caps].some((c) => c.toLowerCase().replace(/ё/g, "е") === w)) {
        weight *= 1.3;
        notes.push("caps");
      }
      contribs.push({
        reason: {
          term: negated ? `${words[negAt]} … ${w}` : w,
          weight,
          field,
          note: notes.join(", ") || undefined,
        },
        clause,
      });
      if (negated) negAt = -100;
      mod = 1;
      modAt = -100;
    }
    i++;
  }
}

function flip(w: number): number {
  return w > 0 ? w * NEGATED_POSITIVE : w * NEGATED_NEGATIVE;
}
