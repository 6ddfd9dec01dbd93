/**
 * Review-attack detection: near-duplicate texts across sites or accounts. Pure.
 *
 *   a mention takes part when       | it has a fingerprint and at least `minWords` words
 *   two mentions are near-duplicates| their 64-bit fingerprints differ in <= maxDistance bits
 *   a group (single link) is an     | it has >= minSize mentions from >= 2 different
 *   attack when                     |   (platform, author) accounts
 *
 * Groups are returned oldest first (first seen, then id); the first member anchors the incident id.
 */
import type { AttackConfig } from "../config/alerts.js";
import type { StoredMention } from "../domain/mention.js";

/** What grouping needs of a mention. */
export type AttackCandidate = Pick<StoredMention, "id" | "platform" | "author" | "text" | "analysis"> & {
  firstSeenAt?: string;
};

function popcount32(x: number): number {
  let n = 0;
  let v = x >>> 0;
  while (v) {
    v &= v - 1;
    n++;
  }
  return n;
}

/** Differing bits of two 16-hex-digit fingerprints (64 when malformed). */
export function fingerprintDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/i.test(a) || !/^[0-9a-f]{16}$/i.test(b)) return 64;
  const hi = Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16);
  const lo = Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16);
  return popcount32(hi) + popcount32(lo);
}

const WORDS = /[\p{L}\p{N}]+/gu;

function byAge(a: AttackCandidate, b: AttackCandidate): number {
  const fa = a.firstSeenAt ?? "";
  const fb = b.firstSeenAt ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function findAttackGroups<T extends AttackCandidate>(
  mentions: readonly T[],
  cfg: Pick<AttackConfig, "minSize" | "maxDistance" | "minWords">,
): T[][] {
  const items = mentions.filter(
    (m) => m.analysis.fingerprint && (m.text.match(WORDS)?.length ?? 0) >= cfg.minWords,
  );
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    parent[i] = r;
    return r;
  };
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++)
      if (
        fingerprintDistance(items[i]!.analysis.fingerprint!, items[j]!.analysis.fingerprint!) <=
        cfg.maxDistance
      )
        parent[find(i)] = find(j);
  const groups = new Map<number, T[]>();
  items.forEach((m, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), m]);
  });
  return [...groups.values()]
    .filter(
      (g) => g.length >= cfg.minSize && new Set(g.map((m) => `${m.platform}|${m.author ?? ""}`)).size >= 2,
    )
    .map((g) => g.sort(byAge));
}
