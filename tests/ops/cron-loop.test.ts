/**
 * A CronJob in compressed time: the real `repwatch run --source otzovik --force` started again and again
 * against one SQLite store, the otzovik replica revealing new reviews as its stage grows, the fake Slack
 * recording every post. Runs overlap on purpose, and one is killed with SIGKILL in the middle of its
 * crawl (a replica page held in flight by a gate, so "the middle" is certain, not a matter of timing).
 *
 * In the end every review is stored once and every alert went out once: the crawl lease keeps two runs
 * off one target, the killed run's lease expires (REPWATCH_LEASE_SECONDS=10) and a later run takes over,
 * the store's natural keys and the outbox keep everything else single.
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
import {
  type CliChild,
  duplicates,
  eventually,
  gatedSite,
  liveLeases,
  postedAlertKeys,
  startCli,
} from "./harness.js";

let web: ReplicaWeb;
let slack: FakeSlack;
let dir: string;
const gate = gatedSite(otzovikSite, /^\/reviews\/bank_romashka\/2\/$/);

beforeAll(async () => {
  web = await startReplicaWeb([gate.site]);
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), "repwatch-cron-loop-"));
});
afterAll(async () => {
  gate.open();
  await web?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const LAST_STAGE = 3;

describe("repwatch run started like a CronJob, overlapping, one run killed", () => {
  it("stores every review once and sends every alert once", { timeout: 420_000 }, async () => {
    const db = join(dir, "repwatch.db");
    const env = {
      REPWATCH_DB: db,
      REPWATCH_ORIGIN_MAP: web.originMap,
      REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
      REPWATCH_SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: "xoxb-test-cron-loop",
      REPWATCH_LEASE_SECONDS: "10",
      REPWATCH_LOG_LEVEL: "info",
    };
    const run = () => startCli(["run", "--source", "otzovik", "--force"], env);
    const runs: CliChild[] = [];

    // 1. The first run crawls page 1 and waits on page 2, holding the target's lease.
    const first = run();
    runs.push(first);
    await eventually(() => gate.waiting > 0, 120_000, "the first run to reach page 2");
    const [lease] = liveLeases(db);
    expect(lease?.name).toBe("crawl:otzovik|romashka|https://otzovik.com/reviews/bank_romashka/");
    expect(lease?.holder).toContain(`/${first.pid}/`);

    // 2. A run started meanwhile (the next cron tick) leaves the target alone.
    const overlapping = run();
    runs.push(overlapping);
    const o = await overlapping.exited;
    expect(o.code, overlapping.stderr).toBe(0);
    expect(overlapping.stdout).toMatch(/otzovik .*skipped.*another run is crawling it \(lease held\)/);

    // 3. kill -9 in the middle of the crawl: nothing of it was stored, its lease stays until it expires.
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    gate.open();
    const store = openSqliteStore(db);
    await store.init();
    try {
      expect(await store.countMentions({ platform: "otzovik" })).toBe(0);
    } finally {
      await store.close();
    }

    // 4. Ticks every second or so, whether or not the previous run ended; new reviews appear over time.
    for (let tick = 0; tick < 8; tick++) {
      web.setStage(Math.min(LAST_STAGE, Math.floor(tick / 2)));
      runs.push(run());
      await new Promise((r) => setTimeout(r, 1000));
    }
    const results = await Promise.all(runs.slice(2).map((r) => r.exited));
    for (const [i, r] of results.entries()) expect(r.code, runs[i + 2]!.stderr.slice(-2000)).toBe(0);
    // 5. One more tick once everything settled (the last ticks may all have found the lease taken,
    // the killed run's among them until it expired).
    await eventually(() => liveLeases(db).length === 0, 60_000, "every lease to be released or expire");
    const last = run();
    runs.push(last);
    expect((await last.exited).code, last.stderr).toBe(0);

    const expected = visibleReviews(LAST_STAGE).map((r) => `otzovik:${r.id}`);
    const check = openSqliteStore(db);
    await check.init();
    try {
      const stored = await check.findMentions({ platform: "otzovik", limit: 1000 });
      expect(stored.map((m) => m.key).sort()).toEqual([...expected].sort());
      expect(await check.countMentions()).toBe(expected.length);

      const rows = await check.listAlerts();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.state !== "sent")).toEqual([]);
      const slackRows = rows.filter((r) => r.notifierId === "slack-reputation");
      const posted = postedAlertKeys(slack);
      expect(duplicates(posted)).toEqual([]);
      expect([...posted].sort()).toEqual(slackRows.map((r) => r.key).sort());
      // the console notifier printed each console alert once, across every run's output
      const consoleRows = rows.filter((r) => r.notifierId === "console");
      expect(consoleRows.length).toBe(slackRows.length);
      expect(slackRows.length).toBeGreaterThan(0);
      const printed = runs.map((r) => r.stdout).join("\n");
      for (const r of consoleRows) {
        const id = r.mentionId.split(":").pop();
        expect(printed.split(`link:    https://otzovik.com/review_${id}.html`).length - 1, r.key).toBe(1);
      }
    } finally {
      await check.close();
    }
    expect(liveLeases(db)).toEqual([]);
  });
});
