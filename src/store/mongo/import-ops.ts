/**
 * Bulk copy INTO the MongoDB store, as stored elsewhere (`repwatch migrate` from SQLite): mentions keep
 * their firstSeenAt/lastSeenAt/version/contentHash, outbox rows their state, attempts and receipts, so
 * nothing is re-detected as new and nothing is alerted twice.
 *
 * Idempotent: a row already in MongoDB is kept (MongoDB is the store of record once you switched),
 * except a mention whose copy here has a LOWER version (the source saw an edit since the last
 * migration; its alert rows come along under their own keys). Lease tokens only grow.
 */
import type { AnyBulkWriteOperation } from "mongodb";
import type { StoredMention } from "../../domain/mention.js";
import type { DigestRecord } from "../digest-port.js";
import type { CrawlRun, Lease, OutboxRow, SourceState } from "../store.js";
import { chunkedBulkWrite, insertNew } from "./alert-journal.js";
import type { digestRecords } from "./digest-records.js";
import { checkMention, instant, type MentionDoc, toMentionDoc } from "./mention-codec.js";
import { markStale } from "./rollup-build.js";
import type { Collections, LeaseDoc, OutboxDoc, RunDoc, SourceStateDoc } from "./schema.js";

export interface ImportCounts {
  inserted: number;
  updated: number;
  kept: number;
}

function date(name: string, iso: string): Date {
  const d = instant(iso);
  if (!d) throw new RangeError(`import: ${name} must be an ISO instant, got ${JSON.stringify(iso)}`);
  return d;
}

function counts(ok: boolean[], updated = 0): ImportCounts {
  const inserted = ok.filter(Boolean).length;
  return { inserted, updated, kept: ok.length - inserted - updated };
}

export function importOps(c: Collections, publications: ReturnType<typeof digestRecords>) {
  let stale = false;
  return {
    /**
     * Mentions come without digest roll-up deltas: the roll-ups are marked stale first and rebuilt from
     * the mentions by the next process that starts (rollup.ts), so an interrupted copy leaves them right too.
     */
    async mentions(stored: StoredMention[]): Promise<ImportCounts> {
      if (!stale && stored.length > 0) {
        await markStale(c);
        stale = true;
      }
      const docs: MentionDoc[] = stored.map((m) => {
        checkMention(m);
        return toMentionDoc(m, {
          firstSeenAt: date("firstSeenAt", m.firstSeenAt),
          lastSeenAt: date("lastSeenAt", m.lastSeenAt),
          contentHash: m.contentHash,
          version: m.version,
        });
      });
      const ok = await insertNew(c.mentions, docs);
      const ops: AnyBulkWriteOperation<MentionDoc>[] = docs
        .filter((_, i) => !ok[i])
        .map(({ _id, ...rest }) => ({
          replaceOne: { filter: { _id, version: { $lt: rest.version } }, replacement: rest },
        }));
      const updated = await chunkedBulkWrite(c.mentions, ops);
      return counts(ok, updated);
    },

    async alerts(rows: OutboxRow[]): Promise<ImportCounts> {
      const docs: OutboxDoc[] = rows.map((r) => {
        const d: OutboxDoc = {
          _id: r.key,
          mentionId: r.mentionId,
          ruleId: r.ruleId,
          notifierId: r.notifierId,
          severity: r.severity,
          change: r.change,
          state: r.state,
          attempts: r.attempts,
          createdAt: date("createdAt", r.createdAt),
          notBefore: date("notBefore", r.notBefore),
        };
        if (r.claimedBy !== undefined) d.claimedBy = r.claimedBy;
        if (r.claimedUntil !== undefined) d.claimedUntil = date("claimedUntil", r.claimedUntil);
        if (r.sentAt !== undefined) d.sentAt = date("sentAt", r.sentAt);
        if (r.receipt !== undefined) d.receipt = r.receipt;
        if (r.lastError !== undefined) d.lastError = r.lastError;
        return d;
      });
      return counts(await insertNew(c.outbox, docs));
    },

    /** Digest publications as they are: a week posted from SQLite is never posted again from MongoDB. */
    async digests(records: DigestRecord[]): Promise<ImportCounts> {
      for (const r of records) {
        date("createdAt", r.createdAt);
        date("updatedAt", r.updatedAt);
      }
      return counts(await publications.import(records));
    },

    async runs(runs: CrawlRun[]): Promise<ImportCounts> {
      const now = new Date();
      const docs: RunDoc[] = runs.map((r) => ({
        _id: r.id,
        sourceId: r.sourceId,
        brandId: r.brandId ?? null,
        startedAt: date("startedAt", r.startedAt),
        status: r.status ?? null,
        doc: JSON.stringify(r),
        recordedAt: now,
      }));
      return counts(await insertNew(c.runs, docs));
    },

    async sourceStates(states: SourceState[]): Promise<ImportCounts> {
      const docs: SourceStateDoc[] = states.map((s) => ({
        _id: s.key,
        sourceId: s.sourceId,
        doc: JSON.stringify(s),
      }));
      return counts(await insertNew(c.sourceState, docs));
    },

    /** Leases as they are (a held one stays held until it expires); an existing lease's token is raised to at least the source's. */
    async leases(leases: (Lease & { acquiredAt: string })[]): Promise<ImportCounts> {
      const docs: LeaseDoc[] = leases.map((l) => ({
        _id: l.name,
        holder: l.holder,
        token: l.token,
        acquiredAt: date("acquiredAt", l.acquiredAt),
        expiresAt: date("expiresAt", l.expiresAt),
      }));
      const ok = await insertNew(c.leases, docs);
      const ops: AnyBulkWriteOperation<LeaseDoc>[] = docs
        .filter((_, i) => !ok[i])
        .map((d) => ({
          updateOne: {
            filter: { _id: d._id, token: { $lt: d.token } },
            update: { $max: { token: d.token } },
          },
        }));
      const updated = await chunkedBulkWrite(c.leases, ops);
      return counts(ok, updated);
    },
  };
}
