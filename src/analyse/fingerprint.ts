/**
 * Near-duplicate fingerprint: a 64-bit SimHash over 3-word shingles of the normalised text. The same
 * review posted on several sites or by several accounts (a review attack) differs by a few bits.
 */

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

/** 16 hex digits; texts without words give "0000000000000000". */
export function simhash(text: string): string {
  const words = text.toLowerCase().replace(/ё/g, "е").match(WORD_RE) ?? [];
  const v = new Int32Array(64);
  const n = words.length;
  const shingles = n < 3 ? [words.join(" ")] : [];
  for (let i = 0; i + 3 <= n; i++) shingles.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  if (n === 0) return "0".repeat(16);
  for (const sh of shingles) {
    const hi = fnv1a(sh, 0x811c9dc5);
    const lo = fnv1a(sh, 0x5bd1e995);
    for (let b = 0; b < 32; b++) {
      v[b]! += (hi >>> b) & 1 ? 1 : -1;
      v[32 + b]! += (lo >>> b) & 1 ? 1 : -1;
    }
  }
  let hiOut = 0;
  let loOut = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b]! > 0) hiOut |= 1 << b;
    if (v[32 + b]! > 0) loOut |= 1 << b;
  }
  return (hiOut >>> 0).toString(16).padStart(8, "0") + (loOut >>> 0).toString(16).padStart(8, "0");
}

/** Number of differing bits between two fingerprints. */
export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

/**
 * Groups items whose fingerprints are within `maxDistance` bits (single-link); returns groups of 2+
 * ids. Quadratic: meant for one run's or one day's mentions, not the whole store.
 */
export function groupNearDuplicates(
  items: { id: string; fingerprint: string }[],
  maxDistance = 3,
): string[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (hammingDistance(items[i]!.fingerprint, items[j]!.fingerprint) <= maxDistance)
        parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, string[]>();
  items.forEach((it, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), it.id]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}
