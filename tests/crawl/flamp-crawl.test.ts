/** The crawl engine against the flamp.ru replica, with the real source file and extractor. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRM, visibleReviews } from "../web/flamp/reviews.js";
import { flampSite } from "../web/flamp/site.js";
import { followTruncated, type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("flamp");
const target = (id: string) => source.targetUrl!.replace("{id}", id);
const firmId = `${FIRM.slug}-${FIRM.id}`;
let h: Harness;
beforeAll(async () => {
  h = await startHarness([flampSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("flamp replica, real source file and extractor", () => {
  it("walks 'Показать ещё' links and follows cut texts to the review page", async () => {
    const r = await h.crawl(target(firmId), { followItem: followTruncated });
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(3);
    const byId = new Map(visibleReviews(0).map((x) => [String(x.id), x]));
    expect(r.items.map((i) => i.externalId)).toEqual([...byId.keys()]);
    for (const item of r.items) {
      expect(item.text.replace(/\s+/g, " ")).toBe(byId.get(item.externalId!)!.text.join(" "));
      expect(item.extra?.["truncated"]).toBeUndefined();
    }
    expect(r.items.filter((i) => i.reply).length).toBe([...byId.values()].filter((x) => x.reply).length);
    expect(r.warnings).toEqual([]);
  });

  it("stops early in incremental mode once a page holds only seen reviews", async () => {
    const first = await h.crawl(target(firmId));
    h.web.setStage(2);
    try {
      const r = await h.crawl(target(firmId), { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.pages).toBe(2);
      expect(r.items.filter((i) => !seenFrom(first.items)(i))).toHaveLength(4);
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls the captcha page blocked and the redesign broken", async () => {
    expect((await h.crawl(target("blocked_firm-1"))).status).toBe("blocked");
    expect((await h.crawl(target("redesigned_firm-2"), { usualItems: 10 })).status).toBe("broken");
  });
});
