/**
 * The MongoDB adapter of the store port (official `mongodb` driver), for production. Tested against
 * FerretDB 1.24 (SQLite backend) and written for both: no multi-document transactions, no pipeline
 * updates, no `$expr`, no partial indexes, no collation (FerretDB 1.24 has none of them).
 *
 * - Layout and the hostile-data rule: mention-codec.ts, schema.ts.
 * - Ingest (race-free new/changed without transactions): ingest.ts; alert intents that survive a
 *   crash between the mention write and the outbox write: alert-journal.ts.
 * - Outbox claims: outbox-ops.ts. Runs, source state, leases (server clock, fencing token): records-ops.ts.
 * - Weekly digest: digest-ops.ts, from roll-ups kept at ingest time (rollup.ts), back-filled by `init()`
 *   when the database has mentions from before them (other processes' `init()` waits meanwhile).
 *
 * `openMongoStore` does no I/O; `init()` connects (bounded by `serverSelectionTimeoutMS`), pings and
 * creates indexes, and throws `StoreUnavailableError` naming the hosts (password redacted). Later, an
 * operation that cannot reach the server also fails with `StoreUnavailableError` (exit code 3).
 */
import { MongoClient } from "mongodb";
import type { ScoredMention } from "../../domain/mention.js";
import type { DigestStore } from "../digest-port.js";
import type { AlertDecider, LeaseStore, Store } from "../store.js";
import { sweepJournal } from "./alert-journal.js";
import {
  clientOptions,
  describeMongoUri,
  isConnectivityError,
  type TimeoutOptions,
  unavailable,
} from "./connection.js";
import { digestOps } from "./digest-ops.js";
import { digestRecords } from "./digest-records.js";
import { importOps } from "./import-ops.js";
import { type IngestHooks, ingestMentions } from "./ingest.js";
import { mentionReads } from "./mention-reads.js";
import { outboxOps } from "./outbox-ops.js";
import { leaseOps, runStateOps, serverNow } from "./records-ops.js";
import { ensureRollups } from "./rollup-build.js";
import { type Collections, collections, ensureSchema, ferretDbVersion } from "./schema.js";

export interface MongoStoreOptions extends TimeoutOptions {
  /** Database name. @default the database in the URI's path, else "repwatch" */
  database?: string;
  /**
   * An ingest round's journal older than this belongs to a round that died: the next ingest copies its
   * stored mentions' intents to the outbox (alert-journal.ts).
   * @default 60000
   */
  pendingGraceMs?: number;
  /** How often (at most) an ingest looks for journals of rounds that died. @default 30000 */
  sweepEveryMs?: number;
  /** Crawl runs are deleted this many days after they were last written (TTL index; not on FerretDB 1.24). @default 400 */
  runRetentionDays?: number;
  /** Test seam: see IngestHooks. */
  hooks?: IngestHooks;
}

export interface MongoStore extends Store, LeaseStore, DigestStore {
  /** `host:port` list of the connection string (never the credentials). */
  readonly hosts: string;
  readonly database: string;
  /** Whether old crawl runs and claim records expire by TTL index (false on FerretDB 1.24). Known after `init()`. */
  hasTtl(): boolean;
  /** FerretDB's version when the server is FerretDB (known after `init()`). */
  ferretDb(): string | undefined;
  /** Bulk copy of stored data, for `repwatch migrate` (after `init()`). */
  importer(): ReturnType<typeof importOps>;
}

export function openMongoStore(uri: string, options: MongoStoreOptions = {}): MongoStore {
  const info = describeMongoUri(uri);
  const database = options.database ?? info.database ?? "repwatch";
  const graceMs = options.pendingGraceMs ?? 60_000;
  const sweepEveryMs = options.sweepEveryMs ?? 30_000;
  let client: MongoClient | undefined;
  let c: Collections | undefined;
  let closed = false;
  let ttl = false;
  let nextSweep = 0;
  let ferretdb: string | undefined;
  const journal: { finished?: string } = {};

  function ready(): Collections {
    if (c) return c;
    throw new Error(
      closed
        ? `MongoDB store ${info.hosts}/${database} is closed`
        : `MongoDB store ${info.hosts}/${database} is not initialised: call init() first`,
    );
  }

  /** Run an operation; "cannot reach the server" becomes StoreUnavailableError naming the hosts. */
  async function guard<T>(op: (c: Collections) => Promise<T>): Promise<T> {
    const cols = ready();
    try {
      return await op(cols);
    } catch (err) {
      if (isConnectivityError(err)) throw unavailable("lost", uri, err);
      throw err;
    }
  }

  async function maybeSweep(cols: Collections, decide: AlertDecider): Promise<number> {
    if (Date.now() < nextSweep) return 0;
    nextSweep = Date.now() + sweepEveryMs;
    return sweepJournal(cols, graceMs, decide);
  }

  const clock = async () => serverNow(client!.db(database));
  const leases = () => leaseOps(ready(), clock);
  const digests = (cols: Collections) => digestOps(cols, client!.db(database));

  return {
    hosts: info.hosts,
    database,
    hasTtl: () => ttl,
    ferretDb: () => ferretdb,
    importer: () => importOps(ready(), digestRecords(client!.db(database))),

    async init() {
      if (c) return;
      const next = new MongoClient(uri, clientOptions(uri, options));
      try {
        await next.connect();
        const db = next.db(database);
        await db.command({ ping: 1 });
        ferretdb = await ferretDbVersion(db);
        ttl = (await ensureSchema(db, options.runRetentionDays ?? 400)).ttl;
        // the digest roll-ups: back-filled here once (or waited for while another process does it)
        await ensureRollups(collections(db), db);
        client = next;
        c = collections(db);
        closed = false;
      } catch (err) {
        await next.close().catch(() => {});
        throw unavailable("cannot use", uri, err);
      }
    },
    async close() {
      if (!client) return;
      if (journal.finished && c) {
        // the last round's journal: done with (if this fails, a sweep finds its rows already there)
        await c.journal.deleteOne({ _id: journal.finished }).catch(() => {});
        journal.finished = undefined;
      }
      const open = client;
      client = undefined;
      c = undefined;
      closed = true;
      await open.close();
    },

    ingest: (mentions: ScoredMention[], decide, now = new Date()) =>
      guard(async (cols) => {
        const recovered = await maybeSweep(cols, decide);
        const r = await ingestMentions(cols, mentions, decide, now, {
          hooks: options.hooks,
          singleKeyFilters: ferretdb !== undefined,
          journal,
        });
        r.alertsQueued += recovered;
        return r;
      }),
    getMention: (id) => guard((cols) => mentionReads(cols).get(id)),
    findMentions: (query) => guard((cols) => mentionReads(cols).find(query)),
    countMentions: (query = {}) => guard((cols) => mentionReads(cols).count(query)),

    claimAlerts: (claimer, limit, leaseMs, now = new Date()) =>
      guard(async (cols) => {
        if (limit <= 0) return [];
        return outboxOps(cols, ferretdb !== undefined).claim(claimer, limit, leaseMs, now);
      }),
    markAlertSent: (key, receipt, now = new Date()) =>
      guard((cols) => outboxOps(cols).markSent(key, receipt, now)),
    markAlertFailed: (key, error, retryAt) =>
      guard((cols) => outboxOps(cols).markFailed(key, error, retryAt)),
    listAlerts: (filter) => guard((cols) => outboxOps(cols).list(filter)),
    enqueueAlerts: (rows, now = new Date()) => guard((cols) => outboxOps(cols).enqueue(rows, now)),

    recordRun: (run) => guard((cols) => runStateOps(cols).recordRun(run)),
    listRuns: (filter) => guard((cols) => runStateOps(cols).listRuns(filter)),
    getSourceState: (key) => guard((cols) => runStateOps(cols).getSourceState(key)),
    saveSourceState: (state) => guard((cols) => runStateOps(cols).saveSourceState(state)),

    acquireLease: (name, holder, ttlMs, now) => guard(() => leases().acquire(name, holder, ttlMs, now)),
    renewLease: (lease, ttlMs, now) => guard(() => leases().renew(lease, ttlMs, now)),
    releaseLease: (lease) => guard(() => leases().release(lease)),

    digestFacts: (query) => guard((cols) => digests(cols).facts(query)),
    claimDigest: (ref, holder, leaseMs, now = new Date()) =>
      guard((cols) => digests(cols).claim(ref, holder, leaseMs, now)),
    updateDigest: (key, holder, patch, now = new Date()) =>
      guard((cols) => digests(cols).update(key, holder, patch, now)),
    getDigest: (key) => guard((cols) => digests(cols).get(key)),
    listDigests: (filter) => guard((cols) => digests(cols).list(filter)),
  };
}
