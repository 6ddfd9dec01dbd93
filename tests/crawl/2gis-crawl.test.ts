/** The 2gis replica crawled end to end: real fetcher on loopback, real crawlTarget, sources/2gis.yaml. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BLOCKED_ID,
  BRANCH,
  NOT_FOUND_ID,
  REBUILT_ID,
  shownReviews,
  UNRATED_ID,
  visibleReviews,
} from "../web/2gis/reviews.js";
import { apiUrl, firmUrl, gisSite } from "../web/2gis/site.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("2gis");
const START = source.targetUrl!.replace("{id}", BRANCH.id);
let h: Harness;
beforeAll(async () => {
  h = await startHarness([gisSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("2gis replica crawl", () => {
  it("pages the reviews API by offset until an empty page; hidden reviews are skipped", async () => {
    expect(START).toBe(apiUrl(BRANCH.id));
    const before = h.web.hits.length;
    const r = await h.crawl(START);
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(3); // 20 + 5 + an empty page that ends the list
    expect(r.items.map((i) => i.externalId)).toEqual(shownReviews(0).map((x) => x.id));
    const offsets = h.web.hits
      .slice(before)
      .filter((x) => x.path.startsWith("/2.0/"))
      .map((x) => new URL(x.path, "https://a").searchParams.get("offset"));
    expect(offsets).toEqual(["0", "20", "40"]);
    expect(r.warnings.filter((w) => /hidden item/.test(w))).toHaveLength(1);
    expect(r.coverage).toMatchObject({ rating: 1, text: 1, author: 1, publishedAt: 1 });
  });

  it("stops early in incremental mode once a page holds only seen reviews", async () => {
    const first = await h.crawl(START);
    h.web.setStage(1);
    try {
      const r = await h.crawl(START, { mode: "incremental", isSeen: seenFrom(first.items) });
      expect(r.status).toBe("ok");
      expect(r.pages).toBe(2);
      const fresh = r.items.filter((i) => !seenFrom(first.items)(i)).map((i) => i.externalId);
      expect(fresh).toEqual(
        visibleReviews(1)
          .slice(0, 2)
          .map((x) => x.id),
      );
    } finally {
      h.web.setStage(0);
    }
  });

  it("reads a firm page target (initialState) too", async () => {
    const r = await h.crawl(firmUrl());
    expect(r.status).toBe("ok");
    expect(r.items).toHaveLength(shownReviews(0).length);
  });

  it("a firm that is gone fails with 'not found'; an unknown branch on the API fails too", async () => {
    const gone = await h.crawl(firmUrl(NOT_FOUND_ID));
    expect(gone.status).toBe("failed");
    expect(gone.error).toMatch(/says not found/);
    expect((await h.crawl(apiUrl("70000001000000000"))).status).toBe("failed");
  });

  it("captcha pages are blocked (API 403 and the firm page)", async () => {
    expect((await h.crawl(apiUrl(BLOCKED_ID))).status).toBe("blocked");
    expect((await h.crawl(firmUrl(BLOCKED_ID))).status).toBe("blocked");
  });

  it("a rebuilt API is broken; ratings gone is degraded against the usual coverage", async () => {
    const ok = await h.crawl(START);
    const broken = await h.crawl(apiUrl(REBUILT_ID), { usualItems: 20 });
    expect(broken.status).toBe("broken");
    const unrated = await h.crawl(apiUrl(UNRATED_ID), { usualItems: 20, usualCoverage: ok.coverage });
    expect(unrated.status).toBe("degraded");
    expect(unrated.error).toBe("field coverage dropped: rating 1 → 0");
    expect(unrated.items).toHaveLength(shownReviews(0).length); // the reviews themselves are kept
  });
});
