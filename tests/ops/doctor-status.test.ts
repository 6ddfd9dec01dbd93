/**
 * `repwatch doctor` and `repwatch status` against the demo setup: the repository's own sources/ and
 * rules/, the whole replica web (every host resolves through the origin map to 127.0.0.1; no real host
 * is ever looked up) and the fake Slack with the demo's channels.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatusReport } from "../../src/ops/status.js";
import { DEFAULT_CHANNELS, type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { runCli } from "../helpers/cli.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { allSites } from "../web/sites.js";

let web: ReplicaWeb;
let slack: FakeSlack;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  web = await startReplicaWeb(allSites);
  slack = await startFakeSlack({ channels: [...DEFAULT_CHANNELS, { id: "C0DIGEST01", name: "marketing" }] });
  dir = mkdtempSync(join(tmpdir(), "repwatch-doctor-"));
  env = {
    REPWATCH_DB: join(dir, "repwatch.db"),
    REPWATCH_ORIGIN_MAP: web.originMap,
    REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
    REPWATCH_SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: "xoxb-test-doctor",
    REPWATCH_LOG_LEVEL: "warn",
  };
});
afterAll(async () => {
  await web?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("repwatch doctor", () => {
  it("passes every check on the demo setup, one line each", { timeout: 120_000 }, async () => {
    const res = await runCli(["doctor"], { env });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines.at(-1)).toBe("all checks passed");
    const names = new Set(lines.slice(0, -1).map((l) => l.slice(6).split(/\s+/)[0]));
    expect([...names].sort()).toEqual(["chromium", "clock", "config", "dns", "env", "slack", "store"]);
    for (const l of lines.slice(0, -1)) expect(l.startsWith("ok  "), l).toBe(true);
    expect(res.stdout).toMatch(/slack\s+SLACK_BOT_TOKEN: auth\.test ok/);
    for (const channel of ["C0ALERTS01", "C0OPS00001", "C0DIGEST01"])
      expect(res.stdout).toContain(`slack channel ${channel}: the bot is a member`);
    const dns = lines.filter((l) => /^ok\s+dns /.test(l));
    expect(dns.length).toBeGreaterThan(10);
    for (const l of dns) expect(l, l).toMatch(/→ 127\.0\.0\.1 \(via REPWATCH_ORIGIN_MAP/);
    expect(res.stdout).toMatch(/dns\s+otzovik\.com → 127\.0\.0\.1/);
    expect(res.stdout).toMatch(/clock\s+\S+, -?\d+ s from Slack's clock/);
  });

  it("names what is wrong and exits 1", { timeout: 120_000 }, async () => {
    const notMember = await startFakeSlack({
      channels: [
        { id: "C0ALERTS01", name: "reputation" },
        { id: "C0OPS00001", name: "repwatch-ops", member: false },
      ],
    });
    try {
      const res = await runCli(["doctor", "--source", "otzovik"], {
        env: {
          ...env,
          REPWATCH_SLACK_API_URL: notMember.apiUrl,
          REPWATCH_CHROMIUM_PATH: join(dir, "no-chromium-here"),
          REPWATCH_DB: dir, // a directory, not a database file
        },
      });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      expect(res.stdout).toMatch(/^FAIL {2}store\s+.*cannot open/m);
      expect(res.stdout).toMatch(
        /^FAIL {2}slack channel C0OPS00001: not_in_channel — the bot is not a member: \/invite/m,
      );
      expect(res.stdout).toMatch(/^FAIL {2}slack channel C0DIGEST01: channel_not_found/m);
      expect(res.stdout).toMatch(/^ok {4}slack channel C0ALERTS01/m);
      expect(res.stdout).toMatch(/^FAIL {2}chromium\s+Chromium not found at REPWATCH_CHROMIUM_PATH=/m);
      expect(res.stdout).toMatch(/^ok {4}dns\s+otzovik\.com → 127\.0\.0\.1/m);
      expect(res.stdout).not.toContain("xoxb-test-doctor");
      expect(res.stdout.trim().split("\n").at(-1)).toBe("4 check(s) failed");
    } finally {
      await notMember.close();
    }
  });
});

describe("repwatch status", () => {
  it("shows each source's last run and health, and the alerts", { timeout: 240_000 }, async () => {
    const before = await runCli(["status"], { env });
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/^otzovik\s+never run\s+never/m);

    const run = await runCli(["run", "--source", "otzovik", "--force"], { env });
    expect(run.code, run.stderr).toBe(0);

    const text = await runCli(["status"], { env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^otzovik\s+ok\s+\d+s ago\s+ok\s+3\s+25\s+25\s+20\d\d-/m);
    expect(text.stdout).toMatch(/^trustpilot\s+never run/m);
    expect(text.stdout).toMatch(/^alerts: 0 pending \(0 due, oldest waiting 0s\), 0 being sent, 0 failed$/m);
    expect(text.stdout).toMatch(/^digest: last attempt never, next firing 20\d\d-/m);

    const json = await runCli(["status", "--json", "--source", "otzovik"], { env });
    const report = JSON.parse(json.stdout) as StatusReport;
    expect(report.sources).toHaveLength(1);
    expect(report.sources[0]).toMatchObject({ source: "otzovik", health: "ok", schedule: "17 * * * *" });
    expect(report.sources[0]!.targets[0]).toMatchObject({
      brand: "romashka",
      health: "ok",
      consecutiveFailures: 0,
      lastRun: { status: "ok", pages: 3, items: 25, new: 25 },
    });
    expect(report.alerts).toMatchObject({ pending: 0, failed: 0, lagSeconds: 0 });
    expect(report.attention).toBe(false);
  });
});
