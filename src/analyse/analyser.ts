/**
 * The analyser: language, per-field sentiment, rating fusion, risk flags and fingerprint → `Analysis`.
 * Pure; build it once with `createAnalyser(resources)` and call it per mention.
 */
import type { Analysis, MentionKind, Reason, SentimentLabel } from "../domain/mention.js";
import { simhash } from "./fingerprint.js";
import { detectLanguage } from "./lang-detect.js";
import type { CompiledLexicon } from "./lexicon.js";
import { isLang, type Lang } from "./nlp.js";
import type { LanguageResources } from "./resources.js";
import { detectRisks } from "./risk.js";
import { type Field, type FieldScore, scoreField } from "./score-field.js";
import { splitSections, stripHeadings } from "./sections.js";

export interface AnalyseInput {
  text: string;
  title?: string;
  pros?: string;
  cons?: string;
  /** 1..5 stars. */
  rating?: number;
  /** ISO 639-1 language the site declares; detected when absent or unsupported. */
  lang?: string;
  kind?: MentionKind;
}

export type Analyser = (input: AnalyseInput) => Analysis;

/** How much each field's positive and negative evidence counts: cons are expected to be negative. */
const FIELD_WEIGHTS: Record<Field, { pos: number; neg: number }> = {
  title: { pos: 2, neg: 2 },
  text: { pos: 1, neg: 1 },
  pros: { pos: 0.4, neg: 0.8 },
  cons: { pos: 0.6, neg: 0.35 },
  rating: { pos: 1, neg: 1 },
};
/** Evidence damping: a text needs a few weighted words before its score moves far from 0. */
const DAMPING = 3;
/** Review text skews positive: a text is negative below this score, positive above the next. */
export const NEGATIVE_BELOW = 0;
export const POSITIVE_ABOVE = 0.3;

const NOTHING_RE =
  /^\s*(?:нет|нету|нет никаких|никаких|ни одного|отсутствуют|не знаю|почти нет|(?:особо )?не (?:нашел|нашла|нашлось|обнаружено|обнаружил[аи]?|выявлено|припомню|заметил[аи]?)|none|nothing|no cons|n\/a|[-—–.]+|няма|немає)\s*[.!)]*\s*$/i;
/** A cons field that says "too many to list" ("полно", "огромное количество"), or pros that say "only minuses". */
const PLENTY_RE =
  /^\s*(?:полно|много|масса|куча|все|всё|огромное количество|не перечесть|даже не перечислить|одни минусы|только минусы|too many)\b/i;

function labelOf(score: number): SentimentLabel {
  if (score < NEGATIVE_BELOW) return "negative";
  if (score > POSITIVE_ABOVE) return "positive";
  return "neutral";
}

function round(x: number, d = 3): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

export function createAnalyser(resources: LanguageResources): Analyser {
  const pick = (lang: Lang): CompiledLexicon | undefined =>
    resources.lexicons[lang] ??
    (lang === "uk" || lang === "bg" ? resources.lexicons.ru : resources.lexicons.en);

  return (input) => {
    const sec =
      input.pros === undefined && input.cons === undefined ? splitSections(input.text) : { text: input.text };
    const fields: [Field, string | undefined][] = [
      ["title", input.title ?? sec.title],
      ["text", sec.text],
      ["pros", input.pros ?? sec.pros],
      ["cons", input.cons ?? sec.cons],
    ];
    const all = fields.map(([, t]) => t ?? "").join("\n");
    const declared = input.lang?.toLowerCase().slice(0, 2);
    const lang: Lang | "und" = isLang(declared) ? declared : detectLanguage(all).lang;
    const lex = pick(lang === "und" ? "en" : lang);

    let pos = 0;
    let neg = 0;
    const reasons: Reason[] = [];
    if (lex) {
      for (const [field, raw] of fields) {
        if (!raw?.trim()) continue;
        if ((field === "cons" || field === "pros") && NOTHING_RE.test(raw)) {
          const w = field === "cons" ? 1.5 : -2;
          reasons.push({
            term: raw.trim(),
            weight: w,
            field,
            note: field === "cons" ? "no cons" : "no pros",
          });
          if (w > 0) pos += w;
          else neg -= w;
          continue;
        }
        if (field === "cons" && PLENTY_RE.test(raw) && raw.length < 60) {
          reasons.push({ term: raw.trim(), weight: -2, field, note: "many cons" });
          neg += 2;
          continue;
        }
        const fs: FieldScore = scoreField(stripHeadings(raw, lex.headings), lex, field);
        const fw = FIELD_WEIGHTS[field];
        for (const r of fs.reasons) {
          r.weight = round(r.weight * (r.weight > 0 ? fw.pos : fw.neg), 2);
          reasons.push(r);
        }
        pos += fs.pos * fw.pos;
        neg += fs.neg * fw.neg;
      }
    }
    const textScore = (pos - neg) / (pos + neg + DAMPING);
    const evidence = 1 - Math.exp(-(pos + neg) / 4);
    let score = textScore;
    let label = labelOf(textScore);
    const margin =
      label === "negative"
        ? NEGATIVE_BELOW - textScore
        : label === "positive"
          ? textScore - POSITIVE_ABOVE
          : Math.min(textScore - NEGATIVE_BELOW, POSITIVE_ABOVE - textScore);
    let confidence = Math.min(1, evidence * (0.5 + margin));
    let ratingMismatch: boolean | undefined;

    if (input.rating !== undefined && Number.isFinite(input.rating)) {
      const r = Math.min(5, Math.max(1, input.rating));
      const rs = (r - 3) / 2;
      score = 0.75 * rs + 0.25 * textScore;
      label = r < 2.5 ? "negative" : r >= 3.5 ? "positive" : textScore < -0.4 ? "negative" : "neutral";
      reasons.push({ term: `${r}★`, weight: round(rs * 3, 2), field: "rating", note: "rating dominates" });
      const contradicts =
        (r >= 4 && textScore < -0.4 && evidence > 0.5) || (r <= 2 && textScore > 0.5 && evidence > 0.5);
      if (contradicts) {
        ratingMismatch = true;
        reasons.push({ term: `${r}★ vs text`, weight: 0, field: "rating", note: "text contradicts rating" });
      }
      confidence = contradicts ? 0.5 : Math.min(1, 0.75 + 0.25 * evidence);
    }

    reasons.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    const text = [input.title ?? "", input.text].join("\n");
    const risks = detectRisks(
      resources.risk,
      fields.map(([, t]) => t ?? "").join("\n"),
      lang === "und" ? "en" : lang,
    );
    const out: Analysis = {
      label,
      score: round(Math.max(-1, Math.min(1, score))),
      confidence: round(confidence, 2),
      lang,
      reasons: reasons.slice(0, 15),
      risks,
      fingerprint: simhash(text),
    };
    if (ratingMismatch) out.ratingMismatch = true;
    return out;
  };
}
