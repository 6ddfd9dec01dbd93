/**
 * One fetcher for a whole run: sources with `fetch.mode: http` go to the HTTP fetcher, `browser` ones to a
 * browser fetcher started on first use (no Chromium is launched for a run without browser sources). Both
 * share the HTTP fetcher's crawl policy (robots cache, per-host queues), so a host is paced as one.
 */
import type { FetchSettings } from "../config/source.js";
import type { HttpFetcher } from "./http-fetcher.js";
import type { Fetcher } from "./types.js";

export function createModeRouter(http: HttpFetcher, startBrowser: (http: HttpFetcher) => Fetcher): Fetcher {
  let browser: Fetcher | undefined;
  const pick = (settings: FetchSettings): Fetcher => {
    if (settings.mode !== "browser") return http;
    browser ??= startBrowser(http);
    return browser;
  };
  return {
    fetch: (url, settings, signal, options) => pick(settings).fetch(url, settings, signal, options),
    async close() {
      // the browser first: it shares the HTTP fetcher's policy, which the HTTP fetcher closes
      if (browser) await browser.close();
      await http.close();
    },
  };
}
