/**
 * The MongoDB adapter against a real MongoDB-compatible server: MONGODB_URI when set, else a private
 * FerretDB 1.24 started from the cached binary (scripts/ferretdb-build.sh). Neither: the suite is
 * skipped with a notice (REQUIRE_MONGO=1, as in CI, makes that an error).
 *
 * Every test gets its own database, dropped afterwards.
 */
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import type { ScoredMention } from "../../src/domain/mention.js";
import { withDatabase } from "../../src/store/mongo/connection.js";
import {
  type MongoStore,
  type MongoStoreOptions,
  openMongoStore,
} from "../../src/store/mongo/mongo-store.js";
import { StoreUnavailableError } from "../../src/store/store.js";
import { at, describeStoreContract, T0 } from "./contract.js";
import { comparable, referenceFacts } from "./digest-reference.js";
import { mongoTestServer } from "./ferretdb.js";
import { makeScoredMention, makeScoredMentions, noAlerts, recordingDecider } from "./fixtures.js";
import { closedPort } from "./mongo-helpers.js";

const server = await mongoTestServer();
if (!server) {
  console.warn(
    "MongoDB store tests SKIPPED: no MONGODB_URI and no FerretDB binary (run scripts/ferretdb-build.sh)",
  );
}
const raw = server ? new MongoClient(server.uri, { serverSelectionTimeoutMS: 10_000 }) : undefined;
afterAll(async () => {
  await raw?.close();
  await server?.stop();
});

let databases = 0;
/** A fresh database on the test server: its URI, the stores opened on it, and cleanup. */
function freshDatabase(options: MongoStoreOptions = {}) {
  const name = `rw_${process.pid}_${++databases}`;
  const uri = withDatabase(server!.uri, name);
  const opened: MongoStore[] = [];
  const open = (more: MongoStoreOptions = {}) => {
    const s = openMongoStore(uri, { ...options, ...more });
    opened.push(s);
    return s;
  };
  const cleanup = async () => {
    for (const s of opened) await s.close();
    await raw!.db(name).dropDatabase();
  };
  return { name, uri, open, cleanup, db: () => raw!.db(name) };
}

const withServer = server ? describe : describe.skip;
/** Two weeks around the fixtures' (2024-03-04 is mention 0's hour). */
const WEEKS = ["2024-02-26T00:00:00.000Z", "2024-03-04T00:00:00.000Z", "2024-03-11T00:00:00.000Z"];

withServer("mongodb store", () => {
  describeStoreContract("mongodb", async () => {
    const d = freshDatabase();
    return {
      store: d.open(),
      reopen: async () => d.open(),
      cleanup: d.cleanup,
      workerEnv: { REPWATCH_STORE: "mongodb", MONGODB_URI: d.uri },
    };
  });

  describe("mongodb store specifics", () => {
    it("creates its indexes at start, idempotently; TTL only on a real Date field", async () => {
      const d = freshDatabase();
      try {
        const store = d.open();
        await store.init();
        await store.recordRun({
          id: "r1",
          sourceId: "otzovik",
          startedAt: T0.toISOString(),
          pages: 0,
          items: 0,
          new: 0,
          changed: 0,
          alerts: 0,
        });
        const again = d.open();
        await again.init();
        const names = async (col: string) =>
          (await d.db().collection(col).listIndexes().toArray()).map((i) => i.name);
        expect(await names("mentions")).toEqual(
          expect.arrayContaining(["_id_", "brand_at", "brand_platform_at", "label_at", "at"]),
        );
        expect(await names("outbox")).toEqual(expect.arrayContaining(["state_due", "mention"]));
        const run = await d
          .db()
          .collection("crawl_runs")
          .findOne({ _id: "r1" as never });
        expect(run?.recordedAt).toBeInstanceOf(Date);
        const ttl = (await d.db().collection("crawl_runs").listIndexes().toArray()).find(
          (i) => i.name === "recorded_ttl",
        );
        // FerretDB 1.24 does not implement expireAfterSeconds; MongoDB gets the TTL index
        if (store.hasTtl())
          expect(ttl).toMatchObject({ key: { recordedAt: 1 }, expireAfterSeconds: 400 * 86_400 });
        else expect(ttl).toBeUndefined();
      } finally {
        await d.cleanup();
      }
    });

    it("scraped keys and values stay plain strings: no `$`/`.` key, no operator ever reaches the server", async () => {
      const d = freshDatabase();
      try {
        const store = d.open();
        await store.init();
        const m = makeScoredMention(1, {
          externalId: "$where",
          author: '{"$ne":null}',
          extra: { $where: "function () { return true }", "a.b": 1, "$gt.x": "y", "": "empty" },
        });
        await store.ingest([m], noAlerts, T0);
        const doc = await d
          .db()
          .collection("mentions")
          .findOne({ _id: m.id as never });
        const keys = (o: unknown): string[] =>
          o && typeof o === "object" && !(o instanceof Date)
            ? Object.entries(o).flatMap(([k, v]) => [k, ...keys(v)])
            : [];
        expect(keys(doc).filter((k) => k.startsWith("$") || k.includes("."))).toEqual([]);
        expect(typeof doc?.doc).toBe("string");
        expect(JSON.parse(doc?.doc as string).extra).toEqual(m.extra);
        expect((await store.getMention(m.id))?.extra).toEqual(m.extra);

        // an object where a string belongs (a scraped value that bypassed the schema) is refused,
        // in a write and in a query, instead of becoming an operator
        const sneaky = { ...makeScoredMention(2), brandId: { $ne: null } } as unknown as typeof m;
        await expect(store.ingest([sneaky], noAlerts, T0)).rejects.toThrow(/brandId must be a string/);
        await expect(store.findMentions({ brandId: { $ne: null } } as never)).rejects.toThrow(TypeError);
        await expect(store.getMention({ $ne: null } as never)).rejects.toThrow(TypeError);
        await expect(store.listAlerts({ mentionId: { $gt: "" } } as never)).rejects.toThrow(TypeError);
        expect(await store.countMentions()).toBe(1);
        // hostile strings as query values match nothing
        expect(await store.countMentions({ brandId: '{"$ne":null}' })).toBe(0);
        expect(await store.getMention("$where")).toBeUndefined();
      } finally {
        await d.cleanup();
      }
    });

    it("an unreachable server fails init fast with StoreUnavailableError naming the host, password redacted", async () => {
      const port = await closedPort();
      const store = openMongoStore(`mongodb://repwatch:secret@127.0.0.1:${port}/x`, {
        serverSelectionTimeoutMS: 500,
      });
      const err = await store.init().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as Error).message).toContain(`127.0.0.1:${port}`);
      expect((err as Error).message).not.toContain("secret");
      await expect(store.countMentions()).rejects.toThrow(/not initialised/);
    });

    it("a writer that dies between the mention and its outbox rows: the next writer finishes its journal", async () => {
      const d = freshDatabase();
      try {
        const dying = d.open({
          hooks: {
            afterMentionsWritten: () => {
              throw new Error("process died here");
            },
          },
        });
        await dying.init();
        const neg = makeScoredMention(0); // rating 1: negative, two intents
        await expect(dying.ingest([neg], recordingDecider(), T0)).rejects.toThrow("process died here");
        expect(await dying.countMentions()).toBe(1);
        expect(await dying.listAlerts()).toEqual([]); // the intents are in the journal, not yet in the outbox

        const next = d.open({ pendingGraceMs: 0 }); // "the dead round is old enough" without waiting
        await next.init();
        const edited = { ...neg, text: `${neg.text} UPD: стало хуже.` };
        const r = await next.ingest([edited], recordingDecider(), new Date(T0.getTime() + 1000));
        expect(r.items[0]).toMatchObject({ status: "changed" });
        const rows = await next.listAlerts({ mentionId: neg.id });
        const byKey = rows.map((x) => [x.key.replace(`${neg.id}#`, ""), x.change]);
        byKey.sort(([a], [b]) => (a! < b! ? -1 : 1));
        expect(byKey).toEqual([
          ["negative#console", "new"],
          ["negative#console#v2", "changed"],
          ["negative#slack-orm", "new"],
          ["negative#slack-orm#v2", "changed"],
        ]);
        expect(r.alertsQueued).toBe(4);
        const again = await next.ingest([edited], recordingDecider(), new Date(T0.getTime() + 2000));
        expect([again.unchanged, again.alertsQueued]).toEqual([1, 0]);
      } finally {
        await d.cleanup();
      }
    });

    it("a round that dies before deciding: the next ingest decides its new mentions, once", async () => {
      const d = freshDatabase();
      try {
        const dying = d.open({
          hooks: {
            afterInsert: () => {
              throw new Error("process died here");
            },
          },
        });
        await dying.init();
        const batch = makeScoredMentions(10);
        const negatives = batch.filter((m) => m.analysis.label === "negative").length;
        await expect(dying.ingest(batch, recordingDecider(), T0)).rejects.toThrow("process died here");
        expect(await dying.countMentions()).toBe(10);
        expect(await dying.listAlerts()).toEqual([]);

        const next = d.open({ pendingGraceMs: 0 });
        await next.init();
        const decide = recordingDecider();
        const r = await next.ingest(batch, decide, at(60_000));
        expect([r.new, r.unchanged, r.alertsQueued]).toEqual([0, 10, 2 * negatives]);
        expect(decide.calls.map((x) => x.change)).toEqual(Array(10).fill("new")); // the dead round's, decided now
        const rows = await next.listAlerts();
        expect(rows).toHaveLength(2 * negatives);
        expect(rows.every((x) => x.change === "new" && x.createdAt === T0.toISOString())).toBe(true);
        // the dead round's digest roll-up deltas were redone by the sweep: each mention counted once
        const facts = await next.digestFacts({ brandId: "acme", bounds: WEEKS });
        expect(facts.cells.reduce((n, c) => n + c.count, 0)).toBe(10);
      } finally {
        await d.cleanup();
      }
    });
  });
});

withServer("mongodb store: digest roll-ups", () => {
  const q = {
    brandId: "acme",
    bounds: ["2024-03-04T00:00:00.000Z", "2024-03-11T00:00:00.000Z", "2024-03-18T00:00:00.000Z"],
    detail: { top: 10, unanswered: 10, terms: 10 },
  };
  /** 300 mentions over two weeks, edited ones among them, in batches. */
  const batches = () => {
    const all = makeScoredMentions(300);
    return Array.from({ length: 10 }, (_, k) => all.slice(k * 30, k * 30 + 30));
  };
  /** The generations present in the roll-up collections (deltas by field, payloads by `_id` prefix). */
  const rollupGenerations = async (db: ReturnType<ReturnType<typeof freshDatabase>["db"]>) => {
    const deltas = new Set<string>();
    const payloads = new Set<string>();
    for (const { name } of await db.listCollections().toArray()) {
      const docs = await db.collection<{ _id: string; gen?: string }>(name).find({}).toArray();
      if (/^dg_[0-9a-f]{16}_/.test(name)) for (const x of docs) deltas.add(x.gen ?? "");
      if (/^dg_p\d_/.test(name)) for (const x of docs) payloads.add(x._id.slice(0, x._id.indexOf("|")));
    }
    return { deltas, payloads };
  };
  const reference = async (store: MongoStore) =>
    comparable(referenceFacts(await store.findMentions({ brandId: "acme" }), q));
  const withoutIncidents = ({ incidents: _, ...rest }: Awaited<ReturnType<MongoStore["digestFacts"]>>) =>
    comparable(rest);

  it("the digest reads the roll-ups, not the mentions", async () => {
    const d = freshDatabase();
    try {
      const store = d.open();
      await store.init();
      for (const b of batches()) await store.ingest(b, noAlerts, T0);
      expect(withoutIncidents(await store.digestFacts(q))).toEqual(await reference(store));
      const names = (await d.db().listCollections().toArray()).map((x) => x.name);
      expect(names.filter((n) => /^dg_[0-9a-f]{16}_202403(04|11)$/.test(n))).toHaveLength(2);
      expect(names.filter((n) => /^dg_p[0-3]_[0-9a-f]{16}_202403(04|11)$/.test(n)).length).toBeGreaterThan(2);
      // tamper with a mention's typed fields behind the store's back: the digest does not see it
      const before = await store.digestFacts(q);
      await d
        .db()
        .collection("mentions")
        .updateMany({}, { $set: { label: "neutral", platform: "x" } });
      expect((await store.digestFacts(q)).cells).toEqual(before.cells);
    } finally {
      await d.cleanup();
    }
  });

  it("mentions stored before the roll-ups existed are back-filled once, at the next start", async () => {
    const d = freshDatabase();
    try {
      const old = d.open();
      await old.init();
      for (const b of batches()) await old.ingest(b, noAlerts, T0);
      await old.close();
      // an "old" database: no roll-ups at all
      for (const x of await d.db().listCollections().toArray())
        if (x.name.startsWith("dg_")) await d.db().collection(x.name).drop();
      await d
        .db()
        .collection("meta")
        .deleteOne({ _id: "rollup" as never });
      const [a, b] = [d.open(), d.open()];
      await Promise.all([a.init(), b.init()]); // one back-fills, the other waits for it
      const meta = await d
        .db()
        .collection("meta")
        .findOne({ _id: "rollup" as never });
      expect(meta).toMatchObject({ state: "ready" });
      expect(withoutIncidents(await a.digestFacts(q))).toEqual(await reference(a));
      expect(withoutIncidents(await b.digestFacts(q))).toEqual(await reference(b));
    } finally {
      await d.cleanup();
    }
  });

  it("a round that only sees mentions again writes no roll-up delta", async () => {
    const d = freshDatabase();
    try {
      const store = d.open();
      await store.init();
      for (const b of batches()) await store.ingest(b, noAlerts, T0);
      const deltaDocs = async () => {
        let n = 0;
        for (const x of await d.db().listCollections().toArray())
          if (/^dg_[0-9a-f]{16}_/.test(x.name)) n += await d.db().collection(x.name).countDocuments({});
        return n;
      };
      const before = await deltaDocs();
      expect(before).toBeGreaterThan(0);
      for (const b of batches()) await store.ingest(b, noAlerts, at(60_000)); // seen again, unchanged
      expect(await deltaDocs()).toBe(before);
      expect(withoutIncidents(await store.digestFacts(q))).toEqual(await reference(store));
      await store.close();
    } finally {
      await d.cleanup();
    }
  });

  it("a rebuild (as after repwatch migrate) counts each mention once", async () => {
    const d = freshDatabase();
    try {
      const store = d.open();
      await store.init();
      for (const b of batches()) await store.ingest(b, noAlerts, T0);
      for (const b of batches()) await store.ingest(b, noAlerts, at(60_000)); // seen again
      await store.close();
      await d
        .db()
        .collection("meta")
        .updateOne({ _id: "rollup" as never }, { $set: { state: "stale" } });
      const gensBefore = await rollupGenerations(d.db());
      expect(gensBefore.deltas.size).toBe(1);
      const next = d.open();
      await next.init(); // rebuilds: a new generation, the old one's deltas no longer count
      expect(withoutIncidents(await next.digestFacts(q))).toEqual(await reference(next));
      // ... and are gone: only the new generation's deltas and payload copies are left to read
      const meta = await d.db().collection<{ _id: string; gen: string }>("meta").findOne({ _id: "rollup" });
      const gensAfter = await rollupGenerations(d.db());
      expect(meta?.gen).toBeDefined();
      expect([...gensBefore.deltas]).not.toContain(meta?.gen);
      expect([...gensAfter.deltas]).toEqual([meta?.gen]);
      expect([...gensAfter.payloads]).toEqual([meta?.gen]);
    } finally {
      await d.cleanup();
    }
  });

  it("two writers on one brand at once, with edits between them, lose nothing", async () => {
    const d = freshDatabase();
    try {
      const [a, b] = [d.open(), d.open()];
      await Promise.all([a.init(), b.init()]);
      const all = batches();
      await Promise.all([
        (async () => {
          for (const x of all.slice(0, 5)) await a.ingest(x, noAlerts, T0);
        })(),
        (async () => {
          for (const x of all.slice(5)) await b.ingest(x, noAlerts, T0);
        })(),
      ]);
      // both edit (some of the same mentions: one wins each version), reading meanwhile
      const edit = (x: ScoredMention, k: number) =>
        k % 3 === 0
          ? {
              ...x,
              text: `${x.text} UPD ${k % 2}`,
              rating: 1,
              publishedAt: new Date(Date.parse(x.publishedAt!) + 36 * 3_600_000).toISOString(),
              analysis: { ...x.analysis, label: "negative" as const },
            }
          : x;
      const edited = all.flat().map(edit);
      await Promise.all([
        a.ingest(edited.slice(0, 200), noAlerts, at(60_000)),
        b.ingest(edited.slice(100), noAlerts, at(60_000)),
        a.digestFacts(q),
        b.digestFacts(q),
      ]);
      expect(withoutIncidents(await a.digestFacts(q))).toEqual(await reference(a));
    } finally {
      await d.cleanup();
    }
  });
});

const withFerret = server?.ferret ? describe : describe.skip;

withFerret("mongodb store: the server dies mid-ingest", () => {
  it("nothing is half-alerted: after a restart the next run queues each lost alert once", async () => {
    const ferret = server!.ferret!;
    const d = freshDatabase();
    const batch = makeScoredMentions(20);
    const negatives = batch.filter((m) => m.analysis.label === "negative").length;
    try {
      const crashing = d.open({
        serverSelectionTimeoutMS: 1_000,
        hooks: { afterMentionsWritten: () => ferret.kill() },
      });
      await crashing.init();
      const err = await crashing.ingest(batch, recordingDecider(), T0).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as Error).message).toContain(`127.0.0.1:${ferret.port}`);
      await crashing.close();
      await ferret.start();

      // the next run: same reviews crawled again; the orphaned intents are recovered (grace 0 here)
      const next = d.open({ pendingGraceMs: 0 });
      await next.init();
      expect(await next.listAlerts()).toEqual([]);
      const r = await next.ingest(batch, recordingDecider(), new Date(T0.getTime() + 60_000));
      expect([r.new, r.changed, r.unchanged]).toEqual([0, 0, 20]);
      expect(r.alertsQueued).toBe(2 * negatives);
      const rows = await next.listAlerts();
      expect(rows).toHaveLength(2 * negatives);
      expect(rows.every((x) => x.state === "pending" && x.createdAt === T0.toISOString())).toBe(true);
      const claimed = await next.claimAlerts("deliverer", 100, 60_000, new Date(T0.getTime() + 61_000));
      expect(claimed).toHaveLength(2 * negatives);
      // a third run finds nothing left to recover and nothing new
      const third = d.open({ pendingGraceMs: 0 });
      await third.init();
      const r3 = await third.ingest(batch, recordingDecider(), new Date(T0.getTime() + 120_000));
      expect([r3.unchanged, r3.alertsQueued]).toEqual([20, 0]);
      expect(await third.listAlerts()).toHaveLength(2 * negatives);
    } finally {
      if (!(await isUp())) await ferret.start();
      await d.cleanup();
    }
  });
});

async function isUp(): Promise<boolean> {
  try {
    await raw!.db("admin").command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
