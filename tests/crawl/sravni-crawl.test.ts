/** The crawl engine against the sravni.ru replica, with the real source file and extractor. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BANK, visibleReviews } from "../web/sravni/reviews.js";
import { sravniSite } from "../web/sravni/site.js";
import { followTruncated, type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("sravni");
const target = (slug: string) => source.targetUrl!.replace("{id}", slug);
let h: Harness;
beforeAll(async () => {
  h = await startHarness([sravniSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("sravni replica, real source file and extractor", () => {
  it("pages with ?page=N (keeping ?orderBy=byDate) and follows cut texts", async () => {
    const r = await h.crawl(target(BANK.slug), { followItem: followTruncated });
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(3);
    const byId = new Map(visibleReviews(0).map((x) => [String(x.id), x]));
    expect(r.items.map((i) => i.externalId)).toEqual([...byId.keys()]);
    for (const item of r.items) {
      expect(item.text.replace(/\s+/g, " ")).toBe(byId.get(item.externalId!)!.text.join(" "));
    }
    expect(h.web.hits.some((x) => x.path === `/bank/${BANK.slug}/otzyvy/?orderBy=byDate&page=2`)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it("stops early in incremental mode once a page holds only seen reviews", async () => {
    const first = await h.crawl(target(BANK.slug));
    h.web.setStage(1);
    try {
      const r = await h.crawl(target(BANK.slug), { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.pages).toBe(2);
      expect(r.items.filter((i) => !seenFrom(first.items)(i))).toHaveLength(2);
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls the 403 challenge blocked and the new build broken", async () => {
    expect((await h.crawl(target("blocked-bank"))).status).toBe("blocked");
    expect((await h.crawl(target("redesigned-bank"), { usualItems: 10 })).status).toBe("broken");
  });
});
