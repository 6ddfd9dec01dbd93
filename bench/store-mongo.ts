/**
 * The MongoDB side of bench/store.ts: which server (MONGODB_URI, else a private FerretDB from the
 * cached binary), a fresh database per run, and the raw-driver baseline: `insertMany` of the very
 * documents the adapter writes, in the same batches, on the same server.
 */
import { randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import type { ScoredMention } from "../src/domain/mention.js";
import { contentHashOf } from "../src/domain/mention.js";
import { withDatabase } from "../src/store/mongo/connection.js";
import { type MentionDoc, toMentionDoc } from "../src/store/mongo/mention-codec.js";
import { type MongoStore, openMongoStore } from "../src/store/mongo/mongo-store.js";
import { COLLECTIONS } from "../src/store/mongo/schema.js";
import { mongoTestServer } from "../tests/store/ferretdb.js";

export interface MongoBench {
  uri: string;
  /** "ferretdb v1.24.0 (sqlite)" or "mongodb 7.0.x". */
  server: string;
  store: MongoStore;
  raw: MongoClient;
  /** Another store on a fresh database of the same server (dropped by `close`). */
  sibling(): Promise<MongoStore>;
  close(keep: boolean): Promise<void>;
}

export async function openMongoBench(): Promise<MongoBench | undefined> {
  const server = await mongoTestServer();
  if (!server) return undefined;
  const uri = withDatabase(server.uri, `rw_bench_${randomUUID().slice(0, 8)}`);
  const store = openMongoStore(uri, { socketTimeoutMS: 600_000 });
  await store.init();
  const raw = new MongoClient(uri, { socketTimeoutMS: 600_000 });
  const info = await raw.db().command({ buildInfo: 1 });
  const name = store.ferretDb() ? `ferretdb ${store.ferretDb()} (sqlite)` : `mongodb ${info.version}`;
  const siblings: { store: MongoStore; db: string }[] = [];
  return {
    uri,
    server: name,
    store,
    raw,
    async sibling() {
      const db = `rw_bench_${randomUUID().slice(0, 8)}`;
      const s = openMongoStore(withDatabase(server.uri, db), { socketTimeoutMS: 600_000 });
      await s.init();
      siblings.push({ store: s, db });
      return s;
    },
    async close(keep) {
      for (const s of siblings) {
        await s.store.close();
        if (!keep) await raw.db(s.db).dropDatabase();
      }
      if (!keep) await raw.db().dropDatabase();
      await raw.close();
      await store.close();
      await server.stop();
    },
  };
}

/** The document the adapter stores for a new mention (what raw insertMany is given). */
export function docOf(m: ScoredMention, now: Date): MentionDoc {
  return toMentionDoc(m, { firstSeenAt: now, lastSeenAt: now, contentHash: contentHashOf(m), version: 1 });
}

/** insertMany of the adapter's documents into a scratch collection: the seconds spent in the driver. */
export async function rawInsertMany(
  b: MongoBench,
  batches: Iterable<ScoredMention[]>,
  now: Date,
  collection = "raw_insert_many",
): Promise<number> {
  const col = b.raw.db().collection<MentionDoc>(collection);
  if (collection !== COLLECTIONS.mentions) await col.drop().catch(() => {});
  let ms = 0;
  for (const batch of batches) {
    const docs = batch.map((m) => docOf(m, now));
    const t = performance.now();
    await col.insertMany(docs, { ordered: false });
    ms += performance.now() - t;
  }
  return ms / 1000;
}

/** Fill the adapter's own (empty, indexed) mentions collection with raw insertMany: the 1M read's data, fast. */
export function rawFill(b: MongoBench, batches: Iterable<ScoredMention[]>, now: Date): Promise<number> {
  return rawInsertMany(b, batches, now, COLLECTIONS.mentions);
}
