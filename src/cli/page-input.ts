/**
 * Where `repwatch extract` and `repwatch sources check` get their page: a saved file (decoded like a
 * fetched body, given the URL it came from) or a live fetch through the real fetcher of the source's
 * mode (origin map, address guard, robots.txt, politeness: REPWATCH_ORIGIN_MAP and friends apply).
 */
import { readFileSync } from "node:fs";
import type { Env } from "../config/env.js";
import type { Source } from "../config/source.js";
import { decodeBody } from "../crawl/charset.js";
import type { Fetcher, Page } from "../crawl/types.js";
import type { Logger } from "../util/logger.js";

/** A saved page or API response as a Page: JSON when it looks like JSON (also `)]}'`-prefixed). */
export function pageFromFile(
  file: string,
  opts: { url: string; fetchedAt?: string; charset?: string | undefined },
): Page {
  const buf = readFileSync(file);
  const decoded = decodeBody(buf, undefined, opts.charset);
  const looksJson = /^\s*(?:[[{]|\)\]\}')/.test(decoded.text.slice(0, 64));
  const contentType = looksJson ? "application/json" : "text/html";
  return {
    url: opts.url,
    status: 200,
    headers: { "content-type": contentType },
    body: decoded.text,
    contentType,
    fetchedAt: opts.fetchedAt ?? new Date().toISOString(),
    charset: decoded.charset,
  };
}

/** The fetcher a live check of `source` uses: HTTP, or Chromium for `fetch.mode: browser`. */
export async function fetcherFor(source: Source, env: Env, log: Logger): Promise<Fetcher> {
  const common = {
    userAgent: env.REPWATCH_USER_AGENT,
    originMap: env.REPWATCH_ORIGIN_MAP,
    allowAddresses: env.REPWATCH_ALLOW_ADDRESSES,
    log: log.child({ stage: "crawl" }),
  };
  if (source.fetch.mode === "browser") {
    const { createBrowserFetcher } = await import("../crawl/browser/browser-fetcher.js");
    return createBrowserFetcher({ ...common, chromiumPath: env.REPWATCH_CHROMIUM_PATH, maxPages: 1 });
  }
  const { createHttpFetcher } = await import("../crawl/http-fetcher.js");
  return createHttpFetcher(common);
}
