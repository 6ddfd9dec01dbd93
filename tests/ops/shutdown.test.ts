/**
 * Graceful shutdown of `repwatch run` with real signals on a child process. The crawl is held in the
 * middle (page 2 of the otzovik replica waits on a gate) when SIGTERM comes: no new page is requested,
 * the page in flight is abandoned when the grace period ends, what was read is stored, the alerts wait
 * in the outbox, the process exits 0. The rerun walks the target in full and duplicates nothing. A
 * second signal exits at once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { visibleReviews } from "../web/otzovik/reviews.js";
import { otzovikSite } from "../web/otzovik/site.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { duplicates, eventually, gatedSite, liveLeases, postedAlertKeys, startCli } from "./harness.js";

let web: ReplicaWeb;
let slack: FakeSlack;
let dir: string;
const gate = gatedSite(otzovikSite, /^\/reviews\/bank_romashka\/2\/$/);

beforeAll(async () => {
  web = await startReplicaWeb([gate.site]);
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), "repwatch-shutdown-"));
});
afterAll(async () => {
  gate.open();
  await web?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const envFor = (db: string) => ({
  REPWATCH_DB: db,
  REPWATCH_ORIGIN_MAP: web.originMap,
  REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
  REPWATCH_SLACK_API_URL: slack.apiUrl,
  SLACK_BOT_TOKEN: "xoxb-test-shutdown",
  REPWATCH_LOG_LEVEL: "info",
});
const listPages = () =>
  web.hits.filter((h) => /^\/reviews\/bank_romashka\/(\d+\/)?$/.test(h.path)).map((h) => h.path);

describe("repwatch run: graceful shutdown", () => {
  it("SIGTERM mid-crawl: no new page, what was read is stored, exit 0; the rerun duplicates nothing", {
    timeout: 300_000,
  }, async () => {
    const db = join(dir, "graceful.db");
    const run = startCli(["run", "--source", "otzovik", "--force", "--grace-seconds", "2"], envFor(db));
    await eventually(() => gate.waiting > 0, 120_000, "the run to reach page 2");
    run.child.kill("SIGTERM");
    const exit = await run.exited;
    expect(exit, run.stderr.slice(-3000)).toEqual({ code: 0, signal: null });
    expect(run.stderr).toMatch(/SIGTERM received: stopping/);
    expect(run.stderr).toMatch(/grace period over: abandoning in-flight work/);
    expect(run.stdout).toMatch(/cut short by a shutdown/);
    expect(run.stdout).toMatch(/otzovik .* deferred .*interrupted by shutdown after 1 page\(s\); stays due/);
    // page 1 was read, page 2 was in flight; page 3 was never asked for
    expect(listPages()).not.toContain("/reviews/bank_romashka/3/");
    expect(slack.requests.filter((r) => r.method === "chat.postMessage")).toHaveLength(0);
    expect(liveLeases(db)).toEqual([]);

    const store = openSqliteStore(db);
    await store.init();
    const pageOne = visibleReviews(0)
      .slice(0, 10)
      .map((r) => `otzovik:${r.id}`);
    try {
      const stored = await store.findMentions({ platform: "otzovik", limit: 1000 });
      expect(stored.map((m) => m.key).sort()).toEqual([...pageOne].sort());
      // the alerts of what was stored wait for the next run
      const rows = await store.listAlerts();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.state === "pending")).toBe(true);
      const [last] = await store.listRuns({ sourceId: "otzovik", limit: 1 });
      expect(last).toMatchObject({ status: "deferred", pages: 1, items: 10 });
    } finally {
      await store.close();
    }

    gate.open();
    const rerun = startCli(["run", "--source", "otzovik"], envFor(db));
    expect((await rerun.exited).code, rerun.stderr.slice(-3000)).toBe(0);
    // a cut-short target stays due (no --force needed), and the rerun walks every page (backfill)
    // although page 1 is stored: the incremental stop would have skipped pages 2 and 3
    expect(rerun.stdout).toMatch(/otzovik\s+romashka\s+ok\s+pages\s+3\s+items\s+25\s+new\s+15/);
    const check = openSqliteStore(db);
    await check.init();
    try {
      const all = visibleReviews(0).map((r) => `otzovik:${r.id}`);
      const stored = await check.findMentions({ platform: "otzovik", limit: 1000 });
      expect(stored.map((m) => m.key).sort()).toEqual([...all].sort());
      const rows = await check.listAlerts();
      expect(rows.filter((r) => r.state !== "sent")).toEqual([]);
      const posted = postedAlertKeys(slack);
      expect(duplicates(posted)).toEqual([]);
      expect([...posted].sort()).toEqual(
        rows
          .filter((r) => r.notifierId === "slack-reputation")
          .map((r) => r.key)
          .sort(),
      );
      expect(posted.length).toBeGreaterThan(0);
    } finally {
      await check.close();
    }
  });

  it("a second signal exits at once", { timeout: 180_000 }, async () => {
    const hold = gatedSite(otzovikSite, /^\/reviews\/bank_romashka\/$/);
    const held = await startReplicaWeb([hold.site]);
    try {
      const run = startCli(["run", "--source", "otzovik", "--force", "--grace-seconds", "120"], {
        ...envFor(join(dir, "second-signal.db")),
        REPWATCH_ORIGIN_MAP: held.originMap,
        REPWATCH_ALLOW_ADDRESSES: held.allowAddresses,
      });
      await eventually(() => hold.waiting > 0, 120_000, "the run to request page 1");
      run.child.kill("SIGTERM");
      await run.waitForLog(/SIGTERM received: stopping/);
      run.child.kill("SIGINT");
      // the grace period (120 s) is not waited out: the process ends on the second signal
      expect(await run.exited).toEqual({ code: 130, signal: null });
      expect(run.stderr).toMatch(/second signal: exiting now/);
    } finally {
      hold.open();
      await held.close();
    }
  });
});
