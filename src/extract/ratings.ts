/**
 * Rating normaliser: whatever a site shows -> a number in 1..5 (fractions kept, 2 decimals).
 *
 * - numbers and numeric text: "4", "4,5", "4.93", `title="Общий рейтинг: 4.93"` (the first number)
 * - an explicit scale wins over the configured one: "4.5 of 5", "8 из 10", "3/5", "9 от 10"
 * - a percentage is on a 100 scale: "80%", `style="width: 80%"` -> 4
 * - star glyphs: "★★★★☆" -> 4
 * - a count of star elements (`parse: count`) is passed in as a number
 *
 * The value is mapped linearly (value / scale * 5); a positive value below one star on a finer scale
 * (1 of 10) becomes 1. Zero, negative, NaN and values above the scale -> undefined (not a rating).
 */

export interface RatingOptions {
  /** The scale the site uses when the text does not say (5, 10, 100). @default 5 */
  scale?: number;
}

// A minus is a sign only when it does not join a word ("rating-2" is 2, "-1" is minus one).
const NUM = String.raw`(?:(?<![\p{L}\p{N}])-)?\d+(?:[.,]\d+)?`;
const OF_RE = new RegExp(String.raw`(${NUM})\s*(?:of|из|от|out of|\/)\s*(\d+(?:[.,]\d+)?)`, "iu");
const NUMBER_RE = new RegExp(NUM, "u");
const PERCENT_RE = new RegExp(String.raw`(${NUM})\s*%`, "u");

export function parseRating(value: string | number, opts: RatingOptions = {}): number | undefined {
  const scale = opts.scale ?? 5;
  if (typeof value === "number") return normalise(value, scale);
  const text = value.trim();
  if (!text) return undefined;
  const stars = /^[★☆✩✪⭐\s]+$/u.test(text) ? [...text].filter((c) => c === "★" || c === "⭐").length : -1;
  if (stars >= 0) return normalise(stars, 5);
  const of = OF_RE.exec(text);
  if (of) return normalise(toNumber(of[1]!), toNumber(of[2]!));
  const percent = PERCENT_RE.exec(text);
  if (percent) return normalise(toNumber(percent[1]!), 100);
  const n = NUMBER_RE.exec(text);
  return n ? normalise(toNumber(n[0]), scale) : undefined;
}

function toNumber(s: string): number {
  return Number(s.replace(",", "."));
}

function normalise(value: number, scale: number): number | undefined {
  if (!Number.isFinite(value) || !Number.isFinite(scale) || scale <= 0) return undefined;
  if (value <= 0 || value > scale) return undefined;
  const five = scale === 5 ? value : (value / scale) * 5;
  return Math.round(Math.max(1, five) * 100) / 100;
}
