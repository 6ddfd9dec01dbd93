/** Crawl runs, per-source state and leases of the MongoDB store. */
import type { Db } from "mongodb";
import type { CrawlRun, Lease, SourceState } from "../store.js";
import { insertNew } from "./alert-journal.js";
import { instant } from "./mention-codec.js";
import { type Collections, DUPLICATE_KEY, type LeaseDoc, type RunDoc } from "./schema.js";

function str(name: string, v: unknown): string {
  if (typeof v !== "string") throw new TypeError(`${name} must be a string, got ${typeof v}`);
  return v;
}

/** replaceOne with upsert; two first writers of one _id at once: the loser replaces again. */
async function upsertReplace<T extends { _id: string }>(
  replace: (doc: T) => Promise<unknown>,
  doc: T,
): Promise<void> {
  try {
    await replace(doc);
  } catch (err) {
    if ((err as { code?: unknown }).code !== DUPLICATE_KEY) throw err;
    await replace(doc);
  }
}

export function runStateOps(c: Collections) {
  return {
    async recordRun(run: CrawlRun): Promise<void> {
      const startedAt = instant(str("run.startedAt", run.startedAt));
      if (!startedAt)
        throw new RangeError(`recordRun: startedAt must be an ISO instant, got ${run.startedAt}`);
      const doc: RunDoc = {
        _id: str("run.id", run.id),
        sourceId: str("run.sourceId", run.sourceId),
        brandId: run.brandId === undefined ? null : str("run.brandId", run.brandId),
        startedAt,
        status: run.status === undefined ? null : str("run.status", run.status),
        doc: JSON.stringify(run),
        recordedAt: new Date(),
      };
      const { _id, ...rest } = doc;
      await upsertReplace((d: RunDoc) => c.runs.replaceOne({ _id: d._id }, rest, { upsert: true }), doc);
    },
    async listRuns(filter: { sourceId?: string; limit?: number } = {}): Promise<CrawlRun[]> {
      if (filter.limit !== undefined && Math.floor(filter.limit) <= 0) return [];
      const q = filter.sourceId === undefined ? {} : { sourceId: { $eq: str("sourceId", filter.sourceId) } };
      let cursor = c.runs.find(q, { projection: { doc: 1 } }).sort({ startedAt: -1, _id: -1 });
      if (filter.limit !== undefined) cursor = cursor.limit(Math.floor(filter.limit));
      return (await cursor.toArray()).map((d) => JSON.parse(d.doc) as CrawlRun);
    },
    async getSourceState(key: string): Promise<SourceState | undefined> {
      const d = await c.sourceState.findOne({ _id: str("key", key) });
      return d ? (JSON.parse(d.doc) as SourceState) : undefined;
    },
    async saveSourceState(state: SourceState): Promise<void> {
      const doc = {
        _id: str("state.key", state.key),
        sourceId: str("state.sourceId", state.sourceId),
        doc: JSON.stringify(state),
      };
      await upsertReplace(
        (d: typeof doc) =>
          c.sourceState.replaceOne({ _id: d._id }, { sourceId: d.sourceId, doc: d.doc }, { upsert: true }),
        doc,
      );
    },
  };
}

const toLease = (d: LeaseDoc): Lease => ({
  name: d._id,
  holder: d.holder,
  token: d.token,
  expiresAt: d.expiresAt.toISOString(),
});

/** The server's clock (`hello.localTime`): lease expiry must not depend on which container's clock is right. */
export async function serverNow(db: Db): Promise<Date> {
  const hello = await db.command({ hello: 1 });
  const t = hello.localTime;
  return t instanceof Date ? t : new Date();
}

/**
 * Leases with fencing tokens. Who gets token n of a lease is decided by inserting `lease_tokens`
 * `<name>#<n>` (unique `_id`: one winner, on MongoDB and FerretDB alike); `leases` holds the current
 * view (holder, token, expiry), which the winner then writes. A winner that died before writing the
 * view is applied by the next reader (`current`), so it blocks nobody beyond its own expiry.
 * - the holder asking again while it holds: extend (same token);
 * - free or expired: take token n + 1 (a released lease keeps its view, expired, so tokens grow for
 *   ever and are never reused);
 * - a renewal that finds token n + 1 taken has lost the lease (the stale holder is fenced off).
 * Instants come from `now` when given, else from the server's clock (see `serverNow`).
 */
export function leaseOps(c: Collections, clock: () => Promise<Date>) {
  const tokenId = (name: string, token: number) => `${name}#${token}`;

  async function writeView(doc: LeaseDoc): Promise<void> {
    const { _id, ...rest } = doc;
    try {
      await c.leases.replaceOne({ _id, token: { $lt: doc.token } }, rest, { upsert: true });
    } catch (err) {
      // a view with this token or a newer one is already there
      if ((err as { code?: unknown }).code !== DUPLICATE_KEY) throw err;
    }
  }

  /** The lease's view, with any token won but never applied (its taker died) applied first. */
  async function current(name: string): Promise<LeaseDoc | null> {
    let view = await c.leases.findOne({ _id: name });
    for (;;) {
      const next = await c.leaseTokens.findOne({ _id: tokenId(name, (view?.token ?? 0) + 1) });
      if (!next) return view;
      view = {
        _id: name,
        holder: next.holder,
        token: next.token,
        acquiredAt: next.acquiredAt,
        expiresAt: next.expiresAt,
      };
      await writeView(view);
    }
  }

  async function extend(view: LeaseDoc, until: Date): Promise<Lease | undefined> {
    await c.leases.updateOne(
      { _id: view._id, holder: { $eq: view.holder }, token: { $eq: view.token } },
      { $set: { expiresAt: until } },
    );
    if (await c.leaseTokens.findOne({ _id: tokenId(view._id, view.token + 1) })) return undefined;
    return toLease({ ...view, expiresAt: until });
  }

  return {
    async acquire(name: string, holder: string, ttlMs: number, at?: Date): Promise<Lease | undefined> {
      str("lease name", name);
      str("lease holder", holder);
      const now = at ?? (await clock());
      const until = new Date(now.getTime() + ttlMs);
      const view = await current(name);
      if (view && view.expiresAt > now) return view.holder === holder ? extend(view, until) : undefined;
      const token = (view?.token ?? 0) + 1;
      const doc: LeaseDoc = { _id: name, holder, token, acquiredAt: now, expiresAt: until };
      const [won] = await insertNew(c.leaseTokens, [
        { _id: tokenId(name, token), name, holder, token, acquiredAt: now, expiresAt: until },
      ]);
      if (!won) return undefined; // another process took this token first
      await writeView(doc);
      return toLease(doc);
    },
    async renew(lease: Lease, ttlMs: number, at?: Date): Promise<Lease | undefined> {
      const now = at ?? (await clock());
      const view = await current(str("lease name", lease.name));
      if (!view || view.token !== lease.token || view.holder !== lease.holder || view.expiresAt <= now)
        return undefined;
      return extend(view, new Date(now.getTime() + ttlMs));
    },
    async release(lease: Lease): Promise<void> {
      // expire it at its acquisition time (as the SQLite adapter does); a stale token changes nothing
      const view = await current(str("lease name", lease.name));
      if (!view || view.token !== lease.token || view.holder !== lease.holder) return;
      if (view.expiresAt <= view.acquiredAt) return;
      await c.leases.updateOne(
        { _id: view._id, token: { $eq: view.token } },
        { $set: { expiresAt: view.acquiredAt } },
      );
    },
  };
}
