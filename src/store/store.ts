/**
 * The store port: everything the pipeline persists, at the domain level. Two adapters implement
 * it (SQLite, the embedded default; MongoDB for production) and one contract suite
 * (tests/store/contract.ts) runs against both.
 *
 * Guarantees every adapter must give:
 * - `ingest` is idempotent: the same batch twice stores nothing twice and reports `unchanged`.
 * - Each mention is reported `new` exactly once, even when two processes ingest the same
 *   batch at the same time; an edit is reported `changed` exactly once.
 * - Outbox rows are unique per mention × rule and are written together with the mention
 *   (a crash never leaves a new mention without its alert intents).
 */
import type { ChangeStatus, ScoredMention, SentimentLabel, StoredMention } from "../domain/mention.js";

/**
 * Outbox key of one alert intent. The first intent of a mention × rule × notifier gets the base key
 * `${mentionId}#${ruleId}#${notifierId}`; a "changed" intent (an edited review) whose base key is
 * already taken gets `#v<version>` appended, so each detected edit can alert once more and a re-ingest
 * of the same version never does. Every adapter uses this exact scheme.
 */
export function outboxKeyOf(mentionId: string, ruleId: string, notifierId: string, version?: number): string {
  const base = `${mentionId}#${ruleId}#${notifierId}`;
  return version === undefined ? base : `${base}#v${version}`;
}

/** What the alert decision wants enqueued for one mention. */
export interface AlertIntent {
  ruleId: string;
  notifierId: string;
  severity: "info" | "warning" | "critical";
}

/**
 * An outbox row enqueued outside an ingest: a message about several mentions or none (a storm, a review
 * attack, a source's health). `mentionId` then holds an incident id (`storm:…`, `attack:…`, `health:…`),
 * never a mention id; `key` is `outboxKeyOf(mentionId, ruleId, notifierId)`.
 */
export interface OutboxIntent {
  key: string;
  mentionId: string;
  ruleId: string;
  notifierId: string;
  severity: AlertIntent["severity"];
  change: "new" | "changed";
  /** Not before this ISO instant. @default now */
  notBefore?: string;
}

/** Pure decision called inside the ingest for each new/changed mention. */
export type AlertDecider = (mention: StoredMention, change: "new" | "changed") => AlertIntent[];

export interface IngestItemResult {
  id: string;
  status: ChangeStatus;
  alertsQueued: number;
}

export interface IngestResult {
  items: IngestItemResult[];
  new: number;
  changed: number;
  unchanged: number;
  alertsQueued: number;
}

export type OutboxState = "pending" | "sending" | "sent" | "failed";

export interface OutboxRow {
  /** `${mentionId}#${ruleId}#${notifierId}` (+ `#v<version>` for a later edit, see `outboxKeyOf`): unique. */
  key: string;
  mentionId: string;
  ruleId: string;
  notifierId: string;
  severity: AlertIntent["severity"];
  change: "new" | "changed";
  state: OutboxState;
  attempts: number;
  createdAt: string;
  /** Not before this instant (quiet hours, retry backoff). */
  notBefore: string;
  claimedBy?: string;
  claimedUntil?: string;
  sentAt?: string;
  /** Notifier's receipt (Slack `ts`, …). */
  receipt?: string;
  lastError?: string;
}

export type SourceStatus = "ok" | "blocked" | "broken" | "failed" | "degraded" | "deferred";

/** One crawl of one source for one brand target. */
export interface CrawlRun {
  id: string;
  sourceId: string;
  brandId?: string;
  startedAt: string;
  finishedAt?: string;
  status?: SourceStatus;
  pages: number;
  items: number;
  new: number;
  changed: number;
  alerts: number;
  error?: string;
  /** Share of items that had each field. */
  coverage?: Record<string, number>;
}

/** Per (source × target) memory between runs. */
export interface SourceState {
  /** `${sourceId}|${brandId}|${startUrl}` */
  key: string;
  sourceId: string;
  lastRunAt?: string;
  lastStatus?: SourceStatus;
  consecutiveFailures: number;
  /** Ids seen on the most recent first page (incremental stop). */
  lastSeenIds?: string[];
  cursor?: string;
  /** Usual item count per page / field coverage, for broken/degraded detection. */
  usualItems?: number;
  usualCoverage?: Record<string, number>;
  /**
   * The list pages' ETag / Last-Modified / body checksum as of the last crawl that ended `ok` and
   * stored its items: the next crawl sends conditional requests with them (a cron run too).
   */
  pageValidators?: StoredPageValidators[];
}

export interface StoredPageValidators {
  url: string;
  etag?: string;
  lastModified?: string;
  checksum?: string;
}

export interface MentionQuery {
  brandId?: string;
  platform?: string;
  /** Only mentions with this sentiment label. */
  label?: SentimentLabel;
  /** ISO instants, inclusive `from`, exclusive `to`, on publishedAt (firstSeenAt when absent). */
  from?: string;
  to?: string;
  limit?: number;
}

export interface Store {
  /** Open the store and bring its schema up to date (idempotent). */
  init(): Promise<void>;
  close(): Promise<void>;

  /** Upsert a batch; for new/changed mentions enqueue `decide`'s intents in the same unit of work. */
  ingest(mentions: ScoredMention[], decide: AlertDecider, now?: Date): Promise<IngestResult>;
  getMention(id: string): Promise<StoredMention | undefined>;
  findMentions(query: MentionQuery): Promise<StoredMention[]>;
  countMentions(query?: MentionQuery): Promise<number>;

  /** Claim up to `limit` due pending rows for `claimer` for `leaseMs` (a crashed claimer's rows return). */
  claimAlerts(claimer: string, limit: number, leaseMs: number, now?: Date): Promise<OutboxRow[]>;
  markAlertSent(key: string, receipt: string | undefined, now?: Date): Promise<void>;
  /** `retryAt` set: back to pending then; absent: failed for good. */
  markAlertFailed(key: string, error: string, retryAt?: Date): Promise<void>;
  listAlerts(filter?: { state?: OutboxState; mentionId?: string }): Promise<OutboxRow[]>;
  /**
   * Optional: enqueue pending rows not tied to an ingest (incident messages). A key already present is
   * left as it is (idempotent); returns how many rows were added.
   */
  enqueueAlerts?(rows: OutboxIntent[], now?: Date): Promise<number>;

  recordRun(run: CrawlRun): Promise<void>;
  listRuns(filter?: { sourceId?: string; limit?: number }): Promise<CrawlRun[]>;
  getSourceState(key: string): Promise<SourceState | undefined>;
  saveSourceState(state: SourceState): Promise<void>;
}

/** A named, time-limited lock (scheduler runs, one source crawled by one process at a time). */
export interface Lease {
  name: string;
  holder: string;
  /**
   * Fencing token: grows on every change of holder (or re-acquisition after expiry) and is never
   * reused for a name, so a stale holder's writes can be told apart from the current holder's.
   */
  token: number;
  expiresAt: string;
}

/** Optional capability of a store: leases (issue 5). `hasLeases(store)` tells whether an adapter has it. */
export interface LeaseStore {
  /** Take the lease if free or expired (or extend it when `holder` already holds it); undefined when held by another. */
  acquireLease(name: string, holder: string, ttlMs: number, now?: Date): Promise<Lease | undefined>;
  /** Extend a lease still held with this token; undefined when it was lost (expired and taken, or released). */
  renewLease(lease: Lease, ttlMs: number, now?: Date): Promise<Lease | undefined>;
  /** Give the lease up (no-op when it is no longer held with this token). */
  releaseLease(lease: Lease): Promise<void>;
}

export function hasLeases(store: Store): store is Store & LeaseStore {
  const s = store as Partial<LeaseStore>;
  return (
    typeof s.acquireLease === "function" &&
    typeof s.renewLease === "function" &&
    typeof s.releaseLease === "function"
  );
}

/** The store could not be reached or opened: exit code 3. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreUnavailableError";
  }
}

/** Optional capability of a store: the weekly digest's aggregation and publication records. */
export { type DigestStore, hasDigest } from "./digest-port.js";
