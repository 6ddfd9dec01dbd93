/** The crawl engine against the zoon.ru replica ("show more" chunks), with the real source file and extractor. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORG, visibleReviews } from "../web/zoon/reviews.js";
import { zoonSite } from "../web/zoon/site.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("zoon");
const target = (path: string) => source.targetUrl!.replace("{id}", path);
let h: Harness;
beforeAll(async () => {
  h = await startHarness([zoonSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("zoon replica, real source file and extractor", () => {
  it("reads the page, then follows 'show more' chunks to the end", async () => {
    const r = await h.crawl(target(ORG.path));
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(3);
    expect(r.items.map((i) => i.externalId)).toEqual(visibleReviews(0).map((x) => x.id));
    expect(r.warnings).toEqual([]);
    expect(h.web.hits.filter((x) => x.path.startsWith("/js.php?")).length).toBeGreaterThanOrEqual(2);
    // the whole text is in the page (the rest hidden in the DOM): nothing to follow
    expect(r.items.every((i) => i.extra?.["truncated"] === undefined)).toBe(true);
    expect(r.coverage).toMatchObject({ text: 1, rating: 1, publishedAt: 1, pros: 1, cons: 1 });
  });

  it("stops early in incremental mode once a chunk holds only seen reviews", async () => {
    const first = await h.crawl(target(ORG.path));
    h.web.setStage(1);
    try {
      const r = await h.crawl(target(ORG.path), { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.pages).toBe(2);
      expect(r.items.filter((i) => !seenFrom(first.items)(i))).toHaveLength(2);
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls the captcha page blocked and the redesign broken", async () => {
    expect((await h.crawl(target("msk/banks/blocked_org"))).status).toBe("blocked");
    expect((await h.crawl(target("msk/banks/redesigned_org"), { usualItems: 10 })).status).toBe("broken");
  });
});
