/**
 * From the store's weekly aggregates to the digest. Pure: everything arrives already counted (see
 * src/store/digest-port.ts), so this is arithmetic on a few hundred cells whatever the volume.
 *
 *   figure             | definition
 *   -------------------+-------------------------------------------------------------------------
 *   volume             | mentions whose publishedAt (else first sighting) is in the week
 *   negative share     | negative / volume (null for an empty week); its change is in points
 *   rating             | mean of the ratings given (mentions without one do not count)
 *   share of voice     | a brand's volume / the sum over the brand and its competitors
 *   change             | this week − the week before (null when either side has no value)
 */
import type { MentionKind, StoredMention } from "../domain/mention.js";
import type { DigestFacts, VolumeCell } from "../store/digest-port.js";
import type { CrawlRun } from "../store/store.js";
import { mentionCard, sourceHealthRows } from "./cards.js";
import {
  type Breakdown,
  type CompetitorRow,
  DIGEST_SCHEMA,
  type Digest,
  type EmployerSection,
  type IncidentItem,
  type Metric,
  type RatingStat,
  type SentimentCounts,
} from "./model.js";
import type { WeekRange } from "./week.js";

export const KIND_NAMES: Record<MentionKind, string> = {
  review: "Review sites",
  map: "Maps",
  employer: "Employer boards",
  forum: "Forums",
  feed: "Feeds & news",
};

export interface CompetitorFacts {
  brand: { id: string; name: string };
  /** Cells of two weeks: 0 = the week before, 1 = the reported week. */
  cells: VolumeCell[];
}

export interface DigestInput {
  brand: { id: string; name: string };
  timezone: string;
  /** The trend weeks, oldest first; the last is the reported week (the facts' week indices). */
  weeks: WeekRange[];
  facts: DigestFacts;
  competitors: CompetitorFacts[];
  /** The brand's crawl runs started during the reported week. */
  runs: CrawlRun[];
  /** The brand's sources (its targets' platforms). */
  sources: { id: string; name: string }[];
  incidents: IncidentItem[];
  /** Display names of platforms (source ids → names). */
  platformNames: Map<string, string>;
  now: Date;
}

type CellFilter = (c: VolumeCell) => boolean;
const all: CellFilter = () => true;

export function countsOf(cells: readonly VolumeCell[], week: number, f: CellFilter = all): SentimentCounts {
  const out: SentimentCounts = { negative: 0, neutral: 0, positive: 0, total: 0 };
  for (const c of cells) {
    if (c.week !== week || !f(c)) continue;
    out[c.label] += c.count;
    out.total += c.count;
  }
  return out;
}

export function ratingOf(cells: readonly VolumeCell[], week: number, f: CellFilter = all): RatingStat {
  let count = 0;
  let sum = 0;
  for (const c of cells) {
    if (c.week !== week || !f(c)) continue;
    count += c.rated;
    sum += c.ratingSum;
  }
  return { avg: count > 0 ? round(sum / count, 2) : null, count };
}

export function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

export function metric(current: number | null, previous: number | null, digits = 4): Metric {
  return {
    current,
    previous,
    delta: current === null || previous === null ? null : round(current - previous, digits),
  };
}

export const negativeShare = (c: SentimentCounts): number | null =>
  c.total > 0 ? round(c.negative / c.total, 4) : null;

function breakdowns(
  cells: readonly VolumeCell[],
  cur: number,
  keyOf: (c: VolumeCell) => string,
  nameOf: (key: string, kind: MentionKind) => string,
): Breakdown[] {
  const kinds = new Map<string, MentionKind>();
  for (const c of cells) if (c.week === cur || c.week === cur - 1) kinds.set(keyOf(c), c.kind);
  return [...kinds]
    .map(([key, kind]): Breakdown => {
      const f: CellFilter = (c) => keyOf(c) === key;
      const now = ratingOf(cells, cur, f);
      const before = ratingOf(cells, cur - 1, f);
      return {
        key,
        name: nameOf(key, kind),
        kind,
        current: countsOf(cells, cur, f),
        previous: countsOf(cells, cur - 1, f),
        rating: metric(now.avg, before.avg, 2),
        ratingCount: now.count,
        previousRatingCount: before.count,
      };
    })
    .sort(
      (a, b) =>
        b.current.total - a.current.total || b.previous.total - a.previous.total || (a.key < b.key ? -1 : 1),
    );
}

/** A platform's weekly average is drawn only from this many ratings up (fewer is noise)… */
export const MIN_RATINGS_PER_POINT = 3;
/** …and a platform's line only when it has this many such weeks. */
export const MIN_POINTS_PER_LINE = 3;

/** Per-platform weekly averages of the (at most 3) most rated platforms that have enough ratings to draw. */
function ratingTrends(cells: readonly VolumeCell[], weeks: number, nameOf: (p: string) => string) {
  const rated = new Map<string, number>();
  for (const c of cells) rated.set(c.platform, (rated.get(c.platform) ?? 0) + c.rated);
  return [...rated]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([platform]) => ({
      platform,
      name: nameOf(platform),
      points: Array.from({ length: weeks }, (_, i) => {
        const r = ratingOf(cells, i, (c) => c.platform === platform);
        return r.count >= MIN_RATINGS_PER_POINT ? r.avg : null;
      }),
    }))
    .filter((t) => t.points.filter((p) => p !== null).length >= MIN_POINTS_PER_LINE)
    .slice(0, 3);
}

function employerSection(d: DigestInput, cur: number, platforms: Breakdown[]): EmployerSection | null {
  const f: CellFilter = (c) => c.kind === "employer";
  const now = countsOf(d.facts.cells, cur, f);
  const before = countsOf(d.facts.cells, cur - 1, f);
  if (now.total === 0 && before.total === 0 && d.facts.employerCons.length === 0) return null;
  return {
    volume: metric(now.total, before.total),
    negativeShare: metric(negativeShare(now), negativeShare(before)),
    rating: metric(ratingOf(d.facts.cells, cur, f).avg, ratingOf(d.facts.cells, cur - 1, f).avg, 2),
    platforms: platforms.filter((p) => p.kind === "employer").map((p) => p.name),
    cons: d.facts.employerCons,
  };
}

function competitorRows(d: DigestInput, cur: number): CompetitorRow[] {
  if (d.competitors.length === 0) return [];
  const rows = [
    {
      brand: d.brand,
      self: true,
      now: countsOf(d.facts.cells, cur),
      before: countsOf(d.facts.cells, cur - 1),
    },
    ...d.competitors.map((c) => ({
      brand: c.brand,
      self: false,
      now: countsOf(c.cells, 1),
      before: countsOf(c.cells, 0),
    })),
  ];
  const ratings = [
    { now: ratingOf(d.facts.cells, cur), before: ratingOf(d.facts.cells, cur - 1) },
    ...d.competitors.map((c) => ({ now: ratingOf(c.cells, 1), before: ratingOf(c.cells, 0) })),
  ];
  const sumNow = rows.reduce((s, r) => s + r.now.total, 0);
  const sumBefore = rows.reduce((s, r) => s + r.before.total, 0);
  return rows.map((r, i) => ({
    brandId: r.brand.id,
    name: r.brand.name,
    self: r.self,
    volume: metric(r.now.total, r.before.total),
    share: metric(
      sumNow > 0 ? round(r.now.total / sumNow, 4) : null,
      sumBefore > 0 ? round(r.before.total / sumBefore, 4) : null,
    ),
    negativeShare: metric(negativeShare(r.now), negativeShare(r.before)),
    rating: metric(ratings[i]!.now.avg, ratings[i]!.before.avg, 2),
  }));
}

export function aggregateDigest(d: DigestInput): Digest {
  const cur = d.weeks.length - 1;
  const cells = d.facts.cells;
  const now = countsOf(cells, cur);
  const before = countsOf(cells, cur - 1);
  const nameOf = (p: string) => d.platformNames.get(p) ?? p;
  const card = (m: StoredMention) => mentionCard(m, d.now, nameOf(m.platform));
  const platforms = breakdowns(cells, cur, (c) => c.platform, nameOf);
  const week = d.weeks[cur]!;
  const previousWeek = d.weeks[cur - 1] ?? week;
  return {
    schema: DIGEST_SCHEMA,
    brand: d.brand,
    timezone: d.timezone,
    week,
    previousWeek,
    generatedAt: d.now.toISOString(),
    headline: {
      volume: metric(now.total, before.total, 0),
      negativeShare: metric(negativeShare(now), negativeShare(before)),
      rating: metric(ratingOf(cells, cur).avg, ratingOf(cells, cur - 1).avg, 2),
    },
    sentiment: { current: now, previous: before },
    trend: d.weeks.map((w, i) => ({
      iso: w.iso,
      monday: w.monday,
      counts: countsOf(cells, i),
      rating: ratingOf(cells, i),
    })),
    ratingTrends: ratingTrends(cells, d.weeks.length, nameOf),
    platforms,
    kinds: breakdowns(
      cells,
      cur,
      (c) => c.kind,
      (_key, kind) => KIND_NAMES[kind],
    ),
    topNegatives: d.facts.topNegatives.map(card),
    unanswered: { total: d.facts.unanswered.total, items: d.facts.unanswered.oldest.map(card) },
    complaints: d.facts.complaints,
    employer: employerSection(d, cur, platforms),
    competitors: competitorRows(d, cur),
    sourceHealth: sourceHealthRows(d.sources, d.runs),
    incidents: d.incidents,
  };
}
