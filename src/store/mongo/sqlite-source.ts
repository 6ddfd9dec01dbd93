/**
 * Reads an SQLite store file page by page for `repwatch migrate` (read-only; memory stays flat however
 * large the file). It reads the tables of the SQLite adapter's schema (src/store/sqlite/migrations.ts),
 * after `openSqliteStore(...).init()` has brought the file up to the latest version.
 */
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import type { StoredMention } from "../../domain/mention.js";
import type { DigestRecord } from "../digest-port.js";
import { openSqliteStore } from "../sqlite/sqlite-store.js";
import type { CrawlRun, Lease, OutboxRow, SourceState } from "../store.js";
import { StoreUnavailableError } from "../store.js";

export interface SqlitePages {
  mentions(): Iterable<StoredMention[]>;
  alerts(): Iterable<OutboxRow[]>;
  runs(): Iterable<CrawlRun[]>;
  sourceStates(): Iterable<SourceState[]>;
  leases(): Iterable<(Lease & { acquiredAt: string })[]>;
  digests(): Iterable<DigestRecord[]>;
  close(): void;
}

type Row = Record<string, unknown>;

function* pages<T>(db: Database.Database, table: string, key: string, size: number, map: (r: Row) => T) {
  const stmt = db.prepare(`SELECT * FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`);
  let after = "";
  for (;;) {
    const rows = stmt.all(after, size) as Row[];
    if (rows.length === 0) return;
    yield rows.map(map);
    after = String(rows[rows.length - 1]![key]);
  }
}

const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));

function toOutboxRow(r: Row): OutboxRow {
  const row: OutboxRow = {
    key: r.key as string,
    mentionId: r.mention_id as string,
    ruleId: r.rule_id as string,
    notifierId: r.notifier_id as string,
    severity: r.severity as OutboxRow["severity"],
    change: r.change as OutboxRow["change"],
    state: r.state as OutboxRow["state"],
    attempts: r.attempts as number,
    createdAt: r.created_at as string,
    notBefore: r.not_before as string,
  };
  const optional = {
    claimedBy: opt<string>(r.claimed_by),
    claimedUntil: opt<string>(r.claimed_until),
    sentAt: opt<string>(r.sent_at),
    receipt: opt<string>(r.receipt),
    lastError: opt<string>(r.last_error),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (row as unknown as Row)[k] = v;
  return row;
}

function toDigestRecord(r: Row): DigestRecord {
  const rec: DigestRecord = {
    ...(JSON.parse(r.doc as string) as Partial<DigestRecord>),
    key: r.key as string,
    brandId: r.brand_id as string,
    week: r.week as string,
    channel: r.channel as string,
    state: r.state as DigestRecord["state"],
    attempts: r.attempts as number,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
  const claimedBy = opt<string>(r.claimed_by);
  const claimedUntil = opt<string>(r.claimed_until);
  if (claimedBy !== undefined) rec.claimedBy = claimedBy;
  if (claimedUntil !== undefined) rec.claimedUntil = claimedUntil;
  return rec;
}

/** Open an existing SQLite store file for reading (migrating its schema first). */
export async function openSqlitePages(file: string, pageSize = 1000): Promise<SqlitePages> {
  if (!existsSync(file)) throw new StoreUnavailableError(`no SQLite store at ${file}`);
  const store = openSqliteStore(file);
  await store.init(); // brings an older file's schema up to date (and refuses a newer one)
  await store.close();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    mentions: () =>
      pages(db, "mentions", "id", pageSize, (r) => ({
        ...(JSON.parse(r.doc as string) as StoredMention),
        firstSeenAt: r.first_seen_at as string,
        lastSeenAt: r.last_seen_at as string,
        contentHash: r.content_hash as string,
        version: r.version as number,
      })),
    alerts: () => pages(db, "outbox", "key", pageSize, toOutboxRow),
    runs: () => pages(db, "crawl_runs", "id", pageSize, (r) => JSON.parse(r.doc as string) as CrawlRun),
    sourceStates: () =>
      pages(db, "source_state", "key", pageSize, (r) => JSON.parse(r.doc as string) as SourceState),
    leases: () =>
      pages(db, "leases", "name", pageSize, (r) => ({
        name: r.name as string,
        holder: r.holder as string,
        token: r.token as number,
        acquiredAt: r.acquired_at as string,
        expiresAt: r.expires_at as string,
      })),
    digests: () => pages(db, "digests", "key", pageSize, toDigestRecord),
    close: () => db.close(),
  };
}
