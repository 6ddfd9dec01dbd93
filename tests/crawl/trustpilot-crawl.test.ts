/** The trustpilot replica crawled end to end: real fetcher on loopback, real crawlTarget, sources/trustpilot.yaml. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPANY, visibleReviews } from "../web/trustpilot/reviews.js";
import { trustpilotSite } from "../web/trustpilot/site.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const START = `https://www.trustpilot.com/review/${COMPANY.identifyingName}`;
let h: Harness;
beforeAll(async () => {
  h = await startHarness([trustpilotSite], replicaSource("trustpilot"));
});
afterAll(async () => {
  await h.close();
});

describe("trustpilot replica crawl", () => {
  it("walks ?page=N until the page says it is the last (no request past it)", async () => {
    const before = h.web.hits.length;
    const r = await h.crawl(START);
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(2);
    expect(r.items.map((i) => i.externalId)).toEqual(visibleReviews(0).map((x) => x.id));
    const paths = h.web.hits.slice(before).map((x) => x.path);
    expect(paths).toContain(`/review/${COMPANY.identifyingName}?page=2`);
    expect(paths.some((p) => p.includes("page=3"))).toBe(false);
    expect(r.coverage).toMatchObject({ rating: 1, text: 1, publishedAt: 1, author: 1, externalId: 1 });
  });

  it("stops early in incremental mode: nothing new → 1 page; 2 new on top → 2 pages, 2 unseen", async () => {
    const first = await h.crawl(START);
    const quiet = await h.crawl(START, { mode: "incremental", isSeen: seenFrom(first.items) });
    expect(quiet.pages).toBe(1);
    h.web.setStage(1);
    try {
      const r = await h.crawl(START, { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.status).toBe("ok");
      expect(r.pages).toBe(2);
      const unseen = r.items.filter((i) => !seenFrom(first.items)(i));
      expect(unseen.map((i) => i.externalId)).toEqual(
        visibleReviews(1)
          .slice(0, 2)
          .map((x) => x.id),
      );
    } finally {
      h.web.setStage(0);
    }
  });

  it("calls the 403 challenge blocked and the rebuilt page broken", async () => {
    expect((await h.crawl("https://www.trustpilot.com/review/blocked-bank.ru")).status).toBe("blocked");
    const broken = await h.crawl("https://www.trustpilot.com/review/redesigned-bank.ru", { usualItems: 20 });
    expect(broken.status).toBe("broken");
    expect(broken.error).toMatch(/no item elements where 20 are usual/);
  });
});
