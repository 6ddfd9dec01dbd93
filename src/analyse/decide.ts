/**
 * From evidence to a text score and a label, per genre of text. Pure.
 *
 * score = (P − 1.5·N − prior) / (P + 1.5·N + 3)  [+ 0.3·ln((pros+2)/(cons+2)) with pros/cons]
 * prior = 0.5·ln(1 + words/10) for reviews (40+ words), 0 for short texts
 *
 * - Negative evidence weighs 1.5×: reviews skew positive, and praise is cheaper than a complaint.
 * - A long text (40+ words) with little praise leans negative: people who are happy say so; a long story without
 *   a good word is usually a complaint.
 * - With pros and cons (otzovik, glassdoor), the author's balance between them counts: long cons after
 *   two words of pros is a negative review even when the words themselves are mild.
 *
 * The bands (score → label) differ per genre: short texts (tweets, comments), reviews, and reviews with
 * pros/cons fields. They were chosen on the development splits of the labeled sets in
 * ../shared/datasets/sentiment/ (as the baselines' neutral bands were), pooled per genre.
 */
import type { Reason, SentimentLabel } from "../domain/mention.js";
import type { Evidence } from "./evidence.js";
import type { Lang } from "./nlp.js";

export type Genre = "short" | "review" | "structured";

export interface Band {
  /** A text is negative when its score is below this. */
  negativeBelow: number;
  /** A text is positive when its score is above this. */
  positiveAbove: number;
}

/** Score → label per genre (chosen on the development splits, pooled per genre). */
export const BANDS: Record<Genre, Band> = {
  short: { negativeBelow: -0.15, positiveAbove: 0 },
  review: { negativeBelow: 0, positiveAbove: 0.25 },
  structured: { negativeBelow: -0.3, positiveAbove: 0.3 },
};

/**
 * Where a language's lexicon scores on another scale, its own edges (also from the development
 * splits): English (with its heavier negative weight, below), Bulgarian and Russian reviews.
 */
export const LANGUAGE_BANDS: Partial<Record<Lang, Partial<Record<Genre, Partial<Band>>>>> = {
  en: {
    short: { negativeBelow: -0.3 },
    review: { negativeBelow: -0.4, positiveAbove: 0.1 },
    structured: { negativeBelow: -0.4, positiveAbove: 0.1 },
  },
  bg: { review: { negativeBelow: -0.15 } },
  // Russian reviews: a mixed review (some complaints, some praise) scores a little below 0 and is neutral.
  ru: { review: { negativeBelow: -0.1, positiveAbove: 0.2 } },
};

export function bandFor(genre: Genre, lang: Lang): Band {
  return { ...BANDS[genre], ...LANGUAGE_BANDS[lang]?.[genre] };
}

const NEG_WEIGHT = 1.5;
/**
 * Per language, how much more negative evidence weighs than praise. English reviews praise freely and
 * complain in milder words than Russian ones ("a bit slow", "not great"), so with the English lexicon a
 * complaint weighs 2.5× and the negative edges sit lower: a text is negative when its complaints clearly
 * outweigh its praise, not whenever it mentions one (three-star reviews mention several).
 */
const LANGUAGE_NEG_WEIGHT: Partial<Record<Lang, number>> = { en: 2.5 };
const DAMPING = 3;
const LENGTH_PRIOR = 0.5;
const BALANCE = 0.3;
/** How much of its score a text keeps when its title is a middling verdict ("Just OK", "Mixed bag") or
 * it states a three-star rating ("3 stars", "I'm torn"). */
const MIDDLING = 0.5;
/**
 * Per language, how much of its score a text with a middling verdict keeps: the Russian review band is
 * narrow (−0.1 … 0.2, against −0.4 … 0.1 in English), so half a mixed review's score still reads as
 * negative; a Russian text that says "неоднозначное впечатление" or "на один раз" keeps less.
 */
const LANGUAGE_MIDDLING: Partial<Record<Lang, number>> = { ru: 0.3, uk: 0.3 };
/** How much a grade stated in the text ("3 из 5", "оценка 2") counts against the words: like a rating, it dominates. */
const STATED_GRADE = 0.75;
/** Texts with fewer words than this are "short" (tweets, comments, one-line reviews). */
export const SHORT_WORDS = 40;
/**
 * Languages where a pros/cons review under 40 words gets no length prior either: a short Russian
 * review with one mild complaint ("Ничего выдающегося … берут комиссию") is not a narrative complaint.
 * (English employer reviews are short and lean on the prior, so English keeps it.)
 */
const SHORT_STRUCTURED_NEUTRAL = new Set<Lang>(["ru", "uk"]);

export interface Decision {
  genre: Genre;
  score: number;
  label: SentimentLabel;
  /** Distance from the nearest band edge (how clear the decision is). */
  margin: number;
  /** Reasons the decision adds (pros/cons balance). */
  reasons: Reason[];
}

export function genreOf(ev: Pick<Evidence, "structured" | "words">): Genre {
  if (ev.structured) return "structured";
  return ev.words < SHORT_WORDS ? "short" : "review";
}

export function labelFor(score: number, band: Band): SentimentLabel {
  if (score < band.negativeBelow) return "negative";
  if (score > band.positiveAbove) return "positive";
  return "neutral";
}

export function decide(ev: Evidence): Decision {
  const genre = genreOf(ev);
  const reasons: Reason[] = [];
  const pos = ev.pos;
  const neg = (LANGUAGE_NEG_WEIGHT[ev.lexLang] ?? NEG_WEIGHT) * ev.neg;
  // Only reviews get the length prior: a short text without sentiment words is neutral (news, questions).
  const noPrior =
    genre === "short" ||
    (genre === "structured" && ev.words < SHORT_WORDS && SHORT_STRUCTURED_NEUTRAL.has(ev.lexLang));
  const prior = noPrior ? 0 : LENGTH_PRIOR * Math.log1p(ev.words / 10);
  let score = (pos - neg - prior) / (pos + neg + DAMPING);
  if (genre === "structured") {
    const balance = BALANCE * Math.log((ev.prosWords + 2) / (ev.consWords + 2));
    score += balance;
    if (Math.abs(balance) >= 0.1) {
      reasons.push({
        term: `pros ${ev.prosWords} words, cons ${ev.consWords} words`,
        weight: Math.round(balance * 10 * 100) / 100,
        note: "pros/cons balance",
      });
    }
  }
  score = Math.max(-1, Math.min(1, score));
  if (ev.middling !== undefined) {
    // The author's own summary is "so-so": the complaints (or praise) in the text count half.
    score *= LANGUAGE_MIDDLING[ev.lexLang] ?? MIDDLING;
    reasons.push({
      term: ev.middling,
      weight: 0,
      field: ev.middlingField ?? "title",
      note: "middling verdict",
    });
  }
  if (ev.grade !== undefined) {
    // The author's own grade is their rating: 3 of 5 is a middling review whatever its complaints.
    const stated = Math.max(-1, Math.min(1, (ev.grade - 3) / 2));
    score = STATED_GRADE * stated + (1 - STATED_GRADE) * score;
    reasons.push({
      term: `${Math.round(ev.grade * 10) / 10} of 5`,
      weight: Math.round(stated * 3 * 100) / 100,
      note: "stated grade",
    });
  }
  const band = bandFor(genre, ev.lexLang);
  const label = labelFor(score, band);
  const margin =
    label === "negative"
      ? band.negativeBelow - score
      : label === "positive"
        ? score - band.positiveAbove
        : Math.min(score - band.negativeBelow, band.positiveAbove - score);
  return { genre, score, label, margin, reasons };
}
