/** The crawl engine against the Yelp replica (offset paging, newest first), with the real source file. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIZ, visibleReviews } from "../web/yelp/reviews.js";
import { yelpSite } from "../web/yelp/site.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("yelp");
const target = (slug: string) => source.targetUrl!.replace("{id}", slug);
let h: Harness;
beforeAll(async () => {
  h = await startHarness([yelpSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("yelp replica, real source file and extractor", () => {
  it("pages with start=0,10,… keeping sort_by=date_desc, until an empty page", async () => {
    const r = await h.crawl(target(BIZ.slug));
    expect(r.status).toBe("ok");
    expect(r.items.map((i) => i.externalId)).toEqual(visibleReviews(0).map((x) => x.id));
    expect(r.pages).toBe(3); // 10 + 4, then start=20 is empty
    const paths = h.web.hits.filter((x) => x.path.startsWith(`/biz/${BIZ.slug}`)).map((x) => x.path);
    expect(paths).toContain(`/biz/${BIZ.slug}?sort_by=date_desc&start=10`);
    expect(r.coverage).toMatchObject({ text: 1, rating: 1, publishedAt: 1, author: 1, language: 1 });
  });

  it("stops early in incremental mode once a page holds only seen reviews", async () => {
    const first = await h.crawl(target(BIZ.slug));
    h.web.setStage(1);
    try {
      const r = await h.crawl(target(BIZ.slug), { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.pages).toBe(2);
      expect(r.items.filter((i) => !seenFrom(first.items)(i))).toHaveLength(2);
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls DataDome's 403 blocked and the redesign broken", async () => {
    expect((await h.crawl(target("blocked-biz"))).status).toBe("blocked");
    expect((await h.crawl(target("redesigned-biz"), { usualItems: 10 })).status).toBe("broken");
  });
});
