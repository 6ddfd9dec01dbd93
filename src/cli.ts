#!/usr/bin/env node
/**
 * The repwatch command line. `--help` lists only commands that work.
 * Exit codes: 0 ok, 1 some source failed, 2 config error, 3 store unavailable.
 */
import { resolve } from "node:path";
import { Command } from "commander";
import { configCheck } from "./cli/config-check.js";
import { reportFatal } from "./cli/errors.js";
import { EXIT } from "./cli/exit-codes.js";

const program = new Command()
  .name("repwatch")
  .description("Watch review sites, maps, employer boards and forums for what people say about your brands.")
  .version("0.1.0")
  .option("--config-dir <dir>", "directory holding sources/ and rules/", ".")
  .showHelpAfterError();

interface RunFlags {
  source?: string;
  brand?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  summaryOut?: string;
  digest?: boolean;
  graceSeconds?: number;
}

/** A whole number of seconds/port from a flag: commander passes strings. */
const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} expects a whole number ≥ 0, got "${v}"`);
  return n;
};

const configDir = () => resolve(program.opts<{ configDir: string }>().configDir);

program
  .command("run")
  .description(
    "crawl the due sources once, store new mentions, deliver alerts, the digest when due, print a summary (for cron)",
  )
  .option("--source <id>", "only this source")
  .option("--brand <id>", "only this brand")
  .option("--force", "crawl every target, due or not")
  .option("--dry-run", "fetch and analyse, store nothing, alert nothing")
  .option("--json", "print the run summary as JSON")
  .option("--summary-out <file>", "also write the run summary as JSON to this file")
  .option("--no-digest", "skip the weekly digest step (full runs do it when its schedule fired)")
  .option(
    "--grace-seconds <n>",
    "on SIGTERM/SIGINT, let pages in flight finish this long",
    int("--grace-seconds"),
    20,
  )
  .action(async (o: RunFlags) => {
    const { runCommand } = await import("./cli/run-command.js");
    const { exitCode } = await runCommand({ ...o, configDir: configDir() });
    process.exitCode = exitCode;
  });

program
  .command("daemon")
  .description(
    "crawl each source on its schedule, deliver alerts, publish the digest; leases let replicas share one store",
  )
  .option("--source <id>", "only this source")
  .option("--brand <id>", "only this brand")
  .option(
    "--metrics-port <n>",
    "serve /metrics and /healthz on this port (default: $REPWATCH_METRICS_PORT)",
    int("--metrics-port"),
  )
  .option(
    "--sweep-seconds <n>",
    "look for due work (missed firings, a dead replica's) this often",
    int("--sweep-seconds"),
    60,
  )
  .option(
    "--grace-seconds <n>",
    "on SIGTERM/SIGINT, let pages in flight finish this long",
    int("--grace-seconds"),
    20,
  )
  .option("--no-digest", "do not publish the weekly digest from this daemon")
  .action(
    async (o: {
      source?: string;
      brand?: string;
      metricsPort?: number;
      sweepSeconds?: number;
      graceSeconds?: number;
      digest?: boolean;
    }) => {
      const { daemonCommand } = await import("./cli/daemon-command.js");
      process.exitCode = await daemonCommand({ ...o, configDir: configDir() });
    },
  );

program
  .command("status")
  .description("the last run of every source and its health, pending and failed alerts, the digest")
  .option("--source <id>", "only this source")
  .option("--json", "print as JSON")
  .action(async (o: { source?: string; json?: boolean }) => {
    const { statusCommand } = await import("./cli/status-command.js");
    process.exitCode = await statusCommand({ ...o, configDir: configDir() });
  });

program
  .command("doctor")
  .description("check the environment: config, store, Slack token and channels, Chromium, DNS, clock")
  .option("--source <id>", "only this source's hosts")
  .option("--json", "print the checks as JSON")
  .action(async (o: { source?: string; json?: boolean }) => {
    const { doctorCommand } = await import("./cli/doctor-command.js");
    process.exitCode = await doctorCommand({ ...o, configDir: configDir() });
  });

program
  .command("analyse")
  .description(
    "score texts: one JSON object per line on stdin → label, score, confidence, lang, reasons, risks",
  )
  .requiredOption("--jsonl", "read and write JSON lines (the only format)")
  .action(async () => {
    const { analyseCommand } = await import("./cli/language-commands.js");
    process.exitCode = await analyseCommand(configDir());
  });

program
  .command("match")
  .description("brand matching: one JSON object per line on stdin → the match (alias, span, snippet) or null")
  .requiredOption("--brand <id>", "brand id from rules/brands.yaml")
  .requiredOption("--jsonl", "read and write JSON lines (the only format)")
  .action(async (o: { brand: string }) => {
    const { matchCommand } = await import("./cli/language-commands.js");
    process.exitCode = await matchCommand(configDir(), o.brand);
  });

program
  .command("extract")
  .description("extract a saved page or API response with a source definition; print the mentions")
  .requiredOption("--source <id>", "source id (sources/<id>.yaml)")
  .requiredOption("--file <path>", "the saved page (HTML) or response (JSON)")
  .option("--url <url>", "the URL the file was saved from (links and page-param paging resolve against it)")
  .option("--fetched-at <iso>", "when it was saved (relative dates count from it)")
  .option("--json", "print the mentions as a JSON array")
  .action(async (o: { source: string; file: string; url?: string; fetchedAt?: string; json?: boolean }) => {
    const { extractCommand } = await import("./cli/source-commands.js");
    process.exitCode = extractCommand(configDir(), o);
  });

const sources = program.command("sources").description("source definition tools");
sources
  .command("list")
  .description("every source: id, kind, fetch mode, extract type, name")
  .option("--json", "print as JSON")
  .action(async (o: { json?: boolean }) => {
    const { sourcesList } = await import("./cli/source-commands.js");
    process.exitCode = sourcesList(configDir(), o.json);
  });
sources
  .command("check <id>")
  .description("fetch (or read) one page of a source: items, field coverage, warnings, page facts")
  .option("--url <url>", "fetch this URL through the real fetcher (REPWATCH_ORIGIN_MAP applies)")
  .option("--file <path>", "read a saved page instead of fetching")
  .option("--fetched-at <iso>", "with --file: when it was saved")
  .option("--json", "print the report as JSON")
  .action(async (id: string, o: { url?: string; file?: string; fetchedAt?: string; json?: boolean }) => {
    const { sourcesCheck } = await import("./cli/source-commands.js");
    process.exitCode = await sourcesCheck(configDir(), id, o);
  });

program
  .command("digest")
  .description(
    "the weekly digest per brand: HTML, PDF, Markdown and JSON files, posted to the Slack channels of rules/digest.yaml once",
  )
  .option("--brand <id>", "only this brand")
  .option("--week <iso>", "the ISO week to report, e.g. 2026-W47 (default: the last complete week)")
  .option("--out <dir>", "where to write the files (default: `out` in rules/digest.yaml)")
  .option("--due", "report the week the schedule last fired for; skip what is already published")
  .option("--no-slack", "write the files only, post nothing")
  .option("--json", "print the result as JSON")
  .action(
    async (o: {
      brand?: string;
      week?: string;
      out?: string;
      due?: boolean;
      slack?: boolean;
      json?: boolean;
    }) => {
      const { digestCommand } = await import("./cli/digest-command.js");
      process.exitCode = await digestCommand(configDir(), o);
    },
  );

const config = program.command("config").description("configuration tools");
config
  .command("check")
  .description("check sources/*.yaml and rules/*.yaml; print every error as file:line:col path — message")
  .action(() => {
    configCheck(configDir());
    process.exitCode = EXIT.ok;
  });

program
  .command("migrate")
  .description("copy an SQLite store into MongoDB (history kept, nothing re-alerted; safe to run twice)")
  .requiredOption("--from <sqlite:file>", "the SQLite store, as sqlite:<file>")
  .option("--to <uri>", "MongoDB connection string (default: $MONGODB_URI)")
  .action(async (o: { from: string; to?: string }) => {
    const { migrateCommand } = await import("./cli/migrate-command.js");
    process.exitCode = (
      await migrateCommand({ from: o.from, to: o.to ?? process.env.MONGODB_URI ?? "" })
    ).exitCode;
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.exitCode = reportFatal(err);
});
