/**
 * `repwatch daemon` as two replicas on one store (SQLite, and MongoDB when a server is available: a
 * private FerretDB or MONGODB_URI), real processes and real signals. Replica A takes the source's lease
 * and is held in the middle of its crawl (a gated replica page); replica B finds the lease taken and
 * waits (its /metrics counts the busy lease). A is killed with SIGKILL; once its lease expires, B's
 * sweep takes the work over: every review is stored once, every alert sent once. Then B gets SIGTERM
 * and exits 0 having released its leases.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack } from "../fakes/slack/server.js";
import { ROOT } from "../helpers/cli.js";
import { type MongoTestServer, mongoTestServer } from "../store/ferretdb.js";
import { visibleReviews } from "../web/otzovik/reviews.js";
import { otzovikSite } from "../web/otzovik/site.js";
import { startReplicaWeb } from "../web/server.js";
import {
  type CliChild,
  duplicates,
  eventually,
  gatedSite,
  mongoShared,
  postedAlertKeys,
  type SharedStore,
  sqliteShared,
  startCli,
} from "./harness.js";

let dir: string;
let mongo: MongoTestServer | undefined;
const children: CliChild[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "repwatch-daemon-"));
  mongo = await mongoTestServer();
  if (!mongo) console.warn("daemon test on MongoDB skipped: no MONGODB_URI and no FerretDB binary");
}, 120_000);
afterAll(async () => {
  for (const c of children)
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
  await mongo?.stop();
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

async function twoReplicas(shared: SharedStore): Promise<void> {
  const gate = gatedSite(otzovikSite, /^\/reviews\/bank_romashka\/2\/$/);
  const web = await startReplicaWeb([gate.site]);
  const slack = await startFakeSlack();
  try {
    const env = {
      ...shared.env,
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
    const held = await shared.liveLeases();
    expect(held.map((l) => l.name).sort()).toEqual([
      "crawl:otzovik|romashka|https://otzovik.com/reviews/bank_romashka/",
      "source:otzovik",
    ]);
    for (const l of held) expect(l.holder).toContain(`/${a.pid}/`);

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
    const store = await shared.open();
    try {
      await eventually(
        async () => {
          if ((await store.countMentions({ platform: "otzovik" })) !== expected.length) return false;
          const rows = await store.listAlerts();
          return rows.length > 0 && rows.every((r) => r.state === "sent");
        },
        180_000,
        "replica B to store every review and send every alert",
      );
      const stored = await store.findMentions({ platform: "otzovik", limit: 1000 });
      expect(stored.map((m) => m.key).sort()).toEqual([...expected].sort());
      const slackRows = (await store.listAlerts()).filter((r) => r.notifierId === "slack-reputation");
      const posted = postedAlertKeys(slack);
      expect(duplicates(posted)).toEqual([]);
      expect([...posted].sort()).toEqual(slackRows.map((r) => r.key).sort());
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
    expect(await shared.liveLeases()).toEqual([]);
    expect(healthcheck()).toBe(1);
  } finally {
    gate.open();
    await web.close();
    await slack.close();
  }
}

describe("repwatch daemon: two replicas, the leader killed", () => {
  it("SQLite: the other replica takes the work over after the lease expires; SIGTERM exits 0", {
    timeout: 300_000,
  }, async () => {
    await twoReplicas(sqliteShared(join(dir, "repwatch.db")));
  });

  it("MongoDB: the same with replicas on one MongoDB-compatible server", {
    timeout: 300_000,
  }, async (ctx) => {
    if (!mongo) return ctx.skip();
    await twoReplicas(mongoShared(mongo.uri, `repwatch-daemon-${process.pid}`));
  });
});
