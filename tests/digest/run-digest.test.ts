/**
 * `runDigest` with `due`: the week follows the schedule's last firing in the configured zone, a brand
 * already published everywhere is skipped without building anything, and a run before Monday's firing
 * still reports the week before. The PDF printer is a stub here (rendering is tested in render.test.ts).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DigestPrinter } from "../../src/digest/pdf.js";
import { runDigest } from "../../src/digest/run-digest.js";
import { parseIsoWeek, weekRange } from "../../src/digest/week.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { DEFAULT_CHANNELS, type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { noAlerts } from "../store/fixtures.js";
import { worldConfig, worldMentions } from "./world.js";

const CHANNEL = "C0DIGEST01";

describe("runDigest --due", () => {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-digest-due-"));
  let store: SqliteStore;
  let slack: FakeSlack;
  let printed = 0;
  const printer = async (): Promise<DigestPrinter> => ({
    async print() {
      printed++;
      return { pdf: Buffer.from("%PDF-1.7 stub"), png: Buffer.from("png"), blockedRequests: [] };
    },
    async close() {},
  });

  beforeAll(async () => {
    store = openSqliteStore(join(dir, "repwatch.db"));
    await store.init();
    const range = weekRange(parseIsoWeek("2026-W47"), "Europe/Moscow");
    for (const batch of worldMentions({ weekStart: new Date(range.from), weeks: 3, perWeek: 40 }))
      await store.ingest(batch, noAlerts, new Date(range.to));
    slack = await startFakeSlack({ channels: [...DEFAULT_CHANNELS, { id: CHANNEL, name: "marketing" }] });
  });
  afterAll(async () => {
    await store.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const due = (now: string) =>
    runDigest({
      store,
      config: worldConfig({ brands: ["romashka"], channels: [{ channel: CHANNEL }] }),
      due: true,
      outDir: join(dir, "out"),
      printer,
      env: { SLACK_BOT_TOKEN: "xoxb-due-0001", REPWATCH_SLACK_API_URL: slack.apiUrl },
      now: new Date(now),
    });

  it("publishes the week the Monday 09:00 (Moscow) firing reports, once; later runs skip it without building", async () => {
    const first = await due("2026-11-23T06:30:00Z"); // Monday 09:30 in Moscow
    expect(first.week).toBe("2026-W47");
    expect(first.brands.map((b) => [b.brandId, b.channels[0]?.outcome.status])).toEqual([
      ["romashka", "published"],
    ]);
    expect(printed).toBe(1);
    const later = await due("2026-11-24T12:00:00Z");
    expect(later.week).toBe("2026-W47");
    expect(later.brands).toEqual([
      { brandId: "romashka", skipped: "already published to every channel", channels: [] },
    ]);
    expect(printed).toBe(1);
    expect(slack.messages(CHANNEL).filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(
      ["html", "json", "md", "pdf", "png"].map((e) => `romashka-2026-W47.${e}`),
    );
  });

  it("before Monday's firing the due week is still the week before", async () => {
    const early = await due("2026-11-23T05:59:00Z"); // 08:59 in Moscow
    expect(early.week).toBe("2026-W46");
    expect(early.brands[0]?.channels[0]?.outcome.status).toBe("published");
  });
});
