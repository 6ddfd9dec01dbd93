/**
 * The alert outbox of the MongoDB store (same life cycle as the SQLite one, see
 * src/store/sqlite/outbox-ops.ts):
 *
 *   pending --claim--> sending --markAlertSent--> sent (final)
 *                         |----markAlertFailed(retryAt)--> pending (not before retryAt)
 *                         |----markAlertFailed()---------> failed (final)
 *                         |----claimedUntil passes-------> claimable again (the claimer crashed)
 *
 * A claim without transactions, decided by unique inserts (schema.ts says why not by updates): pick
 * the due rows, then insert one `outbox_claims` record per row for its NEXT attempt
 * (`<key>#<attempts + 1>`). An inserted record means the attempt is ours: we move the row to sending.
 * A duplicate key means another claimer won that attempt: not ours. If that claimer died before
 * moving the row, its record expires at `until`, and the next claimer applies it (the row becomes an
 * expired "sending" row with that attempt), so the row is claimable again. The claim picks again
 * until it has `limit` rows or nothing is due.
 */
import type { Filter } from "mongodb";
import type { OutboxIntent, OutboxRow, OutboxState } from "../store.js";
import { chunkedBulkWrite, insertNew } from "./alert-journal.js";
import type { ClaimDoc, Collections, OutboxDoc } from "./schema.js";

const PICK_ROUNDS = 4;

export function toOutboxRow(d: OutboxDoc): OutboxRow {
  const row: OutboxRow = {
    key: d._id,
    mentionId: d.mentionId,
    ruleId: d.ruleId,
    notifierId: d.notifierId,
    severity: d.severity,
    change: d.change,
    state: d.state,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    notBefore: d.notBefore.toISOString(),
  };
  if (d.claimedBy != null) row.claimedBy = d.claimedBy;
  if (d.claimedUntil != null) row.claimedUntil = d.claimedUntil.toISOString();
  if (d.sentAt != null) row.sentAt = d.sentAt.toISOString();
  if (d.receipt != null) row.receipt = d.receipt;
  if (d.lastError != null) row.lastError = d.lastError;
  return row;
}

function byDueOrder(a: OutboxDoc, b: OutboxDoc): number {
  const t = a.notBefore.getTime() - b.notBefore.getTime() || a.createdAt.getTime() - b.createdAt.getTime();
  if (t !== 0) return t;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

function str(name: string, v: unknown): string {
  if (typeof v !== "string") throw new TypeError(`outbox: ${name} must be a string, got ${typeof v}`);
  return v;
}

/**
 * @param singleKeyFilters the server only uses an index for `{_id: value}` alone (FerretDB 1.24): claim
 *   updates then filter by `_id` only (their extra conditions are not atomic there anyway).
 */
export function outboxOps(c: Collections, singleKeyFilters = false) {
  const due = (now: Date): Filter<OutboxDoc> => ({
    $or: [
      { state: "pending", notBefore: { $lte: now } },
      { state: "sending", claimedUntil: { $lt: now } },
    ],
  });

  /** Move rows to "sending" for these won attempts (never back from a later attempt). */
  async function applyClaims(claims: ClaimDoc[]): Promise<void> {
    if (claims.length === 0) return;
    await chunkedBulkWrite(
      c.outbox,
      claims.map((x) => ({
        updateOne: {
          filter: singleKeyFilters
            ? { _id: x.key }
            : { _id: x.key, attempts: { $lt: x.attempt }, state: { $in: ["pending", "sending"] } },
          update: {
            $set: { state: "sending", claimedBy: x.claimer, claimedUntil: x.until, attempts: x.attempt },
          },
        },
      })),
    );
  }

  /** Attempts won by a claimer that died before moving the row: once expired, apply them. */
  async function helpExpired(lost: ClaimDoc[], now: Date): Promise<void> {
    if (lost.length === 0) return;
    const records = await c.claims
      .find({ _id: { $in: lost.map((x) => x._id) }, until: { $lt: now } })
      .toArray();
    await applyClaims(records);
  }

  async function mustExist(matched: number, key: string): Promise<void> {
    if (matched === 0) throw new Error(`outbox: no row with key ${JSON.stringify(key)}`);
  }

  return {
    async claim(claimer: string, limit: number, leaseMs: number, now: Date): Promise<OutboxRow[]> {
      str("claimer", claimer);
      const want = Math.floor(limit);
      const got: OutboxDoc[] = [];
      const until = new Date(now.getTime() + leaseMs);
      for (let round = 0; round < PICK_ROUNDS && got.length < want; round++) {
        const picked = await c.outbox
          .find(due(now), { projection: { attempts: 1 } })
          .sort({ notBefore: 1, createdAt: 1, _id: 1 })
          .limit(want - got.length)
          .toArray();
        if (picked.length === 0) break;
        const claims: ClaimDoc[] = picked.map((r) => ({
          _id: `${r._id}#${r.attempts + 1}`,
          key: r._id,
          attempt: r.attempts + 1,
          claimer,
          until,
        }));
        const ok = await insertNew(c.claims, claims);
        const mine = claims.filter((_, i) => ok[i]);
        await applyClaims(mine);
        await helpExpired(
          claims.filter((_, i) => !ok[i]),
          now,
        );
        if (mine.length === 0) continue;
        const attemptOf = new Map(mine.map((x) => [x.key, x.attempt]));
        const rows = await c.outbox.find({ _id: { $in: [...attemptOf.keys()] }, state: "sending" }).toArray();
        got.push(...rows.filter((r) => attemptOf.get(r._id) === r.attempts));
      }
      return got.sort(byDueOrder).map(toOutboxRow);
    },

    async markSent(key: string, receipt: string | undefined, now: Date): Promise<void> {
      const set: Partial<OutboxDoc> = { state: "sent", sentAt: now };
      const unset: Record<string, ""> = { claimedUntil: "", lastError: "" };
      if (receipt === undefined) unset.receipt = "";
      else set.receipt = str("receipt", receipt);
      const r = await c.outbox.updateOne({ _id: str("key", key) }, { $set: set, $unset: unset });
      await mustExist(r.matchedCount, key);
    },

    async markFailed(key: string, error: string, retryAt: Date | undefined): Promise<void> {
      const r = retryAt
        ? await c.outbox.updateOne(
            { _id: str("key", key) },
            {
              $set: { state: "pending", notBefore: retryAt, lastError: str("error", error) },
              $unset: { claimedBy: "", claimedUntil: "" },
            },
          )
        : await c.outbox.updateOne(
            { _id: str("key", key) },
            { $set: { state: "failed", lastError: str("error", error) }, $unset: { claimedUntil: "" } },
          );
      await mustExist(r.matchedCount, key);
    },

    async list(filter: { state?: OutboxState; mentionId?: string } = {}): Promise<OutboxRow[]> {
      const q: Filter<OutboxDoc> = {};
      if (filter.state !== undefined) q.state = { $eq: str("state", filter.state) as OutboxState };
      if (filter.mentionId !== undefined) q.mentionId = { $eq: str("mentionId", filter.mentionId) };
      const docs = await c.outbox.find(q).sort({ createdAt: 1, _id: 1 }).toArray();
      return docs.map(toOutboxRow);
    },

    async enqueue(rows: OutboxIntent[], now: Date): Promise<number> {
      const docs: OutboxDoc[] = rows.map((r) => ({
        _id: str("key", r.key),
        mentionId: str("mentionId", r.mentionId),
        ruleId: str("ruleId", r.ruleId),
        notifierId: str("notifierId", r.notifierId),
        severity: r.severity,
        change: r.change,
        state: "pending",
        attempts: 0,
        createdAt: now,
        notBefore: r.notBefore === undefined ? now : new Date(r.notBefore),
      }));
      const ok = await insertNew(c.outbox, docs);
      return ok.filter(Boolean).length;
    },
  };
}
