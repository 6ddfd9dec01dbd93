/** The google-play replica crawled end to end: real fetcher on loopback, real crawlTarget, sources/google-play.yaml. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, visibleReviews } from "../web/google-play/reviews.js";
import { appUrl, playSite } from "../web/google-play/site.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("google-play");
let h: Harness;
beforeAll(async () => {
  h = await startHarness([playSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("google-play replica crawl", () => {
  it("reads the app page's reviews in one page (no pagination: the rest needs a POST RPC)", async () => {
    expect(source.targetUrl!.replace("{id}", APP.id)).toBe(appUrl());
    const r = await h.crawl(appUrl());
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(1);
    expect(r.items.map((i) => i.externalId)).toEqual(visibleReviews(0).map((x) => x.id));
    expect(r.coverage).toMatchObject({ rating: 1, text: 1, publishedAt: 1, author: 1 });
  });

  it("new reviews of a later stage are the unseen ones", async () => {
    const first = await h.crawl(appUrl());
    h.web.setStage(2);
    try {
      const r = await h.crawl(appUrl(), { mode: "incremental", isSeen: seenFrom(first.items) });
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

  it("the 429 unusual-traffic page is blocked; a page build without ds:15 is broken, even for a new target", async () => {
    expect((await h.crawl(appUrl("ru.romashka.blocked"))).status).toBe("blocked");
    const rebuilt = await h.crawl(appUrl("ru.romashka.rebuilt"));
    expect(rebuilt.status).toBe("broken");
    expect(rebuilt.error).toMatch(/callback ds:15: no such AF_initDataCallback/);
  });
});
