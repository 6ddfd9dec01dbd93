/**
 * `repwatch migrate --from sqlite:<file> --to <uri>` through the real CLI: history kept (first seen,
 * versions, hashes, alert states, runs, source state, lease tokens), nothing re-alerted, idempotent.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { withDatabase } from "../../src/store/mongo/connection.js";
import { openMongoStore } from "../../src/store/mongo/mongo-store.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { runCli } from "../helpers/cli.js";
import { at, T0 } from "./contract.js";
import { mongoTestServer } from "./ferretdb.js";
import { makeScoredMentions, recordingDecider } from "./fixtures.js";

const server = await mongoTestServer();
if (!server) console.warn("repwatch migrate tests SKIPPED: no MONGODB_URI and no FerretDB binary");
afterAll(async () => {
  await server?.stop();
});

(server ? describe : describe.skip)("repwatch migrate sqlite → mongodb", () => {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-migrate-"));
  const file = join(dir, "repwatch.db");
  const uri = server ? withDatabase(server.uri, `rw_migrate_${process.pid}`) : "";
  afterAll(async () => {
    const raw = new MongoClient(uri);
    await raw.db().dropDatabase();
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const batch = makeScoredMentions(30);
  const DIGEST = {
    brandId: "acme",
    bounds: ["2024-02-26T00:00:00.000Z", "2024-03-04T00:00:00.000Z", "2024-03-11T00:00:00.000Z"],
    detail: { top: 5, unanswered: 5, terms: 5 },
  };
  const edited = batch.map((m, i) => (i === 0 ? { ...m, text: `${m.text} UPD: так и не ответили.` } : m));

  it("copies everything, keeps alert states, and a second run copies nothing", async () => {
    const sqlite = openSqliteStore(file);
    await sqlite.init();
    await sqlite.ingest(batch, recordingDecider(), T0);
    await sqlite.ingest(edited, recordingDecider(), at(60_000)); // mention 0: version 2, one more alert
    const claimed = await sqlite.claimAlerts("old-runner", 5, 60_000, at(61_000));
    for (const row of claimed.slice(0, 4)) await sqlite.markAlertSent(row.key, `ts-${row.key}`, at(62_000));
    await sqlite.markAlertFailed(claimed[4]!.key, "channel_not_found");
    await sqlite.recordRun({
      id: "run-1",
      sourceId: "otzovik",
      brandId: "acme",
      startedAt: T0.toISOString(),
      pages: 2,
      items: 30,
      new: 30,
      changed: 0,
      alerts: 24,
      coverage: { "a.b": 1, $where: 0 },
    });
    await sqlite.saveSourceState({
      key: "otzovik|acme|u",
      sourceId: "otzovik",
      consecutiveFailures: 1,
      lastSeenIds: ["$where"],
    });
    const lease = await sqlite.acquireLease("crawl:otzovik", "old-runner", 60_000, T0);
    await sqlite.releaseLease(lease!);
    // one week's digest posted to Slack, the next one stopped after its summary message
    const sentRef = { key: "digest:acme:2026-W46#C1", brandId: "acme", week: "2026-W46", channel: "C1" };
    const halfRef = { key: "digest:acme:2026-W47#C1", brandId: "acme", week: "2026-W47", channel: "C1" };
    await sqlite.claimDigest(sentRef, "old-runner", 60_000, at(63_000));
    await sqlite.updateDigest(
      sentRef.key,
      "old-runner",
      { messageTs: "1.1", fileId: "F1", uploaded: true, shared: true, state: "sent" },
      at(64_000),
    );
    await sqlite.claimDigest(halfRef, "old-runner", 60_000, at(65_000));
    await sqlite.updateDigest(halfRef.key, "old-runner", { messageTs: "2.2" }, at(66_000));
    const before = {
      digest: await sqlite.digestFacts(DIGEST),
      mentions: await sqlite.findMentions({}),
      alerts: await sqlite.listAlerts(),
      runs: await sqlite.listRuns(),
      state: await sqlite.getSourceState("otzovik|acme|u"),
      digests: await sqlite.listDigests(),
    };
    expect(before.digests.map((d) => d.state)).toEqual(["sent", "sending"]);
    await sqlite.close();

    const first = await runCli(["migrate", "--from", `sqlite:${file}`, "--to", uri]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const lines = first.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.slice(0, 6).map((l) => [l.collection, l.read, l.inserted])).toEqual([
      ["mentions", 30, 30],
      ["outbox", before.alerts.length, before.alerts.length],
      ["crawl_runs", 1, 1],
      ["source_state", 1, 1],
      ["leases", 1, 1],
      ["digests", 2, 2],
    ]);

    const mongo = openMongoStore(uri);
    await mongo.init();
    try {
      expect(await mongo.findMentions({})).toEqual(before.mentions);
      // the copied mentions reach the digest roll-ups (rebuilt at this init: the import marked them stale)
      expect(await mongo.digestFacts(DIGEST)).toEqual(before.digest);
      expect(await mongo.listAlerts()).toEqual(before.alerts);
      expect(await mongo.listRuns()).toEqual(before.runs);
      expect(await mongo.getSourceState("otzovik|acme|u")).toEqual(before.state);
      expect(await mongo.listDigests()).toEqual(before.digests);
      // the week posted from SQLite is not posted again; the half-done one resumes after its claim
      // expires, with the summary message it already has (no second message)
      expect(await mongo.claimDigest(sentRef, "new-runner", 60_000, at(200_000))).toBeUndefined();
      expect(await mongo.claimDigest(halfRef, "new-runner", 60_000, at(100_000))).toBeUndefined();
      const resumed = await mongo.claimDigest(halfRef, "new-runner", 60_000, at(200_000));
      expect(resumed).toMatchObject({
        state: "sending",
        claimedBy: "new-runner",
        messageTs: "2.2",
        attempts: 2,
      });
      // fencing tokens go on from where SQLite left them
      expect(await mongo.acquireLease("crawl:otzovik", "new-runner", 60_000, at(120_000))).toMatchObject({
        token: 2,
      });
    } finally {
      await mongo.close();
    }

    const second = await runCli(["migrate", "--from", `sqlite:${file}`, "--to", uri]);
    expect(second.code).toBe(0);
    const again = second.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(again.slice(0, 6).map((l) => [l.collection, l.inserted, l.updated])).toEqual([
      ["mentions", 0, 0],
      ["outbox", 0, 0],
      ["crawl_runs", 0, 0],
      ["source_state", 0, 0],
      ["leases", 0, 0],
      ["digests", 0, 0],
    ]);
  });

  it("after the move, the next run sees nothing new and re-sends nothing", async () => {
    const mongo = openMongoStore(uri);
    await mongo.init();
    try {
      const r = await mongo.ingest(edited, recordingDecider(), at(3_600_000));
      expect([r.new, r.changed, r.unchanged, r.alertsQueued]).toEqual([0, 0, 30, 0]);
      const sent = (await mongo.listAlerts({ state: "sent" })).map((x) => x.key);
      expect(sent).toHaveLength(4);
      const due = await mongo.claimAlerts("new-runner", 100, 60_000, at(7_200_000));
      expect(due.some((x) => sent.includes(x.key))).toBe(false);
      expect(due.every((x) => x.state === "sending")).toBe(true);
    } finally {
      await mongo.close();
    }
  });

  it("a bad --from or --to is a usage error (exit 2) that never echoes the password", async () => {
    const r = await runCli(["migrate", "--from", "mongodb://u:secret@h/x", "--to", uri]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--from must be sqlite:<file>");
    expect(r.stderr).not.toContain("secret");
    const noTo = await runCli(["migrate", "--from", `sqlite:${file}`], { env: { MONGODB_URI: "" } });
    expect(noTo.code).toBe(2);
  });
});
