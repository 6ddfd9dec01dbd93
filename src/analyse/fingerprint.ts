/**
 * Near-duplicate fingerprint: a 64-bit SimHash over 3-word shingles of the normalised text. The same
 * review posted on several sites or by several accounts (a review attack) differs by a few bits.
 */

import { tokenize } from "./nlp.js";

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: spreads the bits of a 32-bit value. */
function mix(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** 16 hex digits; texts without words give "0000000000000000". */
export function simhash(text: string): string {
  return simhashWords(tokenize(text));
}

/** `simhash` over words already cut by `tokenize` (the analyser shares its tokens). */
export function simhashWords(words: readonly string[]): string {
  const v = new Int32Array(64);
  const n = words.length;
  if (n === 0) return "0".repeat(16);
  // Hash each word once; a shingle's hash mixes its three word hashes.
  const wh = words.map((w) => fnv1a(w, 0x811c9dc5));
  const count = Math.max(1, n - 2);
  for (let i = 0; i < count; i++) {
    const a = wh[i]!;
    const b2 = wh[i + 1] ?? 0;
    const c = wh[i + 2] ?? 0;
    const hi = mix(Math.imul(a, 0x9e3779b1) ^ Math.imul(b2, 0x85ebca77) ^ c);
    const lo = mix(hi ^ Math.imul(c ^ 0x5bd1e995, 0xc2b2ae3d) ^ b2);
    let h = hi;
    let l = lo;
    for (let b = 0; b < 32; b++) {
      v[b] = (v[b] as number) + (h & 1);
      v[32 + b] = (v[32 + b] as number) + (l & 1);
      h >>>= 1;
      l >>>= 1;
    }
  }
  // A bit is set when more than half of the shingles set it.
  let hiOut = 0;
  let loOut = 0;
  for (let b = 0; b < 32; b++) {
    if ((v[b] as number) * 2 > count) hiOut |= 1 << b;
    if ((v[32 + b] as number) * 2 > count) loOut |= 1 << b;
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
