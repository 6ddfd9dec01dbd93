/**
 * What a pipeline run needs besides the store, built once per process: the language stage, the
 * fetcher (HTTP, plus Chromium started on first use by a browser source) and the notifiers. `run` builds
 * it for one pass, `daemon` for its whole life (the browser is then shared by every scheduled crawl).
 */
import { createNotifiers } from "../alert/notifiers/index.js";
import type { Env } from "../config/env.js";
import type { Config } from "../config/load.js";
import { createBrowserFetcher } from "../crawl/browser/browser-fetcher.js";
import { crawlTarget } from "../crawl/crawl-target.js";
import { createHttpFetcher } from "../crawl/http-fetcher.js";
import { createModeRouter } from "../crawl/mode-router.js";
import { extractPage } from "../extract/extract-page.js";
import type { RunDeps } from "../pipeline/run.js";
import type { Store } from "../store/store.js";
import type { Logger } from "../util/logger.js";
import { createLanguageStage } from "./language.js";

export async function createRunDeps(
  env: Env,
  config: Config,
  store: Store,
  log: Logger,
  out: NodeJS.WritableStream,
): Promise<RunDeps> {
  const language = await createLanguageStage(config);
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
  return {
    config,
    store,
    fetcher,
    extract: extractPage,
    crawlTarget,
    ...language,
    notifiers: createNotifiers(config.alerts.notifiers, { out, log: log.child({ stage: "alert" }) }),
    log,
  };
}
