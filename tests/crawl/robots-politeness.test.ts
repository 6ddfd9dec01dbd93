import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchSettings } from "../../src/crawl/../config/source.js";
import { DeferredError, RobotsDisallowedError } from "../../src/crawl/errors.js";
import { type CrawlLogger, createHttpFetcher, type HttpFetcher } from "../../src/crawl/http-fetcher.js";
import { createRobotsSites } from "../web/lab/robots-sites.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";

let web: ReplicaWeb;
let fetcher: HttpFetcher;
const warnings: string[] = [];
const log: CrawlLogger = { debug() {}, info() {}, warn: (_o, msg) => warnings.push(msg ?? "") };
const settings = FetchSettings.parse({ minIntervalMs: 0, concurrency: 4, timeoutMs: 2000 });

beforeAll(async () => {
  web = await startReplicaWeb(createRobotsSites());
  fetcher = createHttpFetcher({
    userAgent: "repwatch-test/1.0 (+https://example.invalid)",
    originMap: web.originMap,
    allowAddresses: web.allowAddresses,
    maxRetries: 0,
    log,
  });
});
afterAll(async () => {
  await fetcher.close();
  await web.close();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the fetch to fail");
}
const hits = (host: string, path?: string) =>
  web.hits.filter((h) => h.host === host && (path === undefined || h.path === path));

describe("robots.txt", () => {
  it("obeys Disallow for our user agent's group, once fetched and cached", async () => {
    expect((await fetcher.fetch("https://robots-rules.lab/public/a", settings)).status).toBe(200);
    const secret = await failure(fetcher.fetch("https://robots-rules.lab/secret/x", settings));
    expect(secret).toBeInstanceOf(RobotsDisallowedError);
    expect(secret.message).toMatch(/robots\.txt line \d+/);
    await failure(fetcher.fetch("https://robots-rules.lab/private/y", settings));
    expect(hits("robots-rules.lab", "/robots.txt")).toHaveLength(1);
    expect(hits("robots-rules.lab", "/secret/x")).toHaveLength(0);
  });

  it("allows everything when robots.txt is 404", async () => {
    const page = await fetcher.fetch("https://robots-404.lab/anything", settings);
    expect(page.status).toBe(200);
  });

  it("defers everything while robots.txt answers 5xx, without touching the page", async () => {
    const err = await failure(fetcher.fetch("https://robots-503.lab/reviews", settings));
    expect(err).toBeInstanceOf(DeferredError);
    expect(err.message).toMatch(/unavailable.*503/);
    expect(hits("robots-503.lab", "/reviews")).toHaveLength(0);
  });

  it("follows redirects to the robots.txt", async () => {
    expect((await fetcher.fetch("https://robots-redirect.lab/open", settings)).status).toBe(200);
    expect(await failure(fetcher.fetch("https://robots-redirect.lab/blocked/z", settings))).toBeInstanceOf(
      RobotsDisallowedError,
    );
  });

  it("can be ignored per source, and says so in the log", async () => {
    const page = await fetcher.fetch("https://robots-rules.lab/secret/ok", {
      ...settings,
      ignoreRobots: true,
    });
    expect(page.status).toBe(200);
    expect(warnings.some((w) => /robots\.txt ignored/.test(w))).toBe(true);
  });
});

describe("politeness", () => {
  it("spaces requests by Crawl-delay (server-side timestamps)", async () => {
    const urls = [1, 2, 3].map((i) => `https://robots-delay.lab/p/${i}`);
    await Promise.all(urls.map((u) => fetcher.fetch(u, settings)));
    const at = hits("robots-delay.lab")
      .filter((h) => h.path.startsWith("/p/"))
      .map((h) => h.at)
      .sort((a, b) => a - b);
    expect(at).toHaveLength(3);
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("spaces requests by the source's minIntervalMs, one at a time per host", async () => {
    const spaced = { ...settings, minIntervalMs: 300, concurrency: 1 };
    const urls = [1, 2, 3, 4].map((i) => `https://robots-404.lab/spaced/${i}`);
    await Promise.all(urls.map((u) => fetcher.fetch(u, spaced)));
    const at = hits("robots-404.lab")
      .filter((h) => h.path.startsWith("/spaced/"))
      .map((h) => h.at)
      .sort((a, b) => a - b);
    expect(at).toHaveLength(4);
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(250);
  });
});
