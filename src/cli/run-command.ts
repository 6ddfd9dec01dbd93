import { writeFileSync } from "node:fs";
import { openStore } from "../app/open-store.js";
/**
 * `repwatch run`: one pass over the due sources, then alert delivery, then the weekly digest when its
 * schedule fired (full runs only); prints the run summary. For cron containers: SIGTERM/SIGINT stop it
 * gracefully (src/schedule/shutdown.ts), overlapping runs never crawl one target at once (leases).
 * `--dry-run` fetches and analyses, stores nothing (no mention, state, run record or lease), alerts
 * nothing, and prints what a real run would have stored and alerted.
 */
import { createRunDeps } from "../app/run-deps.js";
import { parseEnv } from "../config/env.js";
import { loadConfig } from "../config/load.js";
import { type DigestStep, describeDigestStep, digestIfDue } from "../ops/digest-step.js";
import { compactSummary } from "../ops/summary-log.js";
import { type RunOptions, type RunSummary, runOnce } from "../pipeline/run.js";
import { holderId } from "../schedule/lease-keeper.js";
import { installShutdown } from "../schedule/shutdown.js";
import { createLogger } from "../util/logger.js";
import { EXIT } from "./exit-codes.js";
import { formatSummary } from "./format-summary.js";

export interface RunCommandOptions extends RunOptions {
  configDir: string;
  json?: boolean;
  summaryOut?: string;
  /** `--no-digest` sets false. @default true (full runs only) */
  digest?: boolean;
  /** Grace period of a shutdown, seconds. @default 20 */
  graceSeconds?: number;
}

export async function runCommand(opts: RunCommandOptions, out: NodeJS.WritableStream = process.stdout) {
  const env = parseEnv();
  const log = createLogger(env);
  const config = loadConfig(opts.configDir);
  const shutdown = installShutdown({ graceMs: (opts.graceSeconds ?? 20) * 1000, log });
  const store = await openStore(env);
  const holder = holderId("run");
  const leaseTtlMs = env.REPWATCH_LEASE_SECONDS * 1000;
  let summary: RunSummary;
  let digest: DigestStep | undefined;
  const deps = await createRunDeps(env, config, store, log, out);
  try {
    summary = await runOnce(deps, {
      ...opts,
      stopSignal: shutdown.stop,
      abortSignal: shutdown.abort,
      holder,
      leaseTtlMs,
    });
    const full = !opts.source && !opts.brand;
    if (full && !opts.dryRun && opts.digest !== false && !shutdown.stop.aborted)
      digest = await digestIfDue({
        store,
        config,
        log,
        holder,
        leaseTtlMs,
        chromiumPath: env.REPWATCH_CHROMIUM_PATH,
      });
  } finally {
    await deps.fetcher.close();
    await store.close();
  }
  log.info({ summary: compactSummary(summary) }, "run summary");
  if (opts.summaryOut) writeFileSync(opts.summaryOut, `${JSON.stringify(summary, null, 2)}\n`);
  const digestLine = digest && describeDigestStep(digest);
  out.write(
    opts.json
      ? `${JSON.stringify(digest ? { ...summary, digest } : summary)}\n`
      : formatSummary(summary) + (digestLine ? `${digestLine}\n` : ""),
  );
  const failed = summary.someFailed || summary.alerts.failed > 0 || digest?.status === "failed";
  return { summary, exitCode: failed ? EXIT.someFailed : EXIT.ok };
}
