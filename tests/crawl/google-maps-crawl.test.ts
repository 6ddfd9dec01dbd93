/**
 * The google-maps replica crawled end to end with sources/google-maps.yaml: over HTTP (the replica
 * inlines the state a browser gets), and once through the real browser fetcher (Debian's Chromium,
 * `fetch.browser.state: APP_INITIALIZATION_STATE`), skipped visibly when Chromium is absent.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserFetcher } from "../../src/crawl/browser/browser-fetcher.js";
import { DEBIAN_CHROMIUM } from "../../src/crawl/browser/chromium-path.js";
import { crawlTarget } from "../../src/crawl/crawl-target.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { PLACE, placeReviews } from "../web/google-maps/reviews.js";
import { mapsSite, placeUrl } from "../web/google-maps/site.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("google-maps");
let h: Harness;
beforeAll(async () => {
  h = await startHarness([mapsSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("google-maps replica crawl over HTTP", () => {
  it("reads the place's 8 reviews in one page", async () => {
    expect(source.targetUrl!.replace("{id}", PLACE.id)).toBe(placeUrl());
    const r = await h.crawl(placeUrl());
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(1);
    expect(r.items.map((i) => i.externalId)).toEqual(placeReviews(0).map((x) => x.id));
  });

  it("new reviews of a later stage are the unseen ones", async () => {
    const first = await h.crawl(placeUrl());
    h.web.setStage(1);
    try {
      const r = await h.crawl(placeUrl(), { mode: "incremental", isSeen: seenFrom(first.items) });
      const fresh = r.items.filter((i) => !seenFrom(first.items)(i)).map((i) => i.externalId);
      expect(fresh).toEqual(
        placeReviews(1)
          .slice(0, 2)
          .map((x) => x.id),
      );
    } finally {
      h.web.setStage(0);
    }
  });

  it("the JS shell is broken (with the reason), the sorry page blocked, moved reviews broken", async () => {
    const shell = await h.crawl(placeUrl("shell"));
    expect(shell.status).toBe("broken");
    expect(shell.error).toMatch(/no JSON to read: .*fetch\.mode: browser/);
    expect((await h.crawl(placeUrl("blocked"))).status).toBe("blocked");
    expect((await h.crawl(placeUrl("rebuilt"), { usualItems: 8 })).status).toBe("broken");
  });
});

describe.skipIf(!existsSync(DEBIAN_CHROMIUM))("google-maps replica crawl through the browser fetcher", () => {
  it("reads APP_INITIALIZATION_STATE in Chromium and extracts the same reviews", async () => {
    const fetcher = createBrowserFetcher({
      userAgent: "repwatch-test/1.0",
      originMap: h.web.originMap,
      allowAddresses: h.web.allowAddresses,
      maxPages: 1,
    });
    try {
      const r = await crawlTarget({
        source: { ...source, fetch: { ...source.fetch, timeoutMs: 20_000 } },
        startUrl: placeUrl(),
        fetcher,
        extract: extractPage,
        isSeen: () => false,
        mode: "backfill",
      });
      expect(r.status).toBe("ok");
      expect(r.items.map((i) => i.externalId)).toEqual(placeReviews(0).map((x) => x.id));
      expect(r.items.every((i) => i.subject === PLACE.name)).toBe(true);
    } finally {
      await fetcher.close();
    }
  }, 60_000);
});
