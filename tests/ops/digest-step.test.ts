/**
 * The digest as a step of `run` / `daemon` (src/ops/digest-step.ts), on the repository's config and a
 * real SQLite store: a store that never saw a digest attempt only records one; the next firing of
 * rules/digest.yaml's schedule makes it due once; the daemon's own firing runs it regardless. No Slack
 * token is set, so nothing is posted anywhere (the files are written, the problem is reported).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { DIGEST_STATE_KEY, digestIfDue } from "../../src/ops/digest-step.js";
import { nextFiring } from "../../src/schedule/jitter.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { silentLogger } from "../../src/util/logger.js";
import { ROOT } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "repwatch-digest-step-"));
let store: SqliteStore;
beforeAll(async () => {
  vi.stubEnv("SLACK_BOT_TOKEN", "");
  store = openSqliteStore(join(dir, "repwatch.db"));
  await store.init();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("digest step", () => {
  it("records a baseline first, runs once per firing after that", { timeout: 120_000 }, async () => {
    const config = loadConfig(ROOT);
    const { schedule, timezone } = config.digest;
    const out = join(dir, "digest-out");
    const step = (now: Date, fired?: boolean) =>
      digestIfDue({
        store,
        config,
        log: silentLogger(),
        holder: "test",
        leaseTtlMs: 60_000,
        outDir: out,
        now,
        fired,
      });
    const start = new Date("2026-03-04T12:00:00Z"); // a Wednesday

    expect(await step(start)).toEqual({ status: "baseline" });
    expect((await store.getSourceState(DIGEST_STATE_KEY))?.lastRunAt).toBe(start.toISOString());
    expect(await step(new Date(start.getTime() + 3_600_000))).toEqual({ status: "not-due" });

    const fired = nextFiring(schedule, timezone, start); // Monday 09:00 Moscow
    const afterFiring = new Date(fired.getTime() + 5 * 60_000);
    const done = await step(afterFiring);
    expect(done.status).toBe("done");
    expect(done.result?.week).toBe("2026-W10");
    const brand = done.result!.brands.find((b) => !b.skipped)!;
    expect(existsSync(brand.files!.pdf)).toBe(true);
    expect(brand.files!.pdf.startsWith(out)).toBe(true);
    expect(done.result!.problems.join("\n")).toMatch(/SLACK_BOT_TOKEN is not set/);
    expect(await store.getSourceState(DIGEST_STATE_KEY)).toMatchObject({ lastStatus: "degraded" });
    // the same firing again: nothing to do (a cron container every 5 minutes renders once a week)
    expect(await step(new Date(afterFiring.getTime() + 5 * 60_000))).toEqual({ status: "not-due" });
  });

  it("the daemon's firing runs it on a store that never saw an attempt", { timeout: 120_000 }, async () => {
    const fresh = openSqliteStore(join(dir, "fresh.db"));
    await fresh.init();
    try {
      const config = loadConfig(ROOT);
      const res = await digestIfDue({
        store: fresh,
        config,
        log: silentLogger(),
        holder: "test",
        leaseTtlMs: 60_000,
        outDir: join(dir, "fresh-out"),
        now: new Date("2026-03-09T06:00:30Z"),
        fired: true,
      });
      expect(res.status).toBe("done");
      expect(res.result?.week).toBe("2026-W10");
    } finally {
      await fresh.close();
    }
  });
});
