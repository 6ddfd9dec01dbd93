/**
 * The alert outbox of the SQLite store. A row's life:
 *
 *   pending --claim--> sending --markAlertSent--> sent (final)
 *                         |----markAlertFailed(retryAt)--> pending (not before retryAt)
 *                         |----markAlertFailed()---------> failed (final)
 *                         |----claimed_until passes------> claimable again (the claimer crashed)
 *
 * Claims run in an immediate transaction, so two claimers (threads or processes) never get one row.
 */
import type Database from "better-sqlite3";
import type { OutboxIntent, OutboxRow, OutboxState } from "../store.js";

interface OutboxDbRow {
  key: string;
  mention_id: string;
  rule_id: string;
  notifier_id: string;
  severity: OutboxRow["severity"];
  change: OutboxRow["change"];
  state: OutboxState;
  attempts: number;
  created_at: string;
  not_before: string;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  receipt: string | null;
  last_error: string | null;
}

function toOutboxRow(r: OutboxDbRow): OutboxRow {
  const row: OutboxRow = {
    key: r.key,
    mentionId: r.mention_id,
    ruleId: r.rule_id,
    notifierId: r.notifier_id,
    severity: r.severity,
    change: r.change,
    state: r.state,
    attempts: r.attempts,
    createdAt: r.created_at,
    notBefore: r.not_before,
  };
  if (r.claimed_by !== null) row.claimedBy = r.claimed_by;
  if (r.claimed_until !== null) row.claimedUntil = r.claimed_until;
  if (r.sent_at !== null) row.sentAt = r.sent_at;
  if (r.receipt !== null) row.receipt = r.receipt;
  if (r.last_error !== null) row.lastError = r.last_error;
  return row;
}

function byDueOrder(a: OutboxRow, b: OutboxRow): number {
  if (a.notBefore !== b.notBefore) return a.notBefore < b.notBefore ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function outboxOps(db: Database.Database) {
  const claim = db.prepare<{ claimer: string; until: string; now: string; limit: number }, OutboxDbRow>(
    `UPDATE outbox SET state = 'sending', claimed_by = @claimer, claimed_until = @until, attempts = attempts + 1
     WHERE key IN (
       SELECT key FROM (
         SELECT * FROM (
           SELECT key, not_before, created_at FROM outbox
           WHERE state = 'pending' AND not_before <= @now
           ORDER BY not_before, created_at, key LIMIT @limit)
         UNION ALL
         SELECT * FROM (
           SELECT key, not_before, created_at FROM outbox
           WHERE state = 'sending' AND claimed_until < @now
           ORDER BY not_before, created_at, key LIMIT @limit))
       ORDER BY not_before, created_at, key
       LIMIT @limit)
     RETURNING *`,
  );
  const sent = db.prepare(
    `UPDATE outbox SET state = 'sent', sent_at = ?, receipt = ?, claimed_until = NULL, last_error = NULL
     WHERE key = ?`,
  );
  const retry = db.prepare(
    `UPDATE outbox SET state = 'pending', not_before = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
     WHERE key = ?`,
  );
  const fail = db.prepare(
    "UPDATE outbox SET state = 'failed', last_error = ?, claimed_until = NULL WHERE key = ?",
  );
  const insert = db.prepare(
    `INSERT INTO outbox (key, mention_id, rule_id, notifier_id, severity, change, state, attempts, created_at, not_before)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
     ON CONFLICT(key) DO NOTHING`,
  );
  const enqueueTx = db.transaction((rows: OutboxIntent[], nowIso: string) => {
    let added = 0;
    for (const r of rows) {
      const notBefore = r.notBefore === undefined ? nowIso : new Date(r.notBefore).toISOString();
      added += insert.run(
        r.key,
        r.mentionId,
        r.ruleId,
        r.notifierId,
        r.severity,
        r.change,
        nowIso,
        notBefore,
      ).changes;
    }
    return added;
  });
  const listCache = new Map<string, Database.Statement<unknown[], OutboxDbRow>>();

  const claimTx = db.transaction((claimer: string, limit: number, leaseMs: number, now: Date) =>
    claim.all({
      claimer,
      until: new Date(now.getTime() + leaseMs).toISOString(),
      now: now.toISOString(),
      limit,
    }),
  );

  function mustExist(changes: number, key: string): void {
    if (changes === 0) throw new Error(`outbox: no row with key ${JSON.stringify(key)}`);
  }

  return {
    claim(claimer: string, limit: number, leaseMs: number, now: Date): OutboxRow[] {
      if (limit <= 0) return [];
      return claimTx.immediate(claimer, Math.floor(limit), leaseMs, now).map(toOutboxRow).sort(byDueOrder);
    },
    enqueue(rows: OutboxIntent[], now: Date): number {
      return rows.length === 0 ? 0 : enqueueTx.immediate(rows, now.toISOString());
    },
    markSent(key: string, receipt: string | undefined, now: Date): void {
      mustExist(sent.run(now.toISOString(), receipt ?? null, key).changes, key);
    },
    markFailed(key: string, error: string, retryAt: Date | undefined): void {
      const changes = retryAt
        ? retry.run(retryAt.toISOString(), error, key).changes
        : fail.run(error, key).changes;
      mustExist(changes, key);
    },
    list(filter: { state?: OutboxState; mentionId?: string } = {}): OutboxRow[] {
      const clauses: string[] = [];
      const params: string[] = [];
      if (filter.state !== undefined) {
        clauses.push("state = ?");
        params.push(filter.state);
      }
      if (filter.mentionId !== undefined) {
        clauses.push("mention_id = ?");
        params.push(filter.mentionId);
      }
      const sql = `SELECT * FROM outbox${clauses.length ? ` WHERE ${clauses.join(" AND ")}` : ""} ORDER BY created_at, key`;
      let stmt = listCache.get(sql);
      if (!stmt) {
        stmt = db.prepare<unknown[], OutboxDbRow>(sql);
        listCache.set(sql, stmt);
      }
      return stmt.all(...params).map(toOutboxRow);
    },
  };
}
