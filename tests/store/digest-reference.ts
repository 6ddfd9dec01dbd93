/**
 * The digest-port table (src/store/digest-port.ts) computed the slow, obvious way over a list of stored
 * mentions: what every adapter's `digestFacts` must equal (incidents excepted). The contract compares
 * each adapter with it over the store's own mentions after edits, re-ingests and DST weeks.
 */
import type { StoredMention } from "../../src/domain/mention.js";
import {
  type DigestFacts,
  type DigestFactsQuery,
  NON_PHRASE_NOTES,
  rankTerms,
  type VolumeCell,
} from "../../src/store/digest-port.js";

const atOf = (m: StoredMention) => Date.parse(m.publishedAt ?? m.firstSeenAt);
const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function terms(m: StoredMention): string[] {
  return m.analysis.reasons
    .filter(
      (r) =>
        typeof r.term === "string" &&
        r.weight < 0 &&
        r.field !== "rating" &&
        !(NON_PHRASE_NOTES as readonly unknown[]).includes(r.note),
    )
    .map((r) => r.term);
}

type Lists = Pick<DigestFacts, "topNegatives" | "unanswered">;

/**
 * Facts with the listed mentions' `lastSeenAt` left out: the one field adapters may report
 * differently (digest-port.ts: MongoDB keeps when the version was stored, not the latest sighting).
 */
export function comparable<T extends Lists>(facts: T): T {
  const strip = (ms: DigestFacts["topNegatives"]) => ms.map(({ lastSeenAt: _, ...m }) => m);
  return {
    ...facts,
    topNegatives: strip(facts.topNegatives),
    unanswered: { ...facts.unanswered, oldest: strip(facts.unanswered.oldest) },
  } as T;
}

export function referenceFacts(all: StoredMention[], q: DigestFactsQuery): Omit<DigestFacts, "incidents"> {
  const b = q.bounds.map((x) => Date.parse(x));
  const weeks = b.length - 1;
  const mine = all.filter((m) => m.brandId === q.brandId);
  const cells = new Map<string, VolumeCell>();
  for (const m of mine) {
    const t = atOf(m);
    if (t < b[0]! || t >= b[weeks]!) continue;
    let week = 0;
    while (t >= b[week + 1]!) week++;
    const key = JSON.stringify([week, m.platform, m.kind, m.analysis.label]);
    const c = cells.get(key) ?? {
      week,
      platform: m.platform,
      kind: m.kind,
      label: m.analysis.label,
      count: 0,
      rated: 0,
      ratingSum: 0,
    };
    c.count++;
    if (typeof m.rating === "number") {
      c.rated++;
      c.ratingSum += m.rating;
    }
    cells.set(key, c);
  }
  const sortedCells = [...cells.values()].sort(
    (x, y) => x.week - y.week || cmp(x.platform, y.platform) || cmp(x.kind, y.kind) || cmp(x.label, y.label),
  );
  if (!q.detail)
    return {
      cells: sortedCells,
      topNegatives: [],
      unanswered: { total: 0, oldest: [] },
      complaints: [],
      employerCons: [],
    };
  const from = b[weeks - 1]!;
  const to = b[weeks]!;
  const prev = b[Math.max(0, weeks - 2)]!;
  const inWeek = (m: StoredMention) => atOf(m) >= from && atOf(m) < to;
  const negatives = mine.filter((m) => m.analysis.label === "negative" && inWeek(m));
  const top = [...negatives].sort(
    (x, y) =>
      y.analysis.risks.length - x.analysis.risks.length ||
      num(x.rating, 3) - num(y.rating, 3) ||
      num(y.likes, 0) - num(x.likes, 0) ||
      atOf(y) - atOf(x) ||
      cmp(x.id, y.id),
  );
  const open = negatives
    .filter((m) => m.reply === undefined || m.reply === null)
    .sort((x, y) => atOf(x) - atOf(y) || cmp(x.id, y.id));
  const rows = (keep: (m: StoredMention) => boolean) =>
    mine.flatMap((m) => {
      const t = atOf(m);
      if (!keep(m) || t < prev || t >= to) return [];
      return terms(m).map((term) => ({ term, week: (t >= from ? 1 : 0) as 0 | 1, count: 1 }));
    });
  return {
    cells: sortedCells,
    topNegatives: top.slice(0, q.detail.top),
    unanswered: { total: open.length, oldest: open.slice(0, q.detail.unanswered) },
    complaints: rankTerms(
      rows((m) => m.analysis.label === "negative"),
      q.detail.terms,
    ),
    employerCons: rankTerms(
      rows((m) => m.kind === "employer"),
      q.detail.terms,
    ),
  };
}
