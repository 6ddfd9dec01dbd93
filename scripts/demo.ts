/**
 * `npm run demo`: the whole job on the embedded default, against the replica web.
 *
 * Starts the replica web and the fake Slack on 127.0.0.1, runs the real `repwatch run --force` (a
 * child process) with the SQLite store in demo-out/repwatch.db (kept between runs; `--fresh` starts
 * over), a demo bot token and REPWATCH_SLACK_API_URL pointing at the fake Slack, and writes
 * demo-out/summary.json and demo-out/slack.jsonl (every request the fake Slack received this run,
 * one JSON object per line with its method and body). Run it twice: the second run stores 0 new mentions and
 * sends no alert twice.
 *
 * Options: --fresh (delete the store first), --out DIR (default demo-out).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RunSummary } from "../src/pipeline/run.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { startFakeSlack } from "../tests/fakes/slack/server.js";
import { startReplicaWeb } from "../tests/web/server.js";
import { allSites } from "../tests/web/sites.js";

const ROOT = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const fresh = args.includes("--fresh");
const outIdx = args.indexOf("--out");
const outDir = resolve(outIdx >= 0 && args[outIdx + 1] ? args[outIdx + 1]! : join(ROOT, "demo-out"));
const dbPath = join(outDir, "repwatch.db");

mkdirSync(outDir, { recursive: true });
if (fresh) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });

const web = await startReplicaWeb(allSites);
console.log(`replica web on ${web.base} (${allSites.flatMap((s) => s.hosts).join(", ")})`);
const slack = await startFakeSlack();
console.log(`fake Slack on ${slack.apiUrl}`);
const runSummaryPath = join(outDir, "run-summary.json");
let code: number | null = null;
try {
  code = await new Promise<number | null>((done, fail) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src", "cli.ts"), "run", "--force", "--summary-out", runSummaryPath],
      {
        cwd: ROOT,
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          REPWATCH_STORE: "sqlite",
          REPWATCH_DB: dbPath,
          REPWATCH_ORIGIN_MAP: web.originMap,
          REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
          REPWATCH_LOG_LEVEL: process.env.REPWATCH_LOG_LEVEL ?? "warn",
          SLACK_BOT_TOKEN: "xoxb-demo-0000000000-repwatch",
          REPWATCH_SLACK_API_URL: slack.apiUrl,
        },
      },
    );
    child.on("error", fail);
    child.on("close", done);
  });
} finally {
  await web.close();
  slack.writeJsonl(join(outDir, "slack.jsonl"));
  await slack.close();
}

const run = JSON.parse(readFileSync(runSummaryPath, "utf8")) as RunSummary;
const store = openSqliteStore(dbPath);
await store.init();
const total = await store.countMentions();
const byPlatform: Record<string, { total: number; new: number }> = {};
for (const t of run.targets) {
  const p = byPlatform[t.source] ?? { total: 0, new: 0 };
  p.new += t.new;
  byPlatform[t.source] = p;
}
for (const platform of Object.keys(byPlatform))
  byPlatform[platform]!.total = await store.countMentions({ platform });
const alerts = await store.listAlerts();
await store.close();

const summary = {
  mentions: { total, new: run.mentions.new, changed: run.mentions.changed, byPlatform },
  alerts: {
    total: alerts.length,
    sent: alerts.filter((a) => a.state === "sent").length,
    sentThisRun: run.alerts.sent,
    pending: alerts.filter((a) => a.state === "pending").length,
  },
  slack: {
    requests: slack.requests.length,
    messages: slack.messages().length,
    topLevel: slack.messages().filter((m) => !m.thread_ts).length,
    inThreads: slack.messages().filter((m) => m.thread_ts).length,
  },
  sources: run.targets.map((t) => ({ source: t.source, brand: t.brand, status: t.status, items: t.items })),
  exitCode: code,
};
writeFileSync(join(outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(
  `demo: ${summary.mentions.new} new of ${total} stored mentions, ${summary.alerts.sentThisRun} alerts sent this run` +
    `; Slack got ${summary.slack.messages} message(s) → ${join(outDir, "summary.json")}, ${join(outDir, "slack.jsonl")}`,
);
process.exitCode = code ?? 1;
