/** The crawl engine against the Yandex Market replica, with the real source file and extractor. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRODUCT, visibleReviews } from "../web/yandex-market/reviews.js";
import { marketSite } from "../web/yandex-market/site.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("yandex-market");
const target = (id: string) => source.targetUrl!.replace("{id}", id);
let h: Harness;
beforeAll(async () => {
  h = await startHarness([marketSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("yandex-market replica, real source file and extractor", () => {
  it("walks the product's review pages", async () => {
    const r = await h.crawl(target(PRODUCT.path));
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(2);
    expect(r.items.map((i) => Number(i.externalId))).toEqual(visibleReviews(0).map((x) => x.id));
    expect(r.coverage).toMatchObject({ text: 1, pros: 1, cons: 1, rating: 1, subject: 1 });
  });

  it("stops early in incremental mode once a page holds only seen reviews", async () => {
    const first = await h.crawl(target(PRODUCT.path));
    h.web.setStage(1);
    try {
      const r = await h.crawl(target(PRODUCT.path), { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.items.filter((i) => !seenFrom(first.items)(i))).toHaveLength(2);
      expect(r.pages).toBe(2); // page 1 holds the 2 new ones, page 2 only seen ones: stop
    } finally {
      h.web.setStage(0);
    }
  });

  it("a redirect to Yandex's captcha is blocked; the React redesign is broken", async () => {
    const blocked = await h.crawl(target("product--blocked/1"));
    expect(blocked.status).toBe("blocked");
    expect(h.web.hits.some((x) => x.path.startsWith("/showcaptcha"))).toBe(true);
    expect((await h.crawl(target("product--redesigned/2"), { usualItems: 10 })).status).toBe("broken");
  });
});
