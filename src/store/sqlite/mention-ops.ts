/**
 * Mentions of the SQLite store: the ingest unit of work (upsert + new/changed detection + outbox
 * intents, one `BEGIN IMMEDIATE` transaction per batch) and the reads.
 */
import type Database from "better-sqlite3";
import {
  type ChangeStatus,
  contentHashOf,
  type ScoredMention,
  type StoredMention,
} from "../../domain/mention.js";
import {
  type AlertDecider,
  type IngestItemResult,
  type IngestResult,
  type MentionQuery,
  outboxKeyOf,
} from "../store.js";

interface ExistingRow {
  hash: string;
  version: number;
  firstSeenAt: string;
}

interface MentionRow {
  doc: string;
  firstSeenAt: string;
  lastSeenAt: string;
  hash: string;
  version: number;
}

const MENTION_COLUMNS =
  "doc, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, content_hash AS hash, version";

/** ISO instant normalised to `toISOString()` form (string order = time order), or null when unparsable. */
export function normaliseInstant(value: string | undefined): string | null {
  if (value === undefined) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function queryInstant(name: string, value: string): string {
  const iso = normaliseInstant(value);
  if (iso === null)
    throw new RangeError(`findMentions: ${name} must be an ISO instant, got ${JSON.stringify(value)}`);
  return iso;
}

/** The ScoredMention part as JSON: the stored-only fields are columns, the single source of truth. */
function docOf(m: ScoredMention): string {
  if (!("firstSeenAt" in m || "lastSeenAt" in m || "contentHash" in m || "version" in m))
    return JSON.stringify(m);
  const { firstSeenAt: _f, lastSeenAt: _l, contentHash: _c, version: _v, ...rest } = m as StoredMention;
  return JSON.stringify(rest);
}

function toStored(row: MentionRow): StoredMention {
  const m = JSON.parse(row.doc) as ScoredMention;
  return {
    ...m,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    contentHash: row.hash,
    version: row.version,
  };
}

export function mentionOps(db: Database.Database) {
  const selectExisting = db.prepare<[string], ExistingRow>(
    "SELECT content_hash AS hash, version, first_seen_at AS firstSeenAt FROM mentions WHERE id = ?",
  );
  const upsert = db.prepare(
    `INSERT INTO mentions (id, brand_id, platform, key, kind, url, published_at, first_seen_at, last_seen_at, at,
       content_hash, version, rating, label, score, doc)
     VALUES (@id, @brandId, @platform, @key, @kind, @url, @publishedAt, @firstSeenAt, @lastSeenAt, @at,
       @hash, @version, @rating, @label, @score, @doc)
     ON CONFLICT(id) DO UPDATE SET brand_id = excluded.brand_id, platform = excluded.platform, key = excluded.key,
       kind = excluded.kind, url = excluded.url, published_at = excluded.published_at,
       last_seen_at = excluded.last_seen_at, at = excluded.at, content_hash = excluded.content_hash,
       version = excluded.version, rating = excluded.rating, label = excluded.label, score = excluded.score,
       doc = excluded.doc`,
  );
  const touch = db.prepare("UPDATE mentions SET last_seen_at = MAX(last_seen_at, ?) WHERE id = ?");
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (key, mention_id, rule_id, notifier_id, severity, change, state, attempts, created_at, not_before)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
     ON CONFLICT(key) DO NOTHING`,
  );
  const selectOne = db.prepare<[string], MentionRow>(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE id = ?`);
  const queryCache = new Map<string, Database.Statement>();

  function ingestOne(m: ScoredMention, decide: AlertDecider, nowIso: string): IngestItemResult {
    const hash = contentHashOf(m);
    const existing = selectExisting.get(m.id);
    if (existing && existing.hash === hash) {
      touch.run(nowIso, m.id);
      return { id: m.id, status: "unchanged", alertsQueued: 0 };
    }
    const status: ChangeStatus = existing ? "changed" : "new";
    const firstSeenAt = existing ? existing.firstSeenAt : nowIso;
    const version = existing ? existing.version + 1 : 1;
    const publishedAt = normaliseInstant(m.publishedAt);
    upsert.run({
      id: m.id,
      brandId: m.brandId,
      platform: m.platform,
      key: m.key,
      kind: m.kind,
      url: m.url,
      publishedAt,
      firstSeenAt,
      lastSeenAt: nowIso,
      at: publishedAt ?? firstSeenAt,
      hash,
      version,
      rating: m.rating ?? null,
      label: m.analysis.label,
      score: m.analysis.score,
      doc: docOf(m),
    });
    const stored: StoredMention = { ...m, firstSeenAt, lastSeenAt: nowIso, contentHash: hash, version };
    let alertsQueued = 0;
    for (const intent of decide(stored, status)) {
      const enqueue = (key: string) =>
        insertOutbox.run(key, m.id, intent.ruleId, intent.notifierId, intent.severity, status, nowIso, nowIso)
          .changes;
      let added = enqueue(outboxKeyOf(m.id, intent.ruleId, intent.notifierId));
      if (added === 0 && status === "changed") {
        added = enqueue(outboxKeyOf(m.id, intent.ruleId, intent.notifierId, version));
      }
      alertsQueued += added;
    }
    return { id: m.id, status, alertsQueued };
  }

  const ingestBatch = db.transaction((mentions: ScoredMention[], decide: AlertDecider, nowIso: string) => {
    const result: IngestResult = { items: [], new: 0, changed: 0, unchanged: 0, alertsQueued: 0 };
    for (const m of mentions) {
      const item = ingestOne(m, decide, nowIso);
      result.items.push(item);
      result[item.status] += 1;
      result.alertsQueued += item.alertsQueued;
    }
    return result;
  });

  /** WHERE clause + params of a query; the statement text depends only on which filters are set. */
  function where(q: MentionQuery): { sql: string; params: string[] } {
    const clauses: string[] = [];
    const params: string[] = [];
    if (q.brandId !== undefined) {
      clauses.push("brand_id = ?");
      params.push(q.brandId);
    }
    if (q.platform !== undefined) {
      clauses.push("platform = ?");
      params.push(q.platform);
    }
    if (q.label !== undefined) {
      clauses.push("label = ?");
      params.push(q.label);
    }
    if (q.from !== undefined) {
      clauses.push("at >= ?");
      params.push(queryInstant("from", q.from));
    }
    if (q.to !== undefined) {
      clauses.push("at < ?");
      params.push(queryInstant("to", q.to));
    }
    return { sql: clauses.length ? ` WHERE ${clauses.join(" AND ")}` : "", params };
  }

  function cached(sql: string): Database.Statement {
    let stmt = queryCache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      queryCache.set(sql, stmt);
    }
    return stmt;
  }

  return {
    ingest(mentions: ScoredMention[], decide: AlertDecider, now: Date): IngestResult {
      return ingestBatch.immediate(mentions, decide, now.toISOString());
    },
    get(id: string): StoredMention | undefined {
      const row = selectOne.get(id);
      return row ? toStored(row) : undefined;
    },
    find(q: MentionQuery): StoredMention[] {
      const w = where(q);
      const sql = `SELECT ${MENTION_COLUMNS} FROM mentions${w.sql} ORDER BY at DESC, id DESC LIMIT ?`;
      const limit = q.limit === undefined ? -1 : Math.max(0, Math.floor(q.limit));
      const rows = cached(sql).all(...w.params, limit) as MentionRow[];
      return rows.map(toStored);
    },
    count(q: MentionQuery): number {
      const w = where(q);
      const row = cached(`SELECT COUNT(*) AS n FROM mentions${w.sql}`).get(...w.params) as { n: number };
      return row.n;
    },
  };
}
