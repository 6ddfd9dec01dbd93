/**
 * Digest publication records on the MongoDB store (see ../digest-port.ts). A claim is decided by
 * inserting `<key>#<attempt>` into `digest_claims`: a unique insert is atomic on every MongoDB-compatible
 * server, a conditional update is not on FerretDB 1.24 (schema.ts). The record in `digests` then shows the
 * winner; progress is kept as JSON, like the SQLite adapter's `doc` column.
 */
import type { Db, Filter } from "mongodb";
import type { DigestPatch, DigestRecord, DigestState } from "../digest-port.js";
import { insertNew } from "./alert-journal.js";
import { DUPLICATE_KEY } from "./schema.js";

interface DigestDoc {
  _id: string;
  brandId: string;
  week: string;
  channel: string;
  state: DigestState;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  claimedBy?: string | null;
  claimedUntil?: Date | null;
  /** Progress as JSON (messageTs, fileId, uploadUrl, uploaded, shared, sentAt, lastError). */
  doc: string;
}

interface ClaimDoc {
  _id: string;
  key: string;
  attempt: number;
  holder: string;
  until: Date;
}

/** Progress fields, kept in `doc` as JSON (the rest are columns). */
const COLUMNS = new Set([
  "key",
  "brandId",
  "week",
  "channel",
  "state",
  "attempts",
  "createdAt",
  "updatedAt",
  "claimedBy",
  "claimedUntil",
]);

function toDoc(r: DigestRecord): DigestDoc {
  const progress = Object.fromEntries(Object.entries(r).filter(([k]) => !COLUMNS.has(k)));
  const d: DigestDoc = {
    _id: str("key", r.key),
    brandId: str("brandId", r.brandId),
    week: str("week", r.week),
    channel: str("channel", r.channel),
    state: r.state,
    attempts: r.attempts,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    doc: JSON.stringify(progress),
  };
  if (r.claimedBy !== undefined) d.claimedBy = r.claimedBy;
  if (r.claimedUntil !== undefined) d.claimedUntil = new Date(r.claimedUntil);
  return d;
}

function toRecord(d: DigestDoc): DigestRecord {
  const r: DigestRecord = {
    key: d._id,
    brandId: d.brandId,
    week: d.week,
    channel: d.channel,
    state: d.state,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    ...(JSON.parse(d.doc) as Partial<DigestRecord>),
  };
  if (d.claimedBy) r.claimedBy = d.claimedBy;
  if (d.claimedUntil) r.claimedUntil = d.claimedUntil.toISOString();
  return r;
}

const str = (name: string, v: unknown): string => {
  if (typeof v !== "string") throw new TypeError(`${name} must be a string, got ${typeof v}`);
  return v;
};

export function digestRecords(db: Db) {
  const digests = db.collection<DigestDoc>("digests");
  const claims = db.collection<ClaimDoc>("digest_claims");

  async function claim(
    ref: Pick<DigestRecord, "key" | "brandId" | "week" | "channel">,
    holder: string,
    leaseMs: number,
    now: Date,
  ): Promise<DigestRecord | undefined> {
    const key = str("key", ref.key);
    try {
      await digests.insertOne({
        _id: key,
        brandId: str("brandId", ref.brandId),
        week: str("week", ref.week),
        channel: str("channel", ref.channel),
        state: "pending",
        attempts: 0,
        createdAt: now,
        updatedAt: now,
        doc: "{}",
      });
    } catch (err) {
      if ((err as { code?: unknown }).code !== DUPLICATE_KEY) throw err;
    }
    const d = (await digests.findOne({ _id: key }))!;
    if (d.state === "sent" || d.state === "failed") return undefined;
    if (d.state === "sending" && d.claimedBy !== holder && d.claimedUntil && d.claimedUntil > now)
      return undefined;
    const attempt = d.attempts + 1;
    const until = new Date(now.getTime() + leaseMs);
    try {
      await claims.insertOne({ _id: `${key}#${attempt}`, key, attempt, holder, until });
    } catch (err) {
      if ((err as { code?: unknown }).code === DUPLICATE_KEY) return undefined; // another job won this attempt
      throw err;
    }
    await digests.updateOne(
      { _id: key },
      {
        $set: { state: "sending", claimedBy: holder, claimedUntil: until, attempts: attempt, updatedAt: now },
      },
    );
    return toRecord((await digests.findOne({ _id: key }))!);
  }

  async function update(key: string, holder: string, patch: DigestPatch, now: Date): Promise<DigestRecord> {
    const d = await digests.findOne({ _id: str("key", key) });
    if (d?.state !== "sending" || d.claimedBy !== holder)
      throw new Error(`digest ${JSON.stringify(key)} is not held by ${holder} (another job took it over?)`);
    const { state = "sending", ...progress } = patch;
    const doc: Partial<DigestRecord> = { ...(JSON.parse(d.doc) as Partial<DigestRecord>), ...progress };
    if (state === "sent") doc.sentAt = now.toISOString();
    const ends = state !== "sending";
    await digests.updateOne(
      { _id: key },
      {
        $set: {
          state,
          updatedAt: now,
          doc: JSON.stringify(doc),
          claimedBy: ends ? null : d.claimedBy,
          claimedUntil: ends ? null : d.claimedUntil,
        },
      },
    );
    return toRecord((await digests.findOne({ _id: key }))!);
  }

  return {
    claim,
    update,
    /**
     * Publication records as another store kept them (`repwatch migrate`): a week already posted stays
     * posted, so the digest job never sends it twice after the move. A record already here is kept.
     * Returns, per record, whether it was inserted.
     */
    async import(records: DigestRecord[]): Promise<boolean[]> {
      return insertNew(digests, records.map(toDoc));
    },
    async get(key: string): Promise<DigestRecord | undefined> {
      const d = await digests.findOne({ _id: str("key", key) });
      return d ? toRecord(d) : undefined;
    },
    async list(filter: { brandId?: string; week?: string } = {}): Promise<DigestRecord[]> {
      const f: Filter<DigestDoc> = {};
      if (filter.brandId !== undefined) f.brandId = { $eq: str("brandId", filter.brandId) };
      if (filter.week !== undefined) f.week = { $eq: str("week", filter.week) };
      const docs = await digests.find(f).toArray();
      return docs
        .map(toRecord)
        .sort((a, b) =>
          a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.key < b.key ? -1 : 1,
        );
    },
  };
}
