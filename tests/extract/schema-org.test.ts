/**
 * sources/schema-org.yaml (extract.type schema-org: JSON-LD, microdata, hreview, no site definition) on
 * the invented catalog replica, and on real saved pages of other platforms that carry schema.org data
 * (../shared/fixtures/real-pages/, skipped visibly when absent).
 */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import {
  ARCHIVE_REVIEWS,
  BRANCH_REVIEWS,
  BRANCH_SLUG,
  FIRM,
  REVIEWS,
  visibleReviews,
} from "../web/schema-org/reviews.js";
import {
  ddosGuardPage,
  hreviewPage,
  jsonLdListPage,
  jsonLdReviewPage,
  listUrl,
  microdataPage,
  plainPage,
  reviewUrl,
} from "../web/schema-org/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("schema-org");
const now = new Date("2026-11-23T09:00:00Z");
const page = (url: string, body: string, status = 200) => htmlPage(url, body, now.toISOString(), status);

describe("schema-org source: JSON-LD", () => {
  it("a list page: 10 reviews in @graph, teasers flagged, the aggregate, the next page", () => {
    const out = extractPage(page(listUrl(1), jsonLdListPage(visibleReviews(0), 1, now)!), source);
    expect(out.warnings).toEqual([]);
    expect(out.items.map((i) => i.externalId)).toEqual(
      visibleReviews(0)
        .slice(0, 10)
        .map((r) => r.id),
    );
    expect(out.aggregate).toEqual({ rating: FIRM.rating, count: 25 });
    expect(out.nextUrl).toBe(listUrl(2));
    const long = out.items.find((i) => i.extra?.["truncated"] === true)!;
    const r = REVIEWS.find((x) => x.id === long.externalId)!;
    expect(r.text.join("\n").startsWith(long.text)).toBe(true);
    expect(long).toMatchObject({
      url: reviewUrl(r),
      author: r.author,
      rating: r.rating,
      title: r.title,
      subject: FIRM.name,
      publishedAt: new Date(now.getTime() - r.minutesAgo * 60_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, ".000Z"),
      extra: { format: "json-ld", truncated: true },
    });
    const last = extractPage(page(listUrl(3), jsonLdListPage(visibleReviews(0), 3, now)!), source);
    expect(last.items).toHaveLength(5);
    expect(last.nextUrl).toBeUndefined();
  });

  it("a review page: the full text, the reviewed item as subject, pros from positiveNotes", () => {
    const r = REVIEWS.find((x) => x.pros !== "нет" && x.text.join("\n").length > 160)!;
    const out = extractPage(page(reviewUrl(r), jsonLdReviewPage(r, now)), source);
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({
      externalId: r.id,
      text: r.text.join("\n"),
      pros: r.pros,
      subject: FIRM.name,
    });
    expect(out.items[0]!.extra?.["truncated"]).toBeUndefined();
  });
});

describe("schema-org source: microdata and hreview", () => {
  it("microdata: nested author/rating scopes, a 10-point scale, date-only dates", () => {
    const out = extractPage(page(listUrl(1, BRANCH_SLUG), microdataPage(BRANCH_REVIEWS, now)), source);
    expect(out.warnings).toEqual([]);
    expect(out.items.map((i) => [i.externalId, i.rating, i.author])).toEqual(
      BRANCH_REVIEWS.map((r) => [r.id, r.rating, r.author]),
    );
    expect(out.aggregate).toEqual({ rating: 3.6, count: BRANCH_REVIEWS.length }); // 7,2 of 10
    expect(out.items[0]!.text).toBe(BRANCH_REVIEWS[0]!.text.join("\n"));
    expect(out.items[0]!.publishedAt).toMatch(/T21:00:00\.000Z$/); // midnight in Moscow
    expect(out.items[0]!.extra).toEqual({ format: "microdata" });
  });

  it("hreview: summary, reviewer, dtreviewed, rating of best, bookmark, hreview-aggregate", () => {
    const out = extractPage(
      page("https://spravka-b2b.example/firma/bank-romashka-arhiv/", hreviewPage(ARCHIVE_REVIEWS, now)),
      source,
    );
    expect(out.warnings).toEqual([]);
    expect(out.items).toHaveLength(ARCHIVE_REVIEWS.length);
    const r = ARCHIVE_REVIEWS[0]!;
    expect(out.items[0]).toEqual({
      platform: "schema-org",
      url: `https://spravka-b2b.example/firma/bank-romashka-arhiv/#r${r.id}`,
      author: r.author,
      publishedAt: new Date(Math.floor((now.getTime() - r.minutesAgo * 60_000) / 1000) * 1000).toISOString(),
      rating: r.rating,
      title: r.title,
      text: r.text.join("\n"),
      subject: FIRM.name,
      extra: { format: "hreview" },
    });
    expect(out.aggregate).toEqual({ rating: 3.1, count: ARCHIVE_REVIEWS.length });
  });

  it("a DDoS-Guard page is blocked; a page without structured data has no items", () => {
    expect(extractPage(page(listUrl(1), ddosGuardPage(), 403), source).blocked).toBe(true);
    const plain = extractPage(page(listUrl(1), plainPage(visibleReviews(0), now)), source);
    expect(plain).toMatchObject({ items: [], itemNodes: 0, blocked: false });
  });
});

describe("schema-org source on real saved pages of other platforms", () => {
  const glassdoor = realPage("glassdoor/01_glassdoor_reviews_test.html");
  it.skipIf(!glassdoor)(
    "Glassdoor 2019 hreview: 10 reviews marked up, 7 distinct (the excerpt repeats one)",
    () => {
      const out = extractPage(
        page("https://www.glassdoor.co.uk/Reviews/Aetna-Reviews-E16.htm", glassdoor!),
        source,
      );
      expect(out.itemNodes).toBe(10);
      expect(out.items).toHaveLength(7);
      expect(out.items[0]).toMatchObject({
        title: '"Good but needs improvement"',
        rating: 3,
        subject: "Aetna",
      });
      expect(out.items.every((i) => i.author && i.rating && i.text)).toBe(true);
    },
  );

  const play = realPage("google-play/01_app1.html");
  it.skipIf(!play)("Google Play 2019 microdata: no reviews, the app's AggregateRating", () => {
    const out = extractPage(
      page("https://play.google.com/store/apps/details?id=com.mojang.minecraftpe", play!),
      source,
    );
    expect(out.items).toEqual([]);
    expect(out.aggregate).toEqual({ rating: 4.51, count: 2735844 });
  });
});
