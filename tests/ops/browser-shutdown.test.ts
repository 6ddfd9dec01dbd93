/**
 * SIGTERM to a daemon while Chromium renders a browser source (yandex-maps, its reviews API held in
 * flight by a gate): the daemon exits 0 and leaves no Chromium process behind. Chromium inherits the
 * child's environment, so a tag variable finds every process it started, orphaned or not.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TAG_VAR, taggedPids } from "../crawl/browser-helpers.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { yandexMapsSite } from "../web/yandex-maps/site.js";
import { eventually, gatedSite, liveLeases, startCli } from "./harness.js";

let web: ReplicaWeb;
let dir: string;
const gate = gatedSite(yandexMapsSite, /^\/maps\/api\/business\/fetchReviews/);

beforeAll(async () => {
  web = await startReplicaWeb([gate.site]);
  dir = mkdtempSync(join(tmpdir(), "repwatch-browser-shutdown-"));
});
afterAll(async () => {
  gate.open();
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("a daemon stopped mid-render exits 0 and leaves no Chromium behind", { timeout: 180_000 }, async () => {
  const tag = `ops-${process.pid}-${Date.now()}`;
  const db = join(dir, "repwatch.db");
  const daemon = startCli(
    ["daemon", "--source", "yandex-maps", "--grace-seconds", "2", "--sweep-seconds", "1"],
    {
      REPWATCH_DB: db,
      REPWATCH_ORIGIN_MAP: web.originMap,
      REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
      REPWATCH_LOG_LEVEL: "info",
      SLACK_BOT_TOKEN: "",
      [TAG_VAR]: tag,
    },
  );
  await eventually(() => gate.waiting > 0, 120_000, "Chromium to ask for the reviews");
  expect(taggedPids(tag).length).toBeGreaterThan(1); // node and Chromium's processes
  daemon.child.kill("SIGTERM");
  const exit = await daemon.exited;
  expect(exit, daemon.stderr.slice(-3000)).toEqual({ code: 0, signal: null });
  await eventually(() => taggedPids(tag).length === 0, 30_000, "every Chromium process to end");
  expect(liveLeases(db)).toEqual([]);
  expect(daemon.stderr).toMatch(/interrupted by shutdown after 0 page\(s\); stays due/);
});
