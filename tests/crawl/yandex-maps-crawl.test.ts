/**
 * The Yandex Maps replica (JS-rendered, reviews from a JSON API, more on scrolling the side panel) through the
 * real browser fetcher with Debian's Chromium, the real source file (browser steps: wait, sort by newest,
 * scroll) and the real extractor; and through plain HTTP, which sees only the empty shell.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Source } from "../../src/config/source.js";
import { createBrowserFetcher } from "../../src/crawl/browser/browser-fetcher.js";
import { crawlTarget } from "../../src/crawl/crawl-target.js";
import { createHttpFetcher } from "../../src/crawl/http-fetcher.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { ORG, visibleReviews } from "../web/yandex-maps/reviews.js";
import { yandexMapsSite } from "../web/yandex-maps/site.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const file = replicaSource("yandex-maps");
// Room for a busy 2-core machine; the file's politeness (10 s between pages) is for the real site.
const source: Source = { ...file, fetch: { ...file.fetch, timeoutMs: 20_000 } };
/** For pages where the wait for reviews is expected to time out (captcha, redesign): fail fast. */
const short: Source = { ...file, fetch: { ...file.fetch, timeoutMs: 6000 } };
const target = (id: string) => source.targetUrl!.replace("{id}", id);
const orgTarget = target(`${ORG.slug}/${ORG.id}`);

let h: Harness;
beforeAll(async () => {
  h = await startHarness([yandexMapsSite], source, (web) =>
    createBrowserFetcher({
      userAgent: "repwatch-test/1.0",
      originMap: web.originMap,
      allowAddresses: web.allowAddresses,
      chromiumPath: "/usr/bin/chromium",
      maxPages: 1,
      maxRetries: 0,
    }),
  );
});
afterAll(async () => {
  await h?.close();
});

describe("yandex-maps replica through the browser fetcher", () => {
  it("sorts by newest, scrolls the panel until every review is loaded, and reads them all", async () => {
    const r = await h.crawl(orgTarget);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(1);
    const expected = visibleReviews(0);
    // newest first: the "По новизне" click took effect (the default order is by relevance)
    expect(r.items.map((i) => i.externalId)).toEqual(expected.map((x) => x.id));
    const apiCalls = h.web.hits.filter((x) => x.path.startsWith("/maps/api/business/fetchReviews"));
    expect(apiCalls.filter((x) => x.path.includes("ranking=by_time")).length).toBe(3); // 10 + 10 + 5
    expect(r.warnings).toEqual([]);
  });

  it("reads microdata dates and ratings, the text, likes and the organisation's answer", async () => {
    const r = await h.crawl(orgTarget);
    const byId = new Map(visibleReviews(0).map((x) => [x.id, x]));
    for (const item of r.items) {
      const x = byId.get(item.externalId!)!;
      expect(item.author).toBe(x.author);
      expect(item.rating).toBe(x.rating);
      expect(item.text).toBe(x.text.join(" "));
      expect(item.likes).toBe(x.likes);
      expect(item.reply?.text).toBe(x.reply);
      expect(item.subject).toBe(ORG.name);
      expect(item.url).toBe(
        `https://yandex.ru/maps/org/${ORG.slug}/${ORG.id}/reviews/?reviews%5BpublicId%5D=${x.id}&utm_source=review`,
      );
    }
    const answered = r.items.find((i) => i.reply)!;
    expect(Date.parse(answered.reply!.publishedAt!)).toBeGreaterThan(Date.parse(answered.publishedAt!));
    expect(r.coverage).toMatchObject({
      externalId: 1,
      author: 1,
      publishedAt: 1,
      rating: 1,
      text: 1,
      subject: 1,
    });
    const page = extractPage(await h.fetcher.fetch(orgTarget, source.fetch), source);
    expect(page.aggregate).toEqual({ rating: ORG.rating, count: visibleReviews(0).length });
  });

  it("reviews added later appear on top; the seen ones are recognised", async () => {
    const first = await h.crawl(orgTarget);
    h.web.setStage(2);
    try {
      const r = await h.crawl(orgTarget, { mode: "incremental", isSeen: seenFrom(first.items) });
      const fresh = r.items.filter((i) => !seenFrom(first.items)(i));
      expect(fresh.map((i) => i.externalId)).toEqual(
        visibleReviews(2)
          .slice(0, 4)
          .map((x) => x.id),
      );
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls Yandex's captcha blocked and a front end with other markup broken", async () => {
    const blocked = await h.crawl(target("blocked_org/1"), { source: short });
    expect(blocked.status).toBe("blocked");
    const broken = await h.crawl(target("redesigned_org/2"), { source: short, usualItems: 20 });
    expect(broken.status).toBe("broken");
  });
});

describe("yandex-maps replica over plain HTTP", () => {
  it("is an empty shell without a browser: no reviews, broken where reviews are usual", async () => {
    const fetcher = createHttpFetcher({
      userAgent: "repwatch-test/1.0",
      originMap: h.web.originMap,
      allowAddresses: h.web.allowAddresses,
    });
    try {
      const http: Source = { ...source, fetch: { ...source.fetch, mode: "http" } };
      const r = await crawlTarget({
        source: http,
        startUrl: orgTarget,
        fetcher,
        extract: extractPage,
        isSeen: () => false,
        mode: "backfill",
        usualItems: 20,
      });
      expect(r.status).toBe("broken");
      expect(r.items).toEqual([]);
    } finally {
      await fetcher.close();
    }
  });
});
