/**
 * Collections and indexes of the MongoDB store, created idempotently by `init()` (createIndexes with
 * the same name and spec is a no-op), and the schema version kept in `meta`.
 *
 * | collection    | _id                  | holds                                                   |
 * |---------------|----------------------|---------------------------------------------------------|
 * | mentions      | mention id (natural) | mention-codec.ts: typed query fields + the mention JSON |
 * | mention_edits | `<id>#v<version>`    | each version ≥ 2 as first written: who won an edit      |
 * | outbox        | outbox key           | one alert intent and its delivery state                 |
 * | outbox_claims | `<key>#<attempt>`    | who won each delivery attempt; TTL on `until`           |
 * | ingest_journal| ingest round token   | the mention ids of a round in flight (alert-journal.ts) |
 * | crawl_runs    | run id               | run JSON + query fields; TTL on `recordedAt`            |
 * | source_state  | state key            | state JSON                                              |
 * | leases        | lease name           | holder, fencing token, expiry (the current view)        |
 * | lease_tokens  | `<name>#<token>`     | who won each fencing token                              |
 * | meta          | "schema", "rollup"   | { version }; the digest roll-ups' generation and state  |
 * | dg_c_*, dg_n_*, dg_p_* | writer / `<id>#v<n>` | digest roll-ups per brand × UTC week (rollup.ts) |
 *
 * Why the `*_edits`/`*_claims`/`*_tokens` collections: every race is decided by INSERTING a document
 * with a unique `_id` (the version, attempt or token being taken), never by a conditional update.
 * An insert with a unique key is atomic on every MongoDB-compatible server; a conditional update is
 * atomic on MongoDB but NOT on FerretDB 1.24, whose update reads the matching documents and then
 * writes them back whole, by _id, in a separate step (two "compare-and-set" updates both succeed).
 * The winner of the insert then updates the current-state document (mentions, outbox, leases) with
 * a conditional update; a process that finds a won-but-unapplied insert applies it ("helping"), so
 * a winner that dies in between blocks nobody.
 */
import type { Db, IndexDescription, WithoutId } from "mongodb";
import type { MentionDoc } from "./mention-codec.js";
import type { Contribution } from "./rollup-model.js";

/** 2: the digest roll-ups (rollup.ts), back-filled once by the first process that starts. */
export const SCHEMA_VERSION = 2;

export const COLLECTIONS = {
  mentions: "mentions",
  edits: "mention_edits",
  outbox: "outbox",
  claims: "outbox_claims",
  journal: "ingest_journal",
  runs: "crawl_runs",
  sourceState: "source_state",
  leases: "leases",
  leaseTokens: "lease_tokens",
  meta: "meta",
} as const;

export interface OutboxDoc {
  _id: string;
  mentionId: string;
  ruleId: string;
  notifierId: string;
  severity: "info" | "warning" | "critical";
  change: "new" | "changed";
  state: "pending" | "sending" | "sent" | "failed";
  attempts: number;
  createdAt: Date;
  notBefore: Date;
  /** Version of the mention this row alerts about (absent on incident rows and rows migrated from SQLite). */
  mentionVersion?: number;
  claimedBy?: string;
  claimedUntil?: Date;
  sentAt?: Date;
  receipt?: string;
  lastError?: string;
}

/** One ingest round in flight: the mentions it may insert or edit (alert-journal.ts). */
export interface JournalDoc {
  _id: string;
  /** Wall-clock time of the round: a journal older than the grace period belongs to a round that died. */
  at: Date;
  /** The round's mention ids (those it inserted carry `insertedBy`, its edits `round` = this `_id`). */
  candidates: string[];
}

/** A version ≥ 2 of a mention, as its writer won it (see the header). */
export interface EditDoc {
  _id: string;
  mentionId: string;
  version: number;
  /** The ingest round that won this version (its journal's `_id`). */
  round: string;
  createdAt: Date;
  mention: WithoutId<MentionDoc>;
  /** The digest contribution of the version this one replaces (rollup.ts; absent on older records). */
  prev?: Contribution | null;
}

/** Delivery attempt `attempt` of outbox row `key`, won by `claimer` until `until`. */
export interface ClaimDoc {
  _id: string;
  key: string;
  attempt: number;
  claimer: string;
  until: Date;
}

/** Fencing token `token` of lease `name`, won by `holder`. */
export interface LeaseTokenDoc {
  _id: string;
  name: string;
  holder: string;
  token: number;
  acquiredAt: Date;
  expiresAt: Date;
}

export interface RunDoc {
  _id: string;
  sourceId: string;
  brandId: string | null;
  startedAt: Date;
  status: string | null;
  /** The CrawlRun as JSON (coverage keys are scraped field names). */
  doc: string;
  /** When this row was last written: the TTL index's field (a real BSON Date, so the TTL applies). */
  recordedAt: Date;
}

export interface SourceStateDoc {
  _id: string;
  sourceId: string;
  doc: string;
}

export interface LeaseDoc {
  _id: string;
  holder: string;
  token: number;
  acquiredAt: Date;
  expiresAt: Date;
}

/** The digest roll-ups' state (`meta` document "rollup", rollup.ts). */
export interface RollupMetaDoc {
  _id: string;
  /** building: a back-fill runs (until `until`); ready: roll-ups are complete; stale: to be rebuilt. */
  state: "building" | "ready" | "stale";
  /** The generation: state documents and back-fill deltas belong to one. */
  gen: string;
  until?: Date;
  updatedAt: Date;
}

export interface MetaDoc {
  _id: string;
  version: number;
  updatedAt: Date;
}

export function collections(db: Db) {
  return {
    mentions: db.collection<MentionDoc>(COLLECTIONS.mentions),
    edits: db.collection<EditDoc>(COLLECTIONS.edits),
    outbox: db.collection<OutboxDoc>(COLLECTIONS.outbox),
    claims: db.collection<ClaimDoc>(COLLECTIONS.claims),
    journal: db.collection<JournalDoc>(COLLECTIONS.journal),
    runs: db.collection<RunDoc>(COLLECTIONS.runs),
    sourceState: db.collection<SourceStateDoc>(COLLECTIONS.sourceState),
    leases: db.collection<LeaseDoc>(COLLECTIONS.leases),
    leaseTokens: db.collection<LeaseTokenDoc>(COLLECTIONS.leaseTokens),
    meta: db.collection<MetaDoc>(COLLECTIONS.meta),
    rollupMeta: db.collection<RollupMetaDoc>(COLLECTIONS.meta),
    /** The database itself: the digest roll-ups live in collections per brand × week (rollup.ts). */
    db,
  };
}
export type Collections = ReturnType<typeof collections>;

const INDEXES: Record<string, IndexDescription[]> = {
  [COLLECTIONS.mentions]: [
    // one brand's week, newest first (the digest, the CLI); also brand-only queries
    { key: { brandId: 1, at: -1, _id: -1 }, name: "brand_at" },
    // the crawl's "already seen" lookup: one brand on one platform
    { key: { brandId: 1, platform: 1, at: -1 }, name: "brand_platform_at" },
    { key: { label: 1, at: -1 }, name: "label_at" },
    { key: { at: -1, _id: -1 }, name: "at" },
  ],
  [COLLECTIONS.outbox]: [
    // claims: due pending rows (and expired sending rows) in (notBefore, createdAt, _id) order
    { key: { state: 1, notBefore: 1, createdAt: 1, _id: 1 }, name: "state_due" },
    { key: { mentionId: 1 }, name: "mention" },
    { key: { createdAt: 1, _id: 1 }, name: "created" },
  ],
  [COLLECTIONS.edits]: [{ key: { round: 1 }, name: "round" }],
  [COLLECTIONS.runs]: [
    { key: { startedAt: -1, _id: -1 }, name: "started" },
    { key: { sourceId: 1, startedAt: -1, _id: -1 }, name: "source_started" },
  ],
};

/** Error code of "not implemented" on FerretDB (and "not supported" options in general). */
const NOT_IMPLEMENTED = 238;
const INDEX_OPTIONS_CONFLICT = 85;
export const DUPLICATE_KEY = 11000;

/**
 * A TTL index on a BSON Date field (a TTL index on a string field silently never expires anything).
 * Returns false where TTL indexes are not implemented (FerretDB 1.24: 'Index option
 * "expireAfterSeconds" is not implemented yet'): there those documents stay until deleted by hand.
 */
async function ttlIndex(
  db: Db,
  collection: string,
  field: string,
  name: string,
  days: number,
): Promise<boolean> {
  const expireAfterSeconds = Math.round(days * 86_400);
  try {
    await db.collection(collection).createIndex({ [field]: 1 }, { name, expireAfterSeconds });
    return true;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === NOT_IMPLEMENTED) return false;
    if (code !== INDEX_OPTIONS_CONFLICT) throw err;
    // the retention changed since the index was made: change it in place
    await db.command({ collMod: collection, index: { name, expireAfterSeconds } });
    return true;
  }
}

/** Days a delivery-attempt record is kept after its claim expired (it only matters while the claim runs). */
const CLAIM_RETENTION_DAYS = 30;

/**
 * Create the indexes (idempotent) and record the schema version. Refuses a database written by a newer
 * repwatch. Returns whether TTL indexes exist (false on FerretDB 1.24).
 */
export async function ensureSchema(db: Db, runRetentionDays: number): Promise<{ ttl: boolean }> {
  const c = collections(db);
  const meta = await c.meta.findOne({ _id: "schema" });
  if (meta && meta.version > SCHEMA_VERSION) {
    throw new Error(
      `schema version ${meta.version} is newer than this repwatch knows (${SCHEMA_VERSION}); upgrade repwatch`,
    );
  }
  for (const [name, indexes] of Object.entries(INDEXES)) {
    // one at a time: FerretDB 1.24 drops the connection (a recovered panic, "slice bounds out of
    // range") on a createIndexes command with several indexes some of which already exist
    for (const index of indexes) await db.collection(name).createIndexes([index]);
  }
  const ttl = await ttlIndex(db, COLLECTIONS.runs, "recordedAt", "recorded_ttl", runRetentionDays);
  if (ttl) await ttlIndex(db, COLLECTIONS.claims, "until", "until_ttl", CLAIM_RETENTION_DAYS);
  if (!meta || meta.version < SCHEMA_VERSION) {
    try {
      await c.meta.updateOne(
        { _id: "schema" },
        { $max: { version: SCHEMA_VERSION }, $set: { updatedAt: new Date() } },
        { upsert: true },
      );
    } catch (err) {
      // two processes initialising a fresh database at once: the other one's upsert won
      if ((err as { code?: unknown }).code !== DUPLICATE_KEY) throw err;
    }
  }
  return { ttl };
}

/** FerretDB's version when the server is FerretDB (its buildInfo says so), else undefined. */
export async function ferretDbVersion(db: Db): Promise<string | undefined> {
  const info = await db.command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === "string" ? info.ferretdbVersion : undefined;
}
