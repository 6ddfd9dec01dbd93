/**
 * The weekly digest as data: what `aggregate` computes and every renderer (HTML, Markdown, Slack
 * summary) shows. It is also the JSON summary written next to the report, so it holds only plain
 * values. Scraped strings in it (titles, snippets, authors, terms) are raw: each renderer escapes
 * them for where it puts them.
 */
import type { MentionKind, SentimentLabel } from "../domain/mention.js";
import type { SourceStatus } from "../store/store.js";
import type { WeekRange } from "./week.js";

export const DIGEST_SCHEMA = "repwatch.digest/1";

/** A number this week, the week before, and the change. */
export interface Metric {
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is missing. */
  delta: number | null;
}

export type SentimentCounts = Record<SentimentLabel, number> & { total: number };

export interface RatingStat {
  /** Average of the ratings given (1..5), null when none. */
  avg: number | null;
  /** How many mentions carried a rating. */
  count: number;
}

export interface TrendWeek {
  iso: string;
  monday: string;
  counts: SentimentCounts;
  rating: RatingStat;
}

/** One platform (or kind) this week vs the week before. */
export interface Breakdown {
  key: string;
  /** Display name (the source's `name`, or the kind's). */
  name: string;
  kind: MentionKind;
  current: SentimentCounts;
  previous: SentimentCounts;
  rating: Metric;
  /** Ratings behind `rating.current` and `rating.previous`. */
  ratingCount: number;
  previousRatingCount: number;
}

export interface MentionCard {
  id: string;
  platform: string;
  platformName: string;
  kind: MentionKind;
  url: string;
  title?: string;
  snippet: string;
  author?: string;
  rating?: number;
  /** Risk flag ids (legal-threat, …). */
  risks: string[];
  likes?: number;
  replied: boolean;
  /** publishedAt, else when it was first seen. */
  at: string;
  /** Whole days from `at` to the digest's generation. */
  ageDays: number;
  /** The strongest negative reasons ("хамство", "никому не советую"). */
  reasons: string[];
}

export interface TermTrend {
  term: string;
  current: number;
  previous: number;
}

export interface EmployerSection {
  volume: Metric;
  negativeShare: Metric;
  rating: Metric;
  platforms: string[];
  cons: TermTrend[];
}

export interface CompetitorRow {
  brandId: string;
  name: string;
  /** The digest's own brand. */
  self: boolean;
  volume: Metric;
  /** Share of voice among the brand and its competitors, 0..1. */
  share: Metric;
  negativeShare: Metric;
  rating: Metric;
}

export type HealthVerdict = "ok" | "partial" | "down" | "not-watched";

export interface SourceHealthRow {
  sourceId: string;
  name: string;
  runs: number;
  /** Runs per status this week. */
  statuses: Partial<Record<SourceStatus, number>>;
  verdict: HealthVerdict;
  lastStatus?: SourceStatus;
  lastError?: string;
}

export interface IncidentItem {
  type: "storm" | "attack" | "health";
  id: string;
  /** When it was raised. */
  at: string;
  title: string;
  detail: string;
  /** The anchor mention of a review attack. */
  mention?: MentionCard;
}

export interface Digest {
  schema: typeof DIGEST_SCHEMA;
  brand: { id: string; name: string };
  timezone: string;
  week: WeekRange;
  previousWeek: WeekRange;
  generatedAt: string;
  /** The three numbers that matter. */
  headline: { volume: Metric; negativeShare: Metric; rating: Metric };
  sentiment: { current: SentimentCounts; previous: SentimentCounts };
  /** Oldest first; the last entry is the reported week. */
  trend: TrendWeek[];
  /** Average rating per week (aligned with `trend`) of the most rated platforms. */
  ratingTrends: { platform: string; name: string; points: (number | null)[] }[];
  platforms: Breakdown[];
  kinds: Breakdown[];
  topNegatives: MentionCard[];
  unanswered: { total: number; items: MentionCard[] };
  complaints: TermTrend[];
  employer: EmployerSection | null;
  competitors: CompetitorRow[];
  sourceHealth: SourceHealthRow[];
  incidents: IncidentItem[];
}
