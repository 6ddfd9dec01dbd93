/** The crawl engine against the otzovik replica, with the real source file and the real extractor. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Source } from "../../src/config/source.js";
import { crawlTarget } from "../../src/crawl/crawl-target.js";
import { createHttpFetcher, type HttpFetcher } from "../../src/crawl/http-fetcher.js";
import { naturalKeyOf } from "../../src/domain/mention.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { visibleReviews } from "../web/otzovik/reviews.js";
import { otzovikSite } from "../web/otzovik/site.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";

const file = Source.parse(
  parse(readFileSync(new URL("../../sources/otzovik.yaml", import.meta.url), "utf8")),
);
// The file's politeness (3 s between requests) is for the real site; the replica needs none.
const source: Source = { ...file, fetch: { ...file.fetch, minIntervalMs: 0, timeoutMs: 5000 } };

let web: ReplicaWeb;
let fetcher: HttpFetcher;
beforeAll(async () => {
  web = await startReplicaWeb([otzovikSite]);
  fetcher = createHttpFetcher({
    userAgent: "repwatch-test/1.0",
    originMap: web.originMap,
    allowAddresses: web.allowAddresses,
  });
});
afterAll(async () => {
  await fetcher.close();
  await web.close();
});

const crawl = (target: string, extra: Partial<Parameters<typeof crawlTarget>[0]> = {}) =>
  crawlTarget({
    source,
    startUrl: `https://otzovik.com/reviews/${target}/`,
    fetcher,
    extract: extractPage,
    isSeen: () => false,
    mode: "backfill",
    ...extra,
  });

describe("otzovik replica, real source file and extractor", () => {
  it("walks every list page of a target (backfill)", async () => {
    const r = await crawl("bank_romashka");
    expect(r.status).toBe("ok");
    expect(r.items.length).toBe(visibleReviews(0).length);
    expect(r.items.every((i) => i.url.startsWith("https://otzovik.com/review_"))).toBe(true);
    expect(r.coverage.text).toBe(1);
  });

  it("stops early in incremental mode once only seen reviews come", async () => {
    const first = await crawl("bank_romashka");
    const seen = new Set(first.items.map(naturalKeyOf));
    web.setStage(1);
    try {
      const r = await crawl("bank_romashka", {
        mode: "incremental",
        isSeen: (i) => seen.has(naturalKeyOf(i)),
      });
      expect(r.status).toBe("ok");
      // Two new reviews push page 1 down: page 1 holds new ones, page 2 only seen ones, then stop.
      expect(first.pages).toBeGreaterThan(2);
      expect(r.pages).toBe(2);
      expect(r.items.filter((i) => !seen.has(naturalKeyOf(i)))).toHaveLength(2);
    } finally {
      web.setStage(0);
    }
  });

  it("calls the captcha page blocked and the redesign broken", async () => {
    expect((await crawl("blocked_brand")).status).toBe("blocked");
    const broken = await crawl("redesigned_brand", { usualItems: 10 });
    expect(broken.status).toBe("broken");
  });
});
