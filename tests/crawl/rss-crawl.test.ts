/** The crawl engine against the feed replicas with sources/rss.yaml: windows-1251 RSS, paged Atom, walls. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLOG_POSTS, FINVESTNIK_NEWS, visibleNews } from "../web/rss/news.js";
import { BLOG_FEED, NEWS_FEED, rssSite } from "../web/rss/site.js";
import { keptItems } from "./brand-filter.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("rss");
let h: Harness;
beforeAll(async () => {
  h = await startHarness([rssSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("rss replica, real source file and extractor", () => {
  it("reads the windows-1251 RSS 2.0 feed whole", async () => {
    const r = await h.crawl(NEWS_FEED);
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(1);
    expect(r.warnings).toEqual([]);
    expect(r.items.map((i) => i.title)).toEqual(visibleNews(FINVESTNIK_NEWS, 0).map((n) => n.title));
    expect((await h.fetcher.fetch(NEWS_FEED, source.fetch)).charset).toBe("windows-1251");
    expect(r.coverage).toMatchObject({ externalId: 1, author: 1, publishedAt: 1, title: 1, text: 1 });
  });

  it("keeps only the entries that name the demo brand (the camomile tea news is not one)", async () => {
    const r = await h.crawl(NEWS_FEED);
    const kept = keptItems(r.items, source).map((i) => i.title);
    expect(kept).toEqual(
      visibleNews(FINVESTNIK_NEWS, 0)
        .filter((n) => n.aboutBrand)
        .map((n) => n.title),
    );
    expect(kept.length).toBeLessThan(r.items.length);
  });

  it("follows a paged Atom feed's rel=next links to the end", async () => {
    const r = await h.crawl(BLOG_FEED);
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(2);
    expect(r.items.map((i) => i.title)).toEqual(BLOG_POSTS.map((b) => b.title));
  });

  it("in incremental mode reads only what is new", async () => {
    const first = await h.crawl(NEWS_FEED);
    h.web.setStage(1);
    try {
      const r = await h.crawl(NEWS_FEED, { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.status).toBe("ok");
      expect(r.items.filter((i) => !seenFrom(first.items)(i)).map((i) => i.title)).toEqual(
        FINVESTNIK_NEWS.filter((n) => n.stage === 1).map((n) => n.title),
      );
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls the DDoS-Guard wall blocked and an HTML page where the feed was broken", async () => {
    expect((await h.crawl("https://www.finvestnik.ru/rss/protected/")).status).toBe("blocked");
    const moved = await h.crawl("https://www.finvestnik.ru/rss/old/", { usualItems: 8 });
    expect(moved.status).toBe("broken");
    expect(moved.error).toMatch(/not an RSS or Atom feed/);
  });
});
