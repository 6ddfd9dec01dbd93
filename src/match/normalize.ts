/** Text normalisation shared by the brand matcher: case, ё/е, word tokens with their offsets. */

export interface WordToken {
  /** Normalised form: lower case, ё → е. */
  n: string;
  start: number;
  end: number;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

export function normalizeWord(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е");
}

/** Words of `text` (letters and digits; quotes, hyphens and punctuation separate them) with offsets. */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index ?? 0;
    out.push({ n: normalizeWord(m[0]), start, end: start + m[0].length });
  }
  return out;
}

/** True when the characters between two tokens may join them into one name ("Альфа-Банк", "Сбер Банк"). */
export function joinableGap(gap: string): boolean {
  return gap.length <= 3 && /^[\s\-‐‑–—'’"«»“”„&+.]*$/u.test(gap);
}

export function isCyrillic(word: string): boolean {
  return /[а-яёіїєґ]/i.test(word);
}

export function isLatin(word: string): boolean {
  return /^[a-z0-9]+$/i.test(word);
}

/** Damerau-Levenshtein (optimal string alignment) distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}
