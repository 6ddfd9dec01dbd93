/** sources/google-alerts.yaml on the Google Alerts replica: unwrapped links, <b> titles, walls, brand matching. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import {
  ALERT_ID,
  alertFeed,
  alertFeedUrl,
  alertHits,
  BLOCKED_ALERT,
  CONSENT_ALERT,
  googleAlertsSite,
} from "../web/google-alerts/site.js";
import { keptItems } from "./brand-filter.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

const source = replicaSource("google-alerts");
const feed = alertFeedUrl(ALERT_ID);
let h: Harness;
beforeAll(async () => {
  h = await startHarness([googleAlertsSite], source);
});
afterAll(async () => {
  await h.close();
});

describe("google-alerts source", () => {
  it("unwraps google.com/url links to the real page and strips the <b> markup", () => {
    const now = new Date("2026-11-23T09:30:00Z");
    const hits = alertHits(0);
    const page = { url: feed, status: 200, headers: {}, contentType: "application/atom+xml" };
    const out = extractPage({ ...page, body: alertFeed(hits, now), fetchedAt: now.toISOString() }, source);
    expect(out.warnings).toEqual([]);
    expect(out.items).toHaveLength(hits.length);
    const hit = hits[0]!;
    expect(out.items[0]).toEqual({
      platform: "google-alerts",
      externalId: `tag:google.com,2013:googlealerts/feed:${hit.id}`,
      url: hit.realUrl,
      publishedAt: new Date(now.getTime() - hit.minutesAgo * 60_000).toISOString(),
      title: hit.title,
      text: hit.snippet,
      subject: "Google Alert - Банк Ромашка",
    });
    for (const item of out.items) expect(item.url).not.toMatch(/google\.com/);
  });

  it("crawls the alert feed and keeps only the entries naming the brand", async () => {
    const r = await h.crawl(feed);
    expect(r.status).toBe("ok");
    expect(r.warnings).toEqual([]);
    expect(r.items.map((i) => i.url)).toEqual(alertHits(0).map((x) => x.realUrl));
    const kept = keptItems(r.items, source).map((i) => i.url);
    expect(kept).toEqual(
      alertHits(0)
        .filter((x) => x.aboutBrand)
        .map((x) => x.realUrl),
    );
    expect(kept.length).toBeLessThan(r.items.length);
  });

  it("in incremental mode finds the alert's new entries only", async () => {
    const first = await h.crawl(feed);
    h.web.setStage(1);
    try {
      const r = await h.crawl(feed, { mode: "incremental", isSeen: seenFrom(first.items) });
      const fresh = r.items.filter((i) => !seenFrom(first.items)(i));
      expect(fresh.map((i) => i.url)).toEqual(
        alertHits(1)
          .filter((x) => x.stage === 1)
          .map((x) => x.realUrl),
      );
    } finally {
      h.web.setStage(0);
    }
  });

  it("the 429 unusual-traffic page is blocked, the consent page instead of the feed is broken", async () => {
    expect((await h.crawl(alertFeedUrl(BLOCKED_ALERT))).status).toBe("blocked");
    const consent = await h.crawl(alertFeedUrl(CONSENT_ALERT), { usualItems: 5 });
    expect(consent.status).toBe("broken");
  });
});
