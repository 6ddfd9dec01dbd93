/** The crawl engine against the irecommend.ru replica, with the real source file and extractor. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRODUCT, visibleReviews } from "../web/irecommend/reviews.js";
import { irecommendSite } from "../web/irecommend/site.js";
import { followTruncated, type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("irecommend");
const target = (slug: string) => source.targetUrl!.replace("{id}", slug);
let h: Harness;
beforeAll(async () => {
  h = await startHarness([irecommendSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("irecommend replica, real source file and extractor", () => {
  it("walks the Drupal pager to the last page", async () => {
    const r = await h.crawl(target(PRODUCT.slug));
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(3);
    expect(r.items.map((i) => i.externalId)).toEqual(visibleReviews(0).map((x) => x.slug));
    expect(r.warnings).toEqual([]);
  });

  it("follows cut teasers to the review page: full text, pros, cons and the exact time", async () => {
    const r = await h.crawl(target(PRODUCT.slug), { followItem: followTruncated });
    const bySlug = new Map(visibleReviews(0).map((x) => [x.slug, x]));
    const followed = r.items.filter((i) => i.pros !== undefined);
    expect(followed.length).toBeGreaterThanOrEqual(5);
    for (const item of followed) {
      const full = bySlug.get(item.externalId!)!;
      expect(item.text).toBe(full.text.join("\n\n"));
      expect(item.pros).toBe(full.pros.split(", ").join("\n"));
      expect(item.extra?.["truncated"]).toBeUndefined();
    }
    // items whose teaser was whole are not fetched again
    const pages = h.web.hits.filter((x) => x.path.startsWith("/content/") && !x.path.includes(PRODUCT.slug));
    expect(pages.length).toBeGreaterThanOrEqual(followed.length);
  });

  it("stops early in incremental mode once a page holds only seen reviews", async () => {
    const first = await h.crawl(target(PRODUCT.slug));
    h.web.setStage(2);
    try {
      const r = await h.crawl(target(PRODUCT.slug), { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.pages).toBe(2);
      expect(r.items.filter((i) => !seenFrom(first.items)(i))).toHaveLength(4);
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls the DDoS-Guard interstitial blocked and the redesign broken", async () => {
    expect((await h.crawl(target("blocked-product"))).status).toBe("blocked");
    expect((await h.crawl(target("redesigned-product"), { usualItems: 10 })).status).toBe("broken");
  });
});
