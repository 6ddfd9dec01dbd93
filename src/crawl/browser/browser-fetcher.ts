/**
 * The browser fetcher: Debian's Chromium via playwright-core, under the same crawl policy as HTTP.
 *
 * The document is fetched by Node first (robots.txt, per-host politeness, address guard on every
 * redirect hop, origin map, status meaning, charset), then handed to a pooled page by route
 * interception, so the page's URL is the logical one. Every other request the page makes is
 * intercepted too: images/fonts/media are refused, the rest is fetched by Node through the guard and
 * the origin map and fulfilled — Chromium itself never opens a connection.
 *
 * Watchdogs: a per-page deadline (`fetch.timeoutMs`, page.evaluate included: the page is closed when it
 * passes), crashed pages are replaced, a crashed/disconnected browser is relaunched, the browser is
 * recycled every `recycleAfter` pages.
 */
import { availableParallelism } from "node:os";
import type { BrowserContext, Page as PwPage, Request, Route } from "playwright-core";
import type { FetchSettings } from "../../config/source.js";
import { AddressBlockedError, CrawlError, RetryableError, RobotsDisallowedError } from "../errors.js";
import { createHttpFetcher } from "../http-fetcher.js";
import { type CrawlPolicy, type CrawlPolicyOptions, createCrawlPolicy } from "../policy.js";
import { type RetryPolicy, withRetries } from "../retry.js";
import type { Fetcher, Page } from "../types.js";
import { type BrowserPool, createBrowserPool } from "./browser-pool.js";
import { readState, remaining, runSteps } from "./browser-steps.js";
import { findChromium } from "./chromium-path.js";
import { createSubrequestFetcher, fulfilHeaders, utf8ContentType } from "./subrequests.js";

export interface BrowserFetcherOptions extends CrawlPolicyOptions, RetryPolicy {
  /** REPWATCH_CHROMIUM_PATH; default: auto-detected (/usr/bin/chromium, then Playwright's own). */
  chromiumPath?: string | undefined;
  /** Pages open at once. @default 4 */
  maxPages?: number;
  /** Pages served before the browser is recycled. @default 200 */
  recycleAfter?: number;
  /** Uses of one page before it is closed and replaced (bounds renderer memory). @default 4 */
  pageUses?: number;
  /**
   * Renderer processes at most; pages share them beyond that. Rendering is CPU-bound, so more renderers
   * than cores buy memory use, not speed (a shared renderer's crash fails its pages, which are retried).
   * @default max(2, number of CPUs)
   */
  rendererLimit?: number;
  /** Extra Chromium flags, instead of CRAWL_ARGS. @default CRAWL_ARGS */
  chromiumArgs?: string[];
  /** After DOMContentLoaded, how long to wait for the load event before reading anyway, ms. @default 3000 */
  loadWaitMs?: number;
  /** Share the policy (robots cache, host queues) with the HTTP fetcher. */
  policy?: CrawlPolicy;
  /** Extra environment for the Chromium processes (tests tag them to count them). */
  browserEnv?: Record<string, string>;
  /** Test and diagnostics hooks. */
  hooks?: { beforeNavigate?(page: PwPage, url: string): Promise<void> | void };
}

export interface BrowserFetcher extends Fetcher {
  readonly pool: BrowserPool;
  readonly policy: CrawlPolicy;
}

interface InFlight {
  settings: FetchSettings;
  /** The prefetched document, served once to the page's main-frame navigation. */
  doc?: Page | undefined;
}

/**
 * Extra flags for crawling (not for PDF rendering): the GPU thread (software compositing anyway)
 * in the browser process — one process less, ~30 MB and a little CPU per page saved.
 */
export const CRAWL_ARGS = ["--in-process-gpu"];

function toRetryable(err: unknown, url: string): CrawlError {
  if (err instanceof CrawlError) return err;
  const msg = (err as Error)?.message ?? String(err);
  return new RetryableError(`browser: ${msg.split("\n")[0]}`, { url, cause: err });
}

export function createBrowserFetcher(opts: BrowserFetcherOptions): BrowserFetcher {
  const ownPolicy = !opts.policy;
  const policy = opts.policy ?? createCrawlPolicy(opts);
  const log = policy.log;
  // Documents go through the HTTP path (no retries of its own: the browser's retry loop wraps it).
  const docs = createHttpFetcher({ ...opts, policy, maxRetries: 0, maxThrottleWaits: 0 });
  const inFlight = new WeakMap<PwPage, InFlight>();
  const loadWaitMs = opts.loadWaitMs ?? 3000;
  let executablePath: string | undefined;

  const pageOf = (req: Request): PwPage | undefined => {
    try {
      return req.frame().page();
    } catch {
      return undefined;
    }
  };

  const fetchSubrequest = createSubrequestFetcher(policy);

  const onRoute = async (route: Route): Promise<void> => {
    const req = route.request();
    const page = pageOf(req);
    const flight = page ? inFlight.get(page) : undefined;
    const blocked = flight?.settings.browser?.block ?? ["image", "font", "media"];
    try {
      if (!/^https?:/i.test(req.url())) return await route.continue();
      if ((blocked as string[]).includes(req.resourceType())) return await route.abort("blockedbyclient");
      const doc = flight?.doc;
      if (
        doc &&
        req.isNavigationRequest() &&
        req.url() === doc.url &&
        page &&
        req.frame() === page.mainFrame()
      ) {
        flight.doc = undefined;
        return await route.fulfill({
          status: doc.status,
          // The body is decoded text now: say UTF-8, whatever the site declared.
          headers: { ...fulfilHeaders(doc.headers), "content-type": utf8ContentType(doc.contentType) },
          body: doc.body,
        });
      }
      const res = await fetchSubrequest(req, flight?.settings);
      await route.fulfill({ status: res.status, headers: fulfilHeaders(res.headers), body: res.body });
    } catch (err) {
      const reason =
        err instanceof AddressBlockedError
          ? "addressunreachable"
          : err instanceof RobotsDisallowedError
            ? "blockedbyclient"
            : "failed";
      if (err instanceof CrawlError)
        log.debug({ url: req.url(), err: err.message }, "browser subrequest refused");
      await route.abort(reason).catch(() => {});
    }
  };

  const pool = createBrowserPool({
    get executablePath() {
      executablePath ??= findChromium(opts.chromiumPath);
      return executablePath;
    },
    userAgent: opts.userAgent,
    maxPages: opts.maxPages ?? 4,
    recycleAfter: opts.recycleAfter ?? 200,
    pageUses: opts.pageUses ?? 4,
    extraArgs: [
      ...(opts.chromiumArgs ?? CRAWL_ARGS),
      `--renderer-process-limit=${opts.rendererLimit ?? Math.max(2, availableParallelism())}`,
    ],
    env: opts.browserEnv,
    log,
    async setupContext(ctx: BrowserContext) {
      await ctx.route("**/*", onRoute);
      // WebSockets bypass request routing (and so the guard): a crawl needs none, refuse them all.
      await ctx.routeWebSocket(/.*/, (ws) => ws.close({ code: 1008, reason: "refused by the crawler" }));
    },
  });

  const render = async (
    page: PwPage,
    doc: Page,
    settings: FetchSettings,
    deadline: number,
  ): Promise<Page> => {
    await opts.hooks?.beforeNavigate?.(page, doc.url);
    await page.goto(doc.url, { waitUntil: "domcontentloaded", timeout: remaining(deadline) });
    // Steps get a soft deadline: when a step times out, the page is still read (extraction then tells
    // a captcha or a redesign from a slow page), within the hard deadline.
    const soft = deadline - Math.min(1000, settings.timeoutMs / 5);
    // Without a selector to wait for, the load event (bounded) is the sign the page has rendered.
    if (!settings.browser?.waitFor) {
      await page.waitForLoadState("load", { timeout: Math.min(loadWaitMs, remaining(soft)) }).catch(() => {});
    }
    try {
      await runSteps(page, settings.browser, soft);
    } catch (err) {
      if ((err as Error).name !== "TimeoutError") throw err;
      log.warn(
        { url: doc.url, err: (err as Error).message.split("\n")[0] },
        "browser step timed out: reading the page as is",
      );
    }
    const base: Page = {
      url: doc.url,
      status: doc.status,
      headers: doc.headers,
      body: "",
      contentType: "text/html; charset=utf-8",
      fetchedAt: new Date().toISOString(),
      charset: "utf-8",
    };
    const stateExpr = settings.browser?.state;
    if (stateExpr) {
      const json = await readState(page, stateExpr);
      if (json !== undefined)
        return { ...base, body: json, contentType: "application/json", state: JSON.parse(json) };
      log.warn({ url: doc.url, state: stateExpr }, "embedded state not found: reading the DOM instead");
    }
    return { ...base, body: await page.content() };
  };

  const attempt = async (url: string, settings: FetchSettings, signal?: AbortSignal): Promise<Page> => {
    const doc = await docs.fetch(url, settings, signal);
    const lease = await pool.acquire();
    // The page's own deadline starts when it has a page (waiting for a free one does not count).
    const deadline = Date.now() + settings.timeoutMs;
    const { page } = lease;
    inFlight.set(page, { settings, doc });
    let discard = false;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      discard = true;
      void page.close().catch(() => {});
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const overdue = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          discard = true;
          void page.close().catch(() => {});
          reject(
            new RetryableError(`browser page not done within ${settings.timeoutMs} ms`, { url: doc.url }),
          );
        }, remaining(deadline));
      });
      return await Promise.race([render(page, doc, settings, deadline), overdue]);
    } catch (err) {
      discard = true;
      if (signal?.aborted) throw signal.reason ?? err;
      throw toRetryable(err, doc.url);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      inFlight.delete(page);
      lease.release(discard);
    }
  };

  return {
    pool,
    policy,
    fetch(url, settings, signal) {
      const logicalUrl = new URL(url).href;
      return withRetries(logicalUrl, () => attempt(logicalUrl, settings, signal), opts, log, signal);
    },
    async close() {
      await pool.close();
      await docs.close();
      if (ownPolicy) policy.close();
    },
  };
}
