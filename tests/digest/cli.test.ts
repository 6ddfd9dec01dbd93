/**
 * `repwatch digest` end to end: the real CLI (child process) on a seeded SQLite store and the
 * repository's own config, posting to the fake Slack; run twice it posts once. And rules/digest.yaml's
 * checks (unknown brands, bad channel ids, bad cron/zone) reported with positions, exit 2.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load.js";
import { parseIsoWeek, weekRange } from "../../src/digest/week.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { DEFAULT_CHANNELS, type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { noAlerts } from "../store/fixtures.js";
import { worldMentions } from "./world.js";

const CHANNEL = "C0DIGEST01"; // rules/digest.yaml's channel

describe("repwatch digest (CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-digest-cli-"));
  const db = join(dir, "repwatch.db");
  const out = join(dir, "out");
  let slack: FakeSlack;
  const env = () => ({
    REPWATCH_STORE: "sqlite",
    REPWATCH_DB: db,
    SLACK_BOT_TOKEN: "xoxb-digest-cli-0001",
    REPWATCH_SLACK_API_URL: slack.apiUrl,
    REPWATCH_LOG_LEVEL: "warn",
  });

  beforeAll(async () => {
    const store = openSqliteStore(db);
    await store.init();
    const range = weekRange(parseIsoWeek("2026-W47"), "Europe/Moscow");
    for (const batch of worldMentions({ weekStart: new Date(range.from), weeks: 4, perWeek: 80 }))
      await store.ingest(batch, noAlerts, new Date(range.to));
    await store.close();
    slack = await startFakeSlack({ channels: [...DEFAULT_CHANNELS, { id: CHANNEL, name: "marketing" }] });
  });
  afterAll(async () => {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes HTML, PDF, PNG, Markdown and JSON and posts the summary with the PDF in its thread; a second run posts nothing", async () => {
    const first = await runCli(["digest", "--brand", "romashka", "--week", "2026-W47", "--out", out], {
      env: env(),
    });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^digest 2026-W47 → /);
    expect(first.stdout).toMatch(/romashka: \d+ mentions [▲▼→] .* negative .* rating \d\.\d/);
    expect(first.stdout).toContain(`slack ${CHANNEL}: published`);
    for (const ext of ["html", "pdf", "png", "md", "json"])
      expect(existsSync(join(out, `romashka-2026-W47.${ext}`)), ext).toBe(true);
    const json = JSON.parse(readFileSync(join(out, "romashka-2026-W47.json"), "utf8"));
    expect(json).toMatchObject({
      schema: "repwatch.digest/1",
      brand: { id: "romashka" },
      week: { iso: "2026-W47" },
    });
    expect(json.trend).toHaveLength(12);
    const messages = slack.messages(CHANNEL);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ thread_ts: messages[0]!.ts });
    expect(slack.workspace.files.size).toBe(1);

    const again = await runCli(
      ["digest", "--brand", "romashka", "--week", "2026-W47", "--out", out, "--json"],
      { env: env() },
    );
    expect(again.code).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result.brands[0].channels).toEqual([
      {
        channel: CHANNEL,
        outcome: { status: "already-published", key: `digest:romashka:2026-W47#${CHANNEL}` },
      },
    ]);
    expect(slack.messages(CHANNEL)).toHaveLength(2);
  });

  it("without a token it still writes the files and says nothing was posted; --no-slack posts nothing", async () => {
    const noToken = await runCli(["digest", "--brand", "romashka", "--week", "2026-W46", "--out", out], {
      env: { ...env(), SLACK_BOT_TOKEN: "" },
    });
    expect(noToken.code).toBe(0);
    expect(noToken.stdout).toContain(`slack ${CHANNEL}: no-token: SLACK_BOT_TOKEN is not set`);
    expect(existsSync(join(out, "romashka-2026-W46.pdf"))).toBe(true);
    const quiet = await runCli(
      ["digest", "--brand", "romashka", "--week", "2026-W45", "--out", out, "--no-slack"],
      { env: env() },
    );
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain("slack");
    expect(slack.messages(CHANNEL)).toHaveLength(2);
  });

  it("a bad --week or --brand is a usage error, exit 2", async () => {
    const week = await runCli(["digest", "--week", "2026-47"], { env: env() });
    expect(week.code).toBe(2);
    expect(week.stderr).toContain("--week — expected an ISO week like 2026-W47");
    const brand = await runCli(["digest", "--brand", "nope"], { env: env() });
    expect(brand.code).toBe(2);
    expect(brand.stderr).toMatch(/--brand — unknown brand "nope" \(known: .*romashka/);
  });
});

describe("rules/digest.yaml", () => {
  function configDir(digest: string): string {
    const d = mkdtempSync(join(tmpdir(), "repwatch-digest-config-"));
    mkdirSync(join(d, "sources"));
    mkdirSync(join(d, "rules"));
    writeFileSync(join(d, "sources", "otzovik.yaml"), readFileSync(join(ROOT, "sources", "otzovik.yaml")));
    writeFileSync(
      join(d, "rules", "brands.yaml"),
      "brands:\n  - id: acme\n    name: Acme\n    targets: [{ source: otzovik, id: acme }]\n  - id: rival\n    name: Rival\n    competitor: true\n",
    );
    writeFileSync(
      join(d, "rules", "alerts.yaml"),
      "notifiers:\n  - id: console\n    type: console\nrules: []\n",
    );
    writeFileSync(join(d, "rules", "digest.yaml"), digest);
    return d;
  }

  it("defaults without the file, and the repository's own file is valid", () => {
    const own = loadConfig(ROOT);
    expect(own.digest).toMatchObject({ schedule: "0 9 * * 1", timezone: "Europe/Moscow", trendWeeks: 12 });
    expect(own.digest.channels[0]).toMatchObject({
      channel: CHANNEL,
      tokenEnv: "SLACK_BOT_TOKEN",
      attempts: 3,
    });
    const d = configDir("schedule: '0 8 * * 1'\n");
    rmSync(join(d, "rules", "digest.yaml"));
    expect(loadConfig(d).digest).toMatchObject({ schedule: "0 9 * * 1", timezone: "UTC", channels: [] });
  });

  it("reports unknown brands, bad channel and recipient ids, a bad cron and zone, with positions", () => {
    const d = configDir(
      [
        'schedule: "61 9 * * 1"',
        "timezone: Mars/Olympus",
        "brands: [acme, acmee]",
        "competitors: [rivall]",
        "channels:",
        "  - channel: marketing",
        "    recipients: [bob]",
        "  - channel: C0DIGEST01",
        "    brands: [ghost]",
        "    colour: red",
        "",
      ].join("\n"),
    );
    let err: unknown;
    try {
      loadConfig(d);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as ConfigError).message
      .split("\n")
      .filter((l) => l.startsWith("rules/digest.yaml") || l.includes("digest.yaml:"));
    const text = lines.join("\n");
    expect(text).toMatch(/digest\.yaml:1:\d+ schedule — invalid cron expression "61 9 \* \* 1"/);
    expect(text).toMatch(/digest\.yaml:2:\d+ timezone — unknown IANA time zone "Mars\/Olympus"/);
    expect(text).toMatch(/digest\.yaml:6:\d+ channels\[0\]\.channel — expected a Slack channel id/);
    expect(text).toMatch(/digest\.yaml:7:\d+ channels\[0\]\.recipients\[0\] — expected a Slack user id/);
    expect(text).toMatch(/digest\.yaml:10:\d+ channels\[1\]\.colour — unknown key "colour"/);
    // brand references are checked once the file parses
    const d2 = configDir(
      "brands: [acme, acmee]\ncompetitors: [rivall]\nchannels:\n  - channel: C0DIGEST01\n    brands: [ghost]\n",
    );
    let err2: unknown;
    try {
      loadConfig(d2);
    } catch (e) {
      err2 = e;
    }
    const text2 = (err2 as ConfigError).message;
    expect(text2).toMatch(/digest\.yaml:1:\d+ brands\[1\] — unknown brand "acmee" \(known: acme, rival\)/);
    expect(text2).toMatch(/digest\.yaml:2:\d+ competitors\[0\] — unknown brand "rivall"/);
    expect(text2).toMatch(/digest\.yaml:5:\d+ channels\[0\]\.brands\[0\] — unknown brand "ghost"/);
  });
});
