import { writeFileSync } from "node:fs";
/** `repwatch run`: one pass over the due sources, then alert delivery; prints the run summary. */
import { createNotifiers } from "../alert/notifiers/index.js";
import { createLanguageStage } from "../app/language.js";
import { openStore } from "../app/open-store.js";
import { parseEnv } from "../config/env.js";
import { loadConfig } from "../config/load.js";
import { createBrowserFetcher } from "../crawl/browser/browser-fetcher.js";
import { crawlTarget } from "../crawl/crawl-target.js";
import { createHttpFetcher } from "../crawl/http-fetcher.js";
import { createModeRouter } from "../crawl/mode-router.js";
import { extractPage } from "../extract/extract-page.js";
import { type RunOptions, type RunSummary, runOnce } from "../pipeline/run.js";
import { createLogger } from "../util/logger.js";
import { EXIT } from "./exit-codes.js";
import { formatSummary } from "./format-summary.js";

export interface RunCommandOptions extends RunOptions {
  configDir: string;
  json?: boolean;
  summaryOut?: string;
}

export async function runCommand(opts: RunCommandOptions, out: NodeJS.WritableStream = process.stdout) {
  const env = parseEnv();
  const log = createLogger(env);
  const config = loadConfig(opts.configDir);
  const language = await createLanguageStage(config);
  const store = await openStore(env);
  const http = createHttpFetcher({
    userAgent: env.REPWATCH_USER_AGENT,
    originMap: env.REPWATCH_ORIGIN_MAP,
    allowAddresses: env.REPWATCH_ALLOW_ADDRESSES,
    log: log.child({ stage: "crawl" }),
  });
  // Browser sources (fetch.mode: browser) get Chromium, launched only when one is crawled.
  const fetcher = createModeRouter(http, (h) =>
    createBrowserFetcher({
      userAgent: env.REPWATCH_USER_AGENT,
      chromiumPath: env.REPWATCH_CHROMIUM_PATH,
      policy: h.policy,
    }),
  );
  let summary: RunSummary;
  try {
    summary = await runOnce(
      {
        config,
        store,
        fetcher,
        extract: extractPage,
        crawlTarget,
        ...language,
        notifiers: createNotifiers(config.alerts.notifiers, { out, log: log.child({ stage: "alert" }) }),
        log,
      },
      opts,
    );
  } finally {
    await fetcher.close();
    await store.close();
  }
  if (opts.summaryOut) writeFileSync(opts.summaryOut, `${JSON.stringify(summary, null, 2)}\n`);
  out.write(opts.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
  return { summary, exitCode: summary.someFailed || summary.alerts.failed > 0 ? EXIT.someFailed : EXIT.ok };
}
