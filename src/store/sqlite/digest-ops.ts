/**
 * The weekly digest on the SQLite store: aggregation in SQL (grouped counts over the (brand_id, at)
 * index, JSON functions only over one or two weeks' negatives) and the publication records.
 * See ../digest-port.ts for what each part means; every ordering there is reproduced exactly here.
 */
import type Database from "better-sqlite3";
import type { MentionKind, SentimentLabel, StoredMention } from "../../domain/mention.js";
import {
  type DigestFacts,
  type DigestFactsQuery,
  type DigestPatch,
  type DigestRecord,
  type DigestState,
  factsWithCellsOnly,
  type IncidentRecord,
  NON_PHRASE_NOTES,
  rankTerms,
  type VolumeCell,
} from "../digest-port.js";
import type { OutboxState } from "../store.js";
import { normaliseInstant } from "./mention-ops.js";

interface MentionRow {
  doc: string;
  firstSeenAt: string;
  lastSeenAt: string;
  hash: string;
  version: number;
}

const COLUMNS =
  "doc, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, content_hash AS hash, version";

const toStored = (row: MentionRow): StoredMention => ({
  ...JSON.parse(row.doc),
  firstSeenAt: row.firstSeenAt,
  lastSeenAt: row.lastSeenAt,
  contentHash: row.hash,
  version: row.version,
});

interface DigestRow {
  key: string;
  brand_id: string;
  week: string;
  channel: string;
  state: DigestState;
  attempts: number;
  created_at: string;
  updated_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  doc: string;
}

function toRecord(r: DigestRow): DigestRecord {
  const rec: DigestRecord = {
    key: r.key,
    brandId: r.brand_id,
    week: r.week,
    channel: r.channel,
    state: r.state,
    attempts: r.attempts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(JSON.parse(r.doc) as Partial<DigestRecord>),
  };
  if (r.claimed_by !== null) rec.claimedBy = r.claimed_by;
  if (r.claimed_until !== null) rec.claimedUntil = r.claimed_until;
  return rec;
}

function instant(value: string): string {
  const iso = normaliseInstant(value);
  if (iso === null)
    throw new RangeError(`digestFacts: bounds must be ISO instants, got ${JSON.stringify(value)}`);
  return iso;
}

/** The smallest string greater than every string starting with `prefix`. */
const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

const REASON_TERMS = `
  SELECT CASE WHEN m.at >= @mid THEN 1 ELSE 0 END AS week, json_extract(r.value, '$.term') AS term,
    COUNT(*) AS count
  FROM mentions m, json_each(m.doc, '$.analysis.reasons') r
  WHERE m.brand_id = @brand AND m.at >= @from AND m.at < @to AND %FILTER%
    AND json_extract(r.value, '$.weight') < 0
    AND COALESCE(json_extract(r.value, '$.field'), '') <> 'rating'
    AND COALESCE(json_extract(r.value, '$.note'), '') NOT IN (%NOTES%)
    AND json_type(r.value, '$.term') = 'text'
  GROUP BY 1, 2`;

export function digestOps(db: Database.Database) {
  const cellCache = new Map<number, Database.Statement>();
  const cellsStmt = (weeks: number) => {
    let stmt = cellCache.get(weeks);
    if (!stmt) {
      const cases = Array.from({ length: weeks - 1 }, (_, i) => `WHEN at < @b${i + 1} THEN ${i}`).join(" ");
      stmt = db.prepare(
        `SELECT ${weeks > 1 ? `CASE ${cases} ELSE ${weeks - 1} END` : "0"} AS week, platform, kind, label,
           COUNT(*) AS count, COUNT(rating) AS rated, TOTAL(rating) AS ratingSum
         FROM mentions WHERE brand_id = @brand AND at >= @b0 AND at < @b${weeks}
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      );
      cellCache.set(weeks, stmt);
    }
    return stmt;
  };
  const weekNegatives = "brand_id = @brand AND at >= @from AND at < @to AND label = 'negative'";
  const top = db.prepare(
    `SELECT ${COLUMNS} FROM mentions WHERE ${weekNegatives}
     ORDER BY COALESCE(json_array_length(doc, '$.analysis.risks'), 0) DESC, COALESCE(rating, 3) ASC,
       COALESCE(json_extract(doc, '$.likes'), 0) DESC, at DESC, id ASC
     LIMIT @limit`,
  );
  const unansweredWhere = `${weekNegatives} AND COALESCE(json_type(doc, '$.reply'), 'null') = 'null'`;
  const unansweredCount = db.prepare(`SELECT COUNT(*) AS n FROM mentions WHERE ${unansweredWhere}`);
  const unansweredOldest = db.prepare(
    `SELECT ${COLUMNS} FROM mentions WHERE ${unansweredWhere} ORDER BY at ASC, id ASC LIMIT @limit`,
  );
  const notes = NON_PHRASE_NOTES.map((n) => `'${n.replace(/'/g, "''")}'`).join(", ");
  const terms = (filter: string) =>
    db.prepare(REASON_TERMS.replace("%FILTER%", filter).replace("%NOTES%", notes));
  const complaintTerms = terms("m.label = 'negative'");
  const employerTerms = terms("m.kind = 'employer'");
  const incidents = db.prepare(
    `SELECT mention_id AS id, rule_id AS ruleId, MIN(created_at) AS first, group_concat(state) AS states
     FROM outbox
     WHERE (mention_id >= @stormLo AND mention_id < @stormHi) OR (mention_id >= @attackLo AND mention_id < @attackHi)
       OR (mention_id >= 'health:' AND mention_id < 'health;')
     GROUP BY mention_id, rule_id HAVING MIN(created_at) >= @from AND MIN(created_at) < @to
     ORDER BY first, id`,
  );

  const selectDigest = db.prepare<[string], DigestRow>("SELECT * FROM digests WHERE key = ?");
  const insertDigest = db.prepare(
    `INSERT INTO digests (key, brand_id, week, channel, state, attempts, created_at, updated_at, doc)
     VALUES (@key, @brandId, @week, @channel, 'pending', 0, @now, @now, '{}') ON CONFLICT(key) DO NOTHING`,
  );
  const claimDigest = db.prepare(
    `UPDATE digests SET state = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1,
       updated_at = ? WHERE key = ?`,
  );
  const saveDigest = db.prepare(
    `UPDATE digests SET state = ?, claimed_by = ?, claimed_until = ?, updated_at = ?, doc = ? WHERE key = ?`,
  );

  const listDigests = db.prepare(
    `SELECT * FROM digests WHERE (@brand IS NULL OR brand_id = @brand) AND (@week IS NULL OR week = @week)
     ORDER BY created_at, key`,
  );

  const claimTx = db.transaction(
    (
      ref: Pick<DigestRecord, "key" | "brandId" | "week" | "channel">,
      holder: string,
      leaseMs: number,
      now: Date,
    ) => {
      const nowIso = now.toISOString();
      insertDigest.run({ ...ref, now: nowIso });
      const row = selectDigest.get(ref.key)!;
      if (row.state === "sent" || row.state === "failed") return undefined;
      const held = row.state === "sending" && row.claimed_by !== holder && (row.claimed_until ?? "") > nowIso;
      if (held) return undefined;
      claimDigest.run(holder, new Date(now.getTime() + leaseMs).toISOString(), nowIso, ref.key);
      return toRecord(selectDigest.get(ref.key)!);
    },
  );
  const updateTx = db.transaction((key: string, holder: string, patch: DigestPatch, now: Date) => {
    const row = selectDigest.get(key);
    if (row?.state !== "sending" || row.claimed_by !== holder)
      throw new Error(`digest ${JSON.stringify(key)} is not held by ${holder} (another job took it over?)`);
    const { state = "sending", ...progress } = patch;
    const doc: Partial<DigestRecord> = { ...(JSON.parse(row.doc) as Partial<DigestRecord>), ...progress };
    if (state === "sent") doc.sentAt = now.toISOString();
    const ends = state !== "sending";
    saveDigest.run(
      state,
      ends ? null : row.claimed_by,
      ends ? null : row.claimed_until,
      now.toISOString(),
      JSON.stringify(doc),
      key,
    );
    return toRecord(selectDigest.get(key)!);
  });

  function facts(q: DigestFactsQuery): DigestFacts {
    if (q.bounds.length < 2)
      throw new RangeError("digestFacts: bounds needs at least two instants (one week)");
    const bounds = q.bounds.map(instant);
    const weeks = bounds.length - 1;
    const params: Record<string, string> = { brand: q.brandId };
    bounds.forEach((b, i) => {
      params[`b${i}`] = b;
    });
    const cells = (cellsStmt(weeks).all(params) as VolumeCell[]).map((c) => ({
      ...c,
      kind: c.kind as MentionKind,
      label: c.label as SentimentLabel,
    }));
    const empty = factsWithCellsOnly(cells);
    if (!q.detail) return empty;
    const last = { brand: q.brandId, from: bounds[weeks - 1]!, to: bounds[weeks]! };
    const two = { brand: q.brandId, from: bounds[Math.max(0, weeks - 2)]!, mid: last.from, to: last.to };
    const terms = (stmt: Database.Statement) =>
      rankTerms(stmt.all(two) as { term: string; week: 0 | 1; count: number }[], q.detail!.terms);
    const storm = `storm:${q.brandId}:`;
    const attack = `attack:${q.brandId}/`;
    const health = new RegExp(
      `^health:(down|up):[a-z0-9-]+:${q.brandId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`,
    );
    const incidentRows = incidents.all({
      stormLo: storm,
      stormHi: prefixEnd(storm),
      attackLo: attack,
      attackHi: prefixEnd(attack),
      from: last.from,
      to: last.to,
    }) as { id: string; ruleId: string; first: string; states: string }[];
    return {
      ...empty,
      topNegatives: (top.all({ ...last, limit: q.detail.top }) as MentionRow[]).map(toStored),
      unanswered: {
        total: (unansweredCount.get(last) as { n: number }).n,
        oldest: (unansweredOldest.all({ ...last, limit: q.detail.unanswered }) as MentionRow[]).map(toStored),
      },
      complaints: terms(complaintTerms),
      employerCons: terms(employerTerms),
      incidents: incidentRows
        .filter((r) => !r.id.startsWith("health:") || health.test(r.id))
        .map(
          (r): IncidentRecord => ({
            id: r.id,
            ruleId: r.ruleId,
            firstCreatedAt: r.first,
            states: r.states.split(",") as OutboxState[],
          }),
        ),
    };
  }

  return {
    facts,
    claim: (
      ref: Pick<DigestRecord, "key" | "brandId" | "week" | "channel">,
      holder: string,
      leaseMs: number,
      now: Date,
    ): DigestRecord | undefined => claimTx.immediate(ref, holder, leaseMs, now),
    update: (key: string, holder: string, patch: DigestPatch, now: Date): DigestRecord =>
      updateTx.immediate(key, holder, patch, now),
    get(key: string): DigestRecord | undefined {
      const row = selectDigest.get(key);
      return row ? toRecord(row) : undefined;
    },
    list(filter: { brandId?: string; week?: string } = {}): DigestRecord[] {
      const rows = listDigests.all({
        brand: filter.brandId ?? null,
        week: filter.week ?? null,
      }) as DigestRow[];
      return rows.map(toRecord);
    },
  };
}
