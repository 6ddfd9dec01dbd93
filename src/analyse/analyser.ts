/**
 * The analyser: language, per-field sentiment, rating fusion, risk flags and fingerprint → `Analysis`.
 * Pure; build it once with `createAnalyser(resources)` and call it per mention.
 */
import type { Analysis, MentionKind } from "../domain/mention.js";
import { BANDS, decide } from "./decide.js";
import { gatherEvidence, round } from "./evidence.js";
import { simhashWords } from "./fingerprint.js";
import type { LanguageResources } from "./resources.js";
import { detectRisksInWords } from "./risk.js";

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

/** Bands of the "review" genre (see `BANDS` in decide.ts for every genre). */
export const NEGATIVE_BELOW = BANDS.review.negativeBelow;
export const POSITIVE_ABOVE = BANDS.review.positiveAbove;

export function createAnalyser(resources: LanguageResources): Analyser {
  return (input) => {
    const ev = gatherEvidence(input, resources);
    const { lang, pos, neg, reasons } = ev;
    const decision = decide(ev);
    for (const r of decision.reasons) reasons.push(r);
    const textScore = decision.score;
    const evidence = 1 - Math.exp(-(pos + neg) / 4);
    let score = textScore;
    let label = decision.label;
    const margin = decision.margin;
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
    const risks = detectRisksInWords(resources.risk, ev.tokens, ev.stems, ev.lexLang);
    const out: Analysis = {
      label,
      score: round(Math.max(-1, Math.min(1, score))),
      confidence: round(confidence, 2),
      lang,
      reasons: reasons.slice(0, 15),
      risks,
      fingerprint: simhashWords(ev.tokens),
    };
    if (ratingMismatch) out.ratingMismatch = true;
    return out;
  };
}
