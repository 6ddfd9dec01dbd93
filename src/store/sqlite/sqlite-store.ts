/**
 * The embedded SQLite adapter of the store port (better-sqlite3).
 *
 * - WAL mode: readers never block the writer; `busy_timeout` makes a second process wait for the
 *   write lock instead of failing with SQLITE_BUSY.
 * - Every write is one `BEGIN IMMEDIATE` transaction (the write lock is taken up front, so a
 *   read-then-write never meets a stale snapshot): an ingest batch, its outbox rows, a claim.
 * - Schema: numbered migrations (./migrations.ts) applied by `init()`.
 *
 * `openSqliteStore` does no I/O; `init()` opens (creating the parent directory and the file when
 * absent) and migrates, and throws `StoreUnavailableError` naming the file when that fails.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { ScoredMention } from "../../domain/mention.js";
import type { DigestStore } from "../digest-port.js";
import { type LeaseStore, type Store, StoreUnavailableError } from "../store.js";
import { digestOps } from "./digest-ops.js";
import { mentionOps } from "./mention-ops.js";
import { applyMigrations, schemaVersionOf } from "./migrations.js";
import { outboxOps } from "./outbox-ops.js";
import { leaseOps, runStateOps } from "./run-state-ops.js";

export interface SqliteStoreOptions {
  /**
   * How long a write waits for another connection's lock before failing, in ms.
   * @default 15000
   */
  busyTimeoutMs?: number;
}

export interface SqliteStore extends Store, LeaseStore, DigestStore {
  /** Absolute path of the database file (or ":memory:"). */
  readonly path: string;
  /** Schema version of the open database (after `init()`). */
  schemaVersion(): number;
}

interface Opened {
  db: Database.Database;
  mentions: ReturnType<typeof mentionOps>;
  outbox: ReturnType<typeof outboxOps>;
  runs: ReturnType<typeof runStateOps>;
  leases: ReturnType<typeof leaseOps>;
  digests: ReturnType<typeof digestOps>;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

function openDatabase(path: string, busyTimeoutMs: number): Opened {
  let db: Database.Database | undefined;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: busyTimeoutMs });
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    // The first statement that reads the file: a corrupt/non-database file fails here.
    db.pragma("journal_mode = WAL");
    // WAL + NORMAL: durable across a process crash; a power cut may lose the last commits, whole
    // (a batch and its outbox rows go together), and the next crawl re-detects them as new.
    db.pragma("synchronous = NORMAL");
    // 32 MiB page cache (default 2 MiB): keeps the id index hot, ingest stays fast past ~1M mentions.
    db.pragma("cache_size = -32768");
    db.pragma("foreign_keys = ON");
    applyMigrations(db);
    return {
      db,
      mentions: mentionOps(db),
      outbox: outboxOps(db),
      runs: runStateOps(db),
      leases: leaseOps(db),
      digests: digestOps(db),
    };
  } catch (err) {
    try {
      db?.close();
    } catch {
      // already failing; the open error is the one to report
    }
    throw new StoreUnavailableError(`cannot open SQLite store ${path}: ${describe(err)}`, { cause: err });
  }
}

/** A SQLite store on `path` (":memory:" for a private in-memory database). Call `init()` before use. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  const file = path === ":memory:" ? path : resolve(path);
  const busyTimeoutMs = options.busyTimeoutMs ?? 15_000;
  let opened: Opened | undefined;
  let closed = false;

  function ready(): Opened {
    if (opened) return opened;
    throw new Error(
      closed
        ? `SQLite store ${file} is closed`
        : `SQLite store ${file} is not initialised: call init() first`,
    );
  }

  return {
    path: file,
    async init() {
      if (opened) return;
      opened = openDatabase(file, busyTimeoutMs);
      closed = false;
    },
    async close() {
      if (!opened) return;
      const { db } = opened;
      opened = undefined;
      closed = true;
      db.close();
    },
    schemaVersion: () => schemaVersionOf(ready().db),

    async ingest(mentions: ScoredMention[], decide, now = new Date()) {
      return ready().mentions.ingest(mentions, decide, now);
    },
    getMention: async (id) => ready().mentions.get(id),
    findMentions: async (query) => ready().mentions.find(query),
    countMentions: async (query = {}) => ready().mentions.count(query),

    claimAlerts: async (claimer, limit, leaseMs, now = new Date()) =>
      ready().outbox.claim(claimer, limit, leaseMs, now),
    markAlertSent: async (key, receipt, now = new Date()) => ready().outbox.markSent(key, receipt, now),
    markAlertFailed: async (key, error, retryAt) => ready().outbox.markFailed(key, error, retryAt),
    listAlerts: async (filter) => ready().outbox.list(filter),
    enqueueAlerts: async (rows, now = new Date()) => ready().outbox.enqueue(rows, now),

    recordRun: async (run) => ready().runs.recordRun(run),
    listRuns: async (filter) => ready().runs.listRuns(filter),
    getSourceState: async (key) => ready().runs.getSourceState(key),
    saveSourceState: async (state) => ready().runs.saveSourceState(state),

    acquireLease: async (name, holder, ttlMs, now = new Date()) =>
      ready().leases.acquire(name, holder, ttlMs, now),
    renewLease: async (lease, ttlMs, now = new Date()) => ready().leases.renew(lease, ttlMs, now),
    releaseLease: async (lease) => ready().leases.release(lease),

    digestFacts: async (query) => ready().digests.facts(query),
    claimDigest: async (ref, holder, leaseMs, now = new Date()) =>
      ready().digests.claim(ref, holder, leaseMs, now),
    updateDigest: async (key, holder, patch, now = new Date()) =>
      ready().digests.update(key, holder, patch, now),
    getDigest: async (key) => ready().digests.get(key),
    listDigests: async (filter) => ready().digests.list(filter),
  };
}
