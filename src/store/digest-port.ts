/**
 * The weekly digest's part of the store port: an optional capability, like leases. An adapter that has
 * it aggregates in the store (SQL over a covering index on SQLite; on MongoDB, roll-ups kept at ingest
 * time, src/store/mongo/rollup.ts): building one brand's week never loads the week's mentions into
 * memory, only grouped counts and a few top lists.
 *
 * Every adapter computes exactly the same answer (the contract suite, tests/store/contract-digest.ts):
 *
 *   part          | rows                                   | order / limit
 *   --------------+----------------------------------------+----------------------------------------------
 *   cells         | all the brand's mentions with          | grouped by week × platform × kind × label
 *                 |   bounds[0] <= at < bounds[n]          |   (`at`: publishedAt, else firstSeenAt)
 *   topNegatives  | negatives of the last week             | most risk flags, lowest rating (none = 3),
 *                 |                                        |   most likes (none = 0), newest, id; `top`
 *   unanswered    | negatives of the last week without a   | oldest first, then id; `unanswered` items and
 *                 |   company reply                        |   the total count
 *   complaints    | reasons of negatives, weight < 0, not  | per term (lower case, ё = е): count in the
 *                 |   the rating nor a structural note     |   last week and the one before; see rankTerms
 *                 |   (NON_PHRASE_NOTES), last and         |
 *                 |   previous week                        |
 *   employerCons  | the same over employer-kind mentions   | the same
 *                 |   of any label                         |
 *   incidents     | outbox rows of the brand's incidents   | one per incident id, first created first
 *                 |   created in the last week             |
 *
 * The listed mentions (topNegatives, unanswered) are as stored, except `lastSeenAt`: the MongoDB
 * adapter reports when their current version was stored, not the latest time a crawl saw them again
 * (recording every sighting would grow its roll-ups by a document per crawl round; see
 * mongo/rollup.ts). The digest does not show it.
 */
import type { MentionKind, SentimentLabel, StoredMention } from "../domain/mention.js";
import type { OutboxState, Store } from "./store.js";

export interface DigestFactsQuery {
  brandId: string;
  /**
   * Week boundaries as ISO instants, ascending: week `i` is [bounds[i], bounds[i+1]). At least two
   * (one week). The last week is the reported one, the one before it its comparison.
   */
  bounds: string[];
  /** Lists for the last week; absent: cells only (a competitor's volume). */
  detail?: { top: number; unanswered: number; terms: number };
}

/** Mentions of one week × platform × kind × label. */
export interface VolumeCell {
  /** Index into the query's weeks (0 = oldest). */
  week: number;
  platform: string;
  kind: MentionKind;
  label: SentimentLabel;
  count: number;
  /** How many of them carry a rating, and the sum of those ratings. */
  rated: number;
  ratingSum: number;
}

export interface TermCount {
  term: string;
  /** Mentions' reasons naming it in the last week. */
  current: number;
  /** …and in the week before. */
  previous: number;
}

export interface IncidentRecord {
  /** The incident id (`storm:…`, `attack:…`, `health:…`, see src/alert/incident-ids.ts). */
  id: string;
  ruleId: string;
  firstCreatedAt: string;
  /** Delivery states of its outbox rows (one per notifier). */
  states: OutboxState[];
}

export interface DigestFacts {
  cells: VolumeCell[];
  topNegatives: StoredMention[];
  unanswered: { total: number; oldest: StoredMention[] };
  complaints: TermCount[];
  employerCons: TermCount[];
  incidents: IncidentRecord[];
}

export type DigestState = "pending" | "sending" | "sent" | "failed";

/**
 * One digest publication: brand × week × channel, unique by `key`. Its progress is saved step by step,
 * so a job that dies half way resumes where it stopped and never posts or uploads twice.
 */
export interface DigestRecord {
  /** `digest:<brand>:<week>#<channel>` (digestKeyOf). */
  key: string;
  brandId: string;
  week: string;
  channel: string;
  state: DigestState;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  claimedBy?: string;
  claimedUntil?: string;
  /** Slack `ts` of the summary message. */
  messageTs?: string;
  /** Slack file id from files.getUploadURLExternal, and where the bytes go. */
  fileId?: string;
  uploadUrl?: string;
  /** The bytes reached the upload URL. */
  uploaded?: boolean;
  /** files.completeUploadExternal shared the file in the summary's thread. */
  shared?: boolean;
  sentAt?: string;
  lastError?: string;
}

/** What a publisher may change on a record it holds. A `state` other than "sending" ends the claim. */
export type DigestPatch = Partial<
  Pick<DigestRecord, "messageTs" | "fileId" | "uploadUrl" | "uploaded" | "shared" | "lastError">
> & { state?: DigestState };

export interface DigestStore {
  /** The aggregates of one brand's weeks (table above). */
  digestFacts(query: DigestFactsQuery): Promise<DigestFacts>;
  /**
   * Take the publication for `holder` for `leaseMs`: created pending when absent, claimed when pending
   * or when another holder's claim has expired (attempts + 1). Undefined when it is sent, failed for
   * good, or held by another holder.
   */
  claimDigest(
    ref: Pick<DigestRecord, "key" | "brandId" | "week" | "channel">,
    holder: string,
    leaseMs: number,
    now?: Date,
  ): Promise<DigestRecord | undefined>;
  /** Save progress on a claimed record; throws when `holder` no longer holds it. */
  updateDigest(key: string, holder: string, patch: DigestPatch, now?: Date): Promise<DigestRecord>;
  getDigest(key: string): Promise<DigestRecord | undefined>;
  listDigests(filter?: { brandId?: string; week?: string }): Promise<DigestRecord[]>;
}

/**
 * Reasons that are not phrases people wrote (the analyser's structural evidence: "pros 1 words, cons 5
 * words", an empty "Pros:" field): never counted as complaints.
 */
export const NON_PHRASE_NOTES = ["pros/cons balance", "no pros", "no cons", "many cons"] as const;

/** Facts with the cells and every list empty: the answer to a query without `detail`. */
export function factsWithCellsOnly(cells: VolumeCell[]): DigestFacts {
  return {
    cells,
    topNegatives: [],
    unanswered: { total: 0, oldest: [] },
    complaints: [],
    employerCons: [],
    incidents: [],
  };
}

export function hasDigest(store: Store): store is Store & DigestStore {
  const s = store as Partial<DigestStore>;
  return typeof s.digestFacts === "function" && typeof s.claimDigest === "function";
}

export function digestKeyOf(brandId: string, week: string, channel: string): string {
  return `digest:${brandId}:${week}#${channel}`;
}

/** A term as the digest groups it: lower case, ё = е, inner whitespace collapsed. */
export function normaliseTerm(term: string): string {
  return term.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

/**
 * Merge raw per-week term counts (week 1 = last, 0 = previous) by normalised term, and keep the `limit`
 * most frequent of the last week (ties: alphabetical), then those of the previous week's `limit` most
 * frequent that vanished (so a complaint that stopped is visible).
 */
export function rankTerms(
  rows: Iterable<{ term: string; week: 0 | 1; count: number }>,
  limit: number,
): TermCount[] {
  const merged = new Map<string, TermCount>();
  for (const r of rows) {
    const term = normaliseTerm(r.term);
    if (!term) continue;
    const t = merged.get(term) ?? { term, current: 0, previous: 0 };
    if (r.week === 1) t.current += r.count;
    else t.previous += r.count;
    merged.set(term, t);
  }
  const all = [...merged.values()];
  const by = (k: "current" | "previous") => (a: TermCount, b: TermCount) =>
    b[k] - a[k] || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
  const top = all
    .filter((t) => t.current > 0)
    .sort(by("current"))
    .slice(0, limit);
  const gone = all
    .filter((t) => t.previous > 0)
    .sort(by("previous"))
    .slice(0, limit)
    .filter((t) => t.current === 0);
  return [...top, ...gone];
}
