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
 * Then the real `repwatch digest` builds last week's digest of each brand (demo-out/digest/) and posts it to
 * the fake Slack's #marketing (C0DIGEST01); the demo brand's copies are demo-out/digest.html,
 * digest.pdf, digest.png (its first page), digest.md and digest.json. A second run posts no second digest.
 *
 * Options: --fresh (delete the store first), --out DIR (default demo-out).
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DigestRunResult } from "../src/digest/run-digest.js";
import type { RunSummary } from "../src/pipeline/run.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { DEFAULT_CHANNELS, startFakeSlack } from "../tests/fakes/slack/server.js";
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
const slack = await startFakeSlack({
  channels: [...DEFAULT_CHANNELS, { id: "C0DIGEST01", name: "marketing" }],
});
console.log(`fake Slack on ${slack.apiUrl}`);
const runSummaryPath = join(outDir, "run-summary.json");
let code: number | null = null;
let digest: { code: number | null; result?: DigestRunResult } = { code: null };
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
  digest = await runDigestCli();
} finally {
  await web.close();
  slack.writeJsonl(join(outDir, "slack.jsonl"));
  await slack.close();
}

/** `repwatch digest --json` against the demo store and the fake Slack; the demo brand's files copied up. */
async function runDigestCli(): Promise<{ code: number | null; result?: DigestRunResult }> {
  let stdout = "";
  const digestCode = await new Promise<number | null>((done, fail) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src", "cli.ts"), "digest", "--json", "--out", join(outDir, "digest")],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
        env: {
          ...process.env,
          REPWATCH_STORE: "sqlite",
          REPWATCH_DB: dbPath,
          REPWATCH_LOG_LEVEL: process.env.REPWATCH_LOG_LEVEL ?? "warn",
          SLACK_BOT_TOKEN: "xoxb-demo-0000000000-repwatch",
          REPWATCH_SLACK_API_URL: slack.apiUrl,
        },
      },
    );
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.on("error", fail);
    child.on("close", done);
  });
  if (digestCode !== 0) return { code: digestCode };
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as DigestRunResult;
  const files = result.brands[0]?.files;
  if (files)
    for (const [ext, file] of [
      ["html", files.html],
      ["pdf", files.pdf],
      ["png", files.png],
      ["md", files.markdown],
      ["json", files.json],
    ])
      copyFileSync(file!, join(outDir, `digest.${ext}`));
  return { code: digestCode, result };
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
  digest: {
    exitCode: digest.code,
    week: digest.result?.week,
    brands: digest.result?.brands.map((b) => ({
      brand: b.brandId,
      mentions: b.headline?.volume.current,
      slack: b.channels.map((c) => ({ channel: c.channel, status: c.outcome.status })),
    })),
    files: ["digest.html", "digest.pdf", "digest.png", "digest.md", "digest.json"].map((f) =>
      join(outDir, f),
    ),
  },
  exitCode: code,
};
writeFileSync(join(outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(
  `demo: ${summary.mentions.new} new of ${total} stored mentions, ${summary.alerts.sentThisRun} alerts sent this run` +
    `; Slack got ${summary.slack.messages} message(s) → ${join(outDir, "summary.json")}, ${join(outDir, "slack.jsonl")}`,
);
console.log(
  `digest ${summary.digest.week}: ${summary.digest.brands?.map((b) => `${b.brand} ${b.mentions} mentions, Slack ${b.slack.map((c) => c.status).join("/") || "—"}`).join("; ")}` +
    ` → ${join(outDir, "digest.html")}, digest.pdf, digest.png`,
);
process.exitCode = code === 0 ? (digest.code ?? 1) : (code ?? 1);
