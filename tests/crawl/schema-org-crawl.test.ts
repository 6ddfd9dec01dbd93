/** The schema-org catalog replica crawled end to end: real fetcher on loopback, real crawlTarget, sources/schema-org.yaml. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARCHIVE_REVIEWS,
  ARCHIVE_SLUG,
  BRANCH_REVIEWS,
  BRANCH_SLUG,
  ORIGIN,
  visibleReviews,
} from "../web/schema-org/reviews.js";
import { catalogSite, listUrl } from "../web/schema-org/site.js";
import { followTruncated, type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness([catalogSite], replicaSource("schema-org"));
});
afterAll(async () => {
  await h.close();
});

describe("schema-org catalog replica crawl", () => {
  it("follows rel=next over 3 pages and re-reads cut teasers on the reviews' own pages", async () => {
    const before = h.web.hits.length;
    const r = await h.crawl(listUrl(), { followItem: followTruncated });
    expect(r.status).toBe("ok");
    expect(r.items.map((i) => i.externalId)).toEqual(visibleReviews(0).map((x) => x.id));
    const byId = new Map(visibleReviews(0).map((x) => [x.id, x]));
    for (const item of r.items) expect(item.text).toBe(byId.get(item.externalId!)!.text.join("\n"));
    const followed = visibleReviews(0).filter((x) => x.text.join("\n").length > 160).length;
    expect(followed).toBeGreaterThan(0);
    expect(h.web.hits.slice(before).filter((x) => x.path.startsWith("/otzyv/"))).toHaveLength(followed);
    expect(r.pages).toBe(3); // list pages only: review pages are follows
  });

  it("stops early in incremental mode", async () => {
    const first = await h.crawl(listUrl());
    h.web.setStage(2);
    try {
      const r = await h.crawl(listUrl(), { mode: "incremental", isSeen: seenFrom(first.items) });
      // 4 new reviews on top of page 1 (which still ends with seen ones), page 2 all seen: stop
      expect(r.status).toBe("ok");
      expect(r.pages).toBe(2);
      const fresh = r.items.filter((i) => !seenFrom(first.items)(i)).map((i) => i.externalId);
      expect(fresh).toEqual(
        visibleReviews(2)
          .slice(0, 4)
          .map((x) => x.id),
      );
    } finally {
      h.web.setStage(0);
    }
  });

  it("reads the microdata and hreview pages as they are", async () => {
    const md = await h.crawl(`${ORIGIN}/firma/${BRANCH_SLUG}/otzyvy/`);
    expect(md.items).toHaveLength(BRANCH_REVIEWS.length);
    const hr = await h.crawl(`${ORIGIN}/firma/${ARCHIVE_SLUG}/`);
    expect(hr.items).toHaveLength(ARCHIVE_REVIEWS.length);
  });

  it("calls the DDoS-Guard page blocked and the page without structured data broken", async () => {
    expect((await h.crawl(`${ORIGIN}/firma/blocked/otzyvy/`)).status).toBe("blocked");
    expect((await h.crawl(`${ORIGIN}/firma/redesign/otzyvy/`, { usualItems: 10 })).status).toBe("broken");
  });
});
