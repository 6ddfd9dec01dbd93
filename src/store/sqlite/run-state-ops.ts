/** Crawl runs, per-source state and leases of the SQLite store. */
import type Database from "better-sqlite3";
import type { CrawlRun, Lease, SourceState } from "../store.js";

interface LeaseRow {
  name: string;
  holder: string;
  token: number;
  expires_at: string;
}

const toLease = (r: LeaseRow): Lease => ({
  name: r.name,
  holder: r.holder,
  token: r.token,
  expiresAt: r.expires_at,
});

export function runStateOps(db: Database.Database) {
  const upsertRun = db.prepare(
    `INSERT INTO crawl_runs (id, source_id, brand_id, started_at, status, doc) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET source_id = excluded.source_id, brand_id = excluded.brand_id,
       started_at = excluded.started_at, status = excluded.status, doc = excluded.doc`,
  );
  const runsAll = db.prepare<[number], { doc: string }>(
    "SELECT doc FROM crawl_runs ORDER BY started_at DESC, rowid DESC LIMIT ?",
  );
  const runsBySource = db.prepare<[string, number], { doc: string }>(
    "SELECT doc FROM crawl_runs WHERE source_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?",
  );
  const getState = db.prepare<[string], { doc: string }>("SELECT doc FROM source_state WHERE key = ?");
  const upsertState = db.prepare(
    `INSERT INTO source_state (key, source_id, doc) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET source_id = excluded.source_id, doc = excluded.doc`,
  );

  return {
    recordRun(run: CrawlRun): void {
      upsertRun.run(
        run.id,
        run.sourceId,
        run.brandId ?? null,
        run.startedAt,
        run.status ?? null,
        JSON.stringify(run),
      );
    },
    listRuns(filter: { sourceId?: string; limit?: number } = {}): CrawlRun[] {
      const limit = filter.limit === undefined ? -1 : Math.max(0, Math.floor(filter.limit));
      const rows =
        filter.sourceId === undefined ? runsAll.all(limit) : runsBySource.all(filter.sourceId, limit);
      return rows.map((r) => JSON.parse(r.doc) as CrawlRun);
    },
    getSourceState(key: string): SourceState | undefined {
      const row = getState.get(key);
      return row ? (JSON.parse(row.doc) as SourceState) : undefined;
    },
    saveSourceState(state: SourceState): void {
      upsertState.run(state.key, state.sourceId, JSON.stringify(state));
    },
  };
}

/**
 * Leases with fencing tokens. A released lease keeps its row (expired) so the token keeps growing:
 * tokens are never reused for a name.
 */
export function leaseOps(db: Database.Database) {
  const select = db.prepare<[string], LeaseRow>(
    "SELECT name, holder, token, expires_at FROM leases WHERE name = ?",
  );
  const insert = db.prepare(
    "INSERT INTO leases (name, holder, token, acquired_at, expires_at) VALUES (?, ?, 1, ?, ?)",
  );
  const take = db.prepare(
    "UPDATE leases SET holder = ?, token = token + 1, acquired_at = ?, expires_at = ? WHERE name = ?",
  );
  const extend = db.prepare("UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ? AND token = ?");
  const release = db.prepare(
    "UPDATE leases SET expires_at = acquired_at WHERE name = ? AND holder = ? AND token = ? AND expires_at > acquired_at",
  );

  const acquireTx = db.transaction((name: string, holder: string, ttlMs: number, now: Date) => {
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + ttlMs).toISOString();
    const row = select.get(name);
    if (!row) insert.run(name, holder, nowIso, until);
    else if (row.holder === holder && row.expires_at > nowIso) extend.run(until, name, holder, row.token);
    else if (row.expires_at <= nowIso) take.run(holder, nowIso, until, name);
    else return undefined;
    return toLease(select.get(name)!);
  });
  const renewTx = db.transaction((lease: Lease, ttlMs: number, now: Date) => {
    const row = select.get(lease.name);
    if (!row || row.holder !== lease.holder || row.token !== lease.token) return undefined;
    if (row.expires_at <= now.toISOString()) return undefined;
    extend.run(new Date(now.getTime() + ttlMs).toISOString(), lease.name, lease.holder, lease.token);
    return toLease(select.get(lease.name)!);
  });

  return {
    acquire: (name: string, holder: string, ttlMs: number, now: Date): Lease | undefined =>
      acquireTx.immediate(name, holder, ttlMs, now),
    renew: (lease: Lease, ttlMs: number, now: Date): Lease | undefined =>
      renewTx.immediate(lease, ttlMs, now),
    release(lease: Lease): void {
      release.run(lease.name, lease.holder, lease.token);
    },
  };
}
