/** The crawl engine against the banki.ru replica (windows-1251), with the real source file and extractor. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BANK, visibleReviews } from "../web/banki-ru/reviews.js";
import { bankiSite } from "../web/banki-ru/site.js";
import { followTruncated, type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("banki-ru");
const target = (slug: string) => source.targetUrl!.replace("{id}", slug);
let h: Harness;
beforeAll(async () => {
  h = await startHarness([bankiSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("banki-ru replica, real source file and extractor", () => {
  it("walks ?page=1.. until an empty page, decoding windows-1251", async () => {
    const r = await h.crawl(target(BANK.slug));
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(4); // 10 + 10 + 3, then an empty page ends the list
    expect(r.items.map((i) => Number(i.externalId))).toEqual(visibleReviews(0).map((x) => x.id));
    expect(r.items.map((i) => i.title)).toEqual(visibleReviews(0).map((x) => x.title));
    expect(r.warnings).toEqual([]);
    const page = await h.fetcher.fetch(target(BANK.slug), source.fetch);
    expect(page.charset).toBe("windows-1251");
    expect(r.coverage).toMatchObject({ externalId: 1, author: 1, publishedAt: 1, rating: 1, text: 1 });
    expect(r.coverage["reply"]).toBeGreaterThan(0.3);
  });

  it("follows cut teasers to the review page for the full text", async () => {
    const r = await h.crawl(target(BANK.slug), { followItem: followTruncated });
    const byId = new Map(visibleReviews(0).map((x) => [String(x.id), x]));
    const followed = r.items.filter((i) => i.text.includes("\n\n"));
    expect(followed.length).toBeGreaterThan(3);
    // Every review's text is whole now: the short ones from the list, the cut ones from their page.
    for (const item of r.items) {
      expect(item.text.replace(/\s+/g, " ")).toBe(byId.get(item.externalId!)!.text.join(" "));
    }
    for (const item of followed) expect(item.text).toBe(byId.get(item.externalId!)!.text.join("\n\n"));
    expect(h.web.hits.some((x) => x.path.startsWith("/services/responses/bank/response/"))).toBe(true);
  });

  it("stops early in incremental mode once a page holds only seen reviews", async () => {
    const first = await h.crawl(target(BANK.slug));
    h.web.setStage(1);
    try {
      const r = await h.crawl(target(BANK.slug), { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.status).toBe("ok");
      expect(r.pages).toBe(2);
      expect(r.items.filter((i) => !seenFrom(first.items)(i))).toHaveLength(2);
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls the 403 anti-bot page blocked and the new build's markup broken", async () => {
    expect((await h.crawl(target("blocked_bank"))).status).toBe("blocked");
    const broken = await h.crawl(target("redesigned_bank"), { usualItems: 10 });
    expect(broken.status).toBe("broken");
    expect(broken.error).toMatch(/no item elements/);
  });
});
