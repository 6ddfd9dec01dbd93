/**
 * One measured crawl, in its own process (so memory and CPU are this crawler's alone):
 *   node --import tsx bench/crawl-runner.ts '<json RunSpec>'
 * Prints one JSON line: { pages, items, errors, seconds, cpuSec } (cpuSec: this Node process only,
 * crawl phase; the driver adds the Chromium processes it saw).
 * Crawlee is loaded from bench/node_modules at run time (it is not a dependency of repwatch).
 */

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parse } from "yaml";
import { Source } from "../src/config/source.js";
import type { Fetcher } from "../src/crawl/types.js";
import { extractPage } from "../src/extract/extract-page.js";

export interface RunSpec {
  impl: "repwatch" | "crawlee";
  kind: "http" | "browser";
  concurrency: number;
  /** Logical URLs (repwatch maps them); physical URLs for Crawlee (it has no origin map). */
  urls: string[];
  originMap: string;
  allowAddresses: string;
}

const spec = JSON.parse(process.argv[2] ?? "{}") as RunSpec;
// As in production (compiled JS): no source-mapped stack traces. tsx turns them on, and Playwright
// captures a stack on every API call, which then costs a source-map lookup (both crawlers alike).
process.setSourceMapsEnabled(false);

const otzovik = Source.parse(
  parse(readFileSync(new URL("../sources/otzovik.yaml", import.meta.url), "utf8")),
);
/** The JS pages' extraction (bench/crawl-site.ts → tests/web/lab/browser-site.ts markup). */
const jsSource = Source.parse({
  id: "jslab",
  name: "JS lab",
  kind: "review",
  homepage: "https://js.lab/",
  fetch: { mode: "browser", browser: { waitFor: ".review" } },
  extract: {
    type: "html",
    item: "div.review",
    fields: {
      externalId: { attr: "data-id" },
      url: { selector: "a.permalink", attr: "href" },
      author: ".author",
      rating: { attr: "data-rating", parse: "rating" },
      text: ".text",
    },
  },
});

function cpuSec(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

async function runRepwatch(): Promise<{ items: number; errors: number }> {
  const source = spec.kind === "http" ? otzovik : jsSource;
  const settings = { ...source.fetch, minIntervalMs: 0, concurrency: spec.concurrency, timeoutMs: 30_000 };
  const common = {
    userAgent: "repwatch-bench/1.0",
    originMap: spec.originMap,
    allowAddresses: spec.allowAddresses,
    globalConcurrency: spec.concurrency,
    maxRetries: 1,
  };
  // Load only what this kind of crawl needs (the browser side pulls in playwright-core).
  const fetcher: Fetcher =
    spec.kind === "http"
      ? (await import("../src/crawl/http-fetcher.js")).createHttpFetcher(common)
      : (await import("../src/crawl/browser/browser-fetcher.js")).createBrowserFetcher({
          ...common,
          maxPages: spec.concurrency,
          ...(process.env.BENCH_PAGE_USES ? { pageUses: Number(process.env.BENCH_PAGE_USES) } : {}),
          ...(process.env.BENCH_CHROMIUM_ARGS
            ? { chromiumArgs: process.env.BENCH_CHROMIUM_ARGS.split(" ") }
            : {}),
        });
  let items = 0;
  let errors = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < spec.urls.length) {
      const url = spec.urls[next++] as string;
      try {
        const page = await fetcher.fetch(url, settings);
        items += extractPage(page, source).items.length;
      } catch (err) {
        errors++;
        if (errors < 3) process.stderr.write(`${url}: ${(err as Error).message}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  await fetcher.close();
  return { items, errors };
}

interface CrawleeCtx {
  $: (sel: string) => { length: number; each(fn: (i: number, el: unknown) => void): void };
  page: { waitForSelector(sel: string): Promise<unknown> };
  parseWithCheerio(): Promise<CrawleeCtx["$"]>;
}

async function runCrawlee(): Promise<{ items: number; errors: number }> {
  // The crawler's own package (not the `crawlee` umbrella, which loads every crawler type).
  const crawleeSpec = spec.kind === "http" ? "@crawlee/cheerio" : "@crawlee/playwright";
  const pwSpec = "playwright-core";
  // biome-ignore lint/suspicious/noExplicitAny: Crawlee is a bench-only dependency without types here
  const crawlee: any = await import(crawleeSpec);
  crawlee.log.setLevel(process.env.BENCH_DEBUG ? crawlee.log.LEVELS.DEBUG : crawlee.log.LEVELS.OFF);
  const config = new crawlee.Configuration({ persistStorage: false, purgeOnStart: true });
  let items = 0;
  let errors = 0;
  // The same fields repwatch extracts, read the way a Crawlee user would, with the parsed `$`.
  const count = ($: CrawleeCtx["$"], item: string, fields: string[]): number => {
    let n = 0;
    $(item).each((_i, el) => {
      const $el = ($ as unknown as (e: unknown) => { find(s: string): { text(): string } })(el);
      const values = fields.map((f) => $el.find(f).text().trim());
      if (values.some((v) => v.length > 0)) n++;
    });
    return n;
  };
  const common = {
    minConcurrency: spec.concurrency,
    maxConcurrency: spec.concurrency,
    maxRequestRetries: 1,
    failedRequestHandler() {
      errors++;
    },
  };
  let crawler: { run(urls: string[]): Promise<unknown>; teardown?(): Promise<void> };
  if (spec.kind === "http") {
    crawler = new crawlee.CheerioCrawler(
      {
        ...common,
        async requestHandler({ $ }: CrawleeCtx) {
          items += count($, "div.item[data-id]", [
            ".user-login",
            ".review-title",
            ".review-teaser",
            ".review-plus",
          ]);
        },
      },
      config,
    );
  } else {
    const { chromium } = await import(pwSpec);
    const { CHROMIUM_ARGS, findChromium } = await import("../src/crawl/browser/chromium-path.js");
    crawler = new crawlee.PlaywrightCrawler(
      {
        ...common,
        launchContext: {
          launcher: chromium,
          launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true },
        },
        async requestHandler({ page, parseWithCheerio }: CrawleeCtx) {
          await page.waitForSelector(".review");
          const $ = await parseWithCheerio();
          items += count($, "div.review", [".author", ".text"]);
        },
      },
      config,
    );
  }
  await crawler.run(spec.urls);
  await crawler.teardown?.();
  return { items, errors };
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = spec.impl === "repwatch" ? await runRepwatch() : await runCrawlee();
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  `${JSON.stringify({ pages: spec.urls.length - r.errors, items: r.items, errors: r.errors, seconds, cpuSec: cpuSec(cpu0) })}\n`,
);
process.exit(0);
