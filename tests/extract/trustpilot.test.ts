/**
 * sources/trustpilot.yaml (extract.type json) on the trustpilot replica pages and on the real saved
 * files in ../shared/fixtures/real-pages/trustpilot/ (skipped, visibly, when absent).
 */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import { COMPANY, REVIEWS, visibleReviews } from "../web/trustpilot/reviews.js";
import { challengePage, companyPage, redesignedPage, reviewPage } from "../web/trustpilot/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("trustpilot");
const now = new Date("2026-11-23T12:00:00Z");
const url = (p = 1) =>
  `https://www.trustpilot.com/review/${COMPANY.identifyingName}${p > 1 ? `?page=${p}` : ""}`;
const extractList = (p: number, stage = 0) =>
  extractPage(htmlPage(url(p), companyPage(visibleReviews(stage), p, now)!, now.toISOString()), source);

describe("trustpilot source on the replica", () => {
  it("reads 20 + 5 reviews from __NEXT_DATA__, says page 2 is the last, and the TrustScore", () => {
    const [p1, p2] = [extractList(1), extractList(2)];
    expect(p1.items).toHaveLength(20);
    expect(p2.items).toHaveLength(5);
    expect(p1.warnings).toEqual([]);
    expect(p1.lastPage).toBeUndefined();
    expect(p2.lastPage).toBe(true);
    expect(p1.aggregate).toEqual({ rating: COMPANY.trustScore, count: 25 });
    const ids = [...p1.items, ...p2.items].map((i) => i.externalId);
    expect(ids).toEqual(visibleReviews(0).map((r) => r.id));
  });

  it("reads every field of a review, the company reply included", () => {
    const r = visibleReviews(0).find((x) => x.reply && x.index > 0)!;
    const item = [...extractList(1).items, ...extractList(2).items].find((i) => i.externalId === r.id)!;
    const published = new Date(now.getTime() - r.minutesAgo * 60_000);
    expect(item).toEqual({
      platform: "trustpilot",
      externalId: r.id,
      url: `https://www.trustpilot.com/reviews/${r.id}`,
      author: r.author,
      publishedAt: published.toISOString(),
      rating: r.rating,
      title: r.title,
      text: r.text.join("\n\n"),
      language: /[а-я]/i.test(r.title) ? "ru" : "en",
      likes: r.likes,
      subject: COMPANY.displayName,
      reply: {
        text: r.reply,
        publishedAt: new Date(published.getTime() + r.replyAfterMinutes * 60_000).toISOString(),
      },
      extra: { country: r.countryCode, ...(r.verified ? { verified: "true" } : {}) },
    });
  });

  it("a review's own page yields that review", () => {
    const r = REVIEWS[3]!;
    const out = extractPage(
      htmlPage(`https://www.trustpilot.com/reviews/${r.id}`, reviewPage(r, now)),
      source,
    );
    expect(out.items.map((i) => [i.externalId, i.rating])).toEqual([[r.id, r.rating]]);
  });

  it("the challenge page is blocked; the rebuilt page has no items", () => {
    const blocked = extractPage(htmlPage(url(), challengePage(), undefined, 403), source);
    expect(blocked).toMatchObject({ blocked: true, items: [] });
    const rebuilt = extractPage(htmlPage(url(), redesignedPage(visibleReviews(0), now)), source);
    expect(rebuilt.itemNodes).toBe(0);
    expect(rebuilt.warnings).toEqual([expect.stringContaining("no items at props.pageProps.reviews")]);
  });
});

describe("trustpilot source on the real saved files", () => {
  const api = realPage("trustpilot/01_trustpilot_reviews.json");
  it.skipIf(!api)("API v1 response: 3 reviews with stars, dates, consumer, language", () => {
    const page = {
      ...htmlPage("https://api.trustpilot.com/v1/business-units/468302bb00006400050000a5/reviews", api!),
      contentType: "application/json",
    };
    const out = extractPage(page, source);
    expect(out.items).toHaveLength(3);
    expect(out.warnings).toEqual([]);
    expect(out.nextUrl).toBeUndefined(); // no next-page link in this response
    for (const item of out.items) {
      expect(item.externalId).toMatch(/^[0-9a-f]{24}$/);
      expect(item.url).toBe(`https://www.trustpilot.com/reviews/${item.externalId}`);
      expect(item.author).toBeTruthy();
      expect(item.rating).toBeGreaterThanOrEqual(1);
      expect(item.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(item.text.length).toBeGreaterThan(10);
      expect(item.language).toBe("da");
    }
    expect(out.items[0]).toMatchObject({
      externalId: "59883aebfba87f08a8274e07",
      author: "Jeffry Taraca",
      rating: 1,
    });
  });

  const home = realPage("trustpilot/02_au.trustpilot.com.html");
  it.skipIf(!home)("homepage __NEXT_DATA__: 50 latest reviews across companies", () => {
    const out = extractPage(htmlPage("https://au.trustpilot.com/", home!, "2021-01-27T12:00:00Z"), source);
    expect(out.itemNodes).toBe(50);
    expect(out.items).toHaveLength(50);
    expect(out.warnings).toEqual([]);
    expect(out.blocked).toBe(false);
    const subjects = new Set(out.items.map((i) => i.subject));
    expect(subjects.size).toBeGreaterThan(10); // many companies
    for (const item of out.items) {
      expect(item.author).toBeTruthy();
      expect(item.rating).toBeGreaterThanOrEqual(1);
      expect(Date.parse(item.publishedAt!)).toBeGreaterThan(Date.parse("2021-01-26T00:00:00Z"));
    }
    expect(out.items[0]).toMatchObject({
      author: "Zulfiqar",
      subject: "Blockchain",
      rating: 5,
      title: "Great service",
    });
  });
});
