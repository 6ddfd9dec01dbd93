/**
 * `repwatch daemon` as two replicas on one SQLite store, real processes and real signals. Replica A
 * takes the source's lease and is held in the middle of its crawl (a gated replica page); replica B
 * finds the lease taken and waits (its /metrics counts the busy lease). A is killed with SIGKILL; once
 * its lease expires, B's sweep takes the work over: every review is stored once, every alert sent once.
 * Then B gets SIGTERM and exits 0 having released its leases.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { ROOT } from "../helpers/cli.js";
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
  readTable,
  startCli,
} from "./harness.js";

let web: ReplicaWeb;
let slack: FakeSlack;
let dir: string;
const children: CliChild[] = [];
const gate = gatedSite(otzovikSite, /^\/reviews\/bank_romashka\/2\/$/);

beforeAll(async () => {
  web = await startReplicaWeb([gate.site]);
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), "repwatch-daemon-"));
});
afterAll(async () => {
  for (const c of children)
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
  gate.open();
  await web?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(port: number, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, text: await res.text() };
}

function portOf(c: CliChild): number {
  const m = /"port":(\d+)[^\n]*serving \/metrics/.exec(c.stderr);
  if (!m) throw new Error(`no metrics port logged:\n${c.stderr.slice(-2000)}`);
  return Number(m[1]);
}

/** A sample's value in the Prometheus text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("repwatch daemon: two replicas, the leader killed", () => {
  it("the other replica takes the work over after the lease expires; SIGTERM exits 0", {
    timeout: 300_000,
  }, async () => {
    const db = join(dir, "repwatch.db");
    const env = {
      REPWATCH_DB: db,
      REPWATCH_ORIGIN_MAP: web.originMap,
      REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
      REPWATCH_SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: "xoxb-test-daemon",
      REPWATCH_LEASE_SECONDS: "10",
      REPWATCH_LOG_LEVEL: "info",
    };
    const daemon = () => {
      const c = startCli(
        ["daemon", "--source", "otzovik", "--sweep-seconds", "1", "--metrics-port", "0"],
        env,
      );
      children.push(c);
      return c;
    };

    const a = daemon();
    await eventually(() => gate.waiting > 0, 120_000, "replica A to reach page 2");
    const names = liveLeases(db)
      .map((l) => l.name)
      .sort();
    expect(names).toEqual([
      "crawl:otzovik|romashka|https://otzovik.com/reviews/bank_romashka/",
      "source:otzovik",
    ]);
    for (const l of liveLeases(db)) expect(l.holder).toContain(`/${a.pid}/`);

    const b = daemon();
    await b.waitForLog(/serving \/metrics/);
    const bPort = portOf(b);
    await eventually(
      async () =>
        sample((await get(bPort, "/metrics")).text, 'repwatch_lease_busy_total{source="otzovik"}') >= 1,
      120_000,
      "replica B to find the source leased",
    );
    expect((await get(bPort, "/healthz")).status).toBe(200);

    a.child.kill("SIGKILL");
    expect((await a.exited).signal).toBe("SIGKILL");
    gate.open();

    const expected = visibleReviews(0).map((r) => `otzovik:${r.id}`);
    const store = openSqliteStore(db);
    await store.init();
    try {
      await eventually(
        async () =>
          (await store.countMentions({ platform: "otzovik" })) === expected.length &&
          (await store.listAlerts()).length > 0 &&
          (await store.listAlerts()).every((r) => r.state === "sent"),
        180_000,
        "replica B to store every review and send every alert",
      );
      const stored = await store.findMentions({ platform: "otzovik", limit: 1000 });
      expect(stored.map((m) => m.key).sort()).toEqual([...expected].sort());
      const slackRows = (await store.listAlerts()).filter((r) => r.notifierId === "slack-reputation");
      const posted = postedAlertKeys(slack);
      expect(duplicates(posted)).toEqual([]);
      expect([...posted].sort()).toEqual(slackRows.map((r) => r.key).sort());
      // B did it: it holds the source's lease record last, and its metrics counted the work
      const owners = readTable<{ holder: string }>(
        db,
        "SELECT holder FROM leases WHERE name = 'source:otzovik'",
      );
      expect(owners[0]?.holder).toContain(`/${b.pid}/`);
    } finally {
      await store.close();
    }
    const metrics = (await get(bPort, "/metrics")).text;
    expect(sample(metrics, 'repwatch_crawl_pages_total{source="otzovik"}')).toBeGreaterThanOrEqual(3);
    expect(sample(metrics, "repwatch_alerts_sent_total")).toBeGreaterThan(0);
    expect(sample(metrics, "repwatch_outbox_pending")).toBe(0);
    expect(metrics).toContain("# TYPE repwatch_outbox_lag_seconds gauge");

    // the container's HEALTHCHECK script: healthy while the daemon answers, unhealthy once it is gone
    const healthcheck = () =>
      spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src", "ops", "healthcheck.ts")], {
        env: { ...process.env, REPWATCH_HEALTH_URL: `http://127.0.0.1:${bPort}/healthz` },
      }).status;
    expect(healthcheck()).toBe(0);

    b.child.kill("SIGTERM");
    const exit = await b.exited;
    expect(exit, b.stderr.slice(-2000)).toEqual({ code: 0, signal: null });
    expect(b.stderr).toMatch(/"msg":"daemon stopped"/);
    expect(liveLeases(db)).toEqual([]);
    expect(healthcheck()).toBe(1);
  });
});
