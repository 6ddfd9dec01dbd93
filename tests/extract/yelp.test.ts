/**
 * sources/yelp.yaml on the Yelp replica (fixed clock), and a user-profile variant of it on the real profile
 * page in ../shared/fixtures/real-pages/yelp/ (skipped when absent), and an API variant (extract.type json) on
 * the saved Yelp API v2 business response.
 */
import { describe, expect, it } from "vitest";
import { Source } from "../../src/config/source.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { BIZ, visibleReviews } from "../web/yelp/reviews.js";
import { bizPage, dataDomePage, redesignedPage } from "../web/yelp/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("yelp");
const now = new Date("2026-11-23T15:30:00Z");
const pageUrl = (p: number) =>
  `https://www.yelp.com/biz/${BIZ.slug}?sort_by=date_desc${p > 1 ? `&start=${(p - 1) * 10}` : ""}`;
const extract = (p: number) =>
  extractPage(htmlPage(pageUrl(p), bizPage(visibleReviews(0), p, now), now.toISOString()), source);

describe("yelp source on the replica business page", () => {
  it("reads 10 + 4 reviews; offsets come from the pagination settings, not the page", () => {
    const pages = [1, 2].map(extract);
    expect(pages.map((p) => p.items.length)).toEqual([10, 4]);
    expect(pages.flatMap((p) => p.warnings)).toEqual([]);
    expect(pages.flatMap((p) => p.items.map((i) => i.externalId))).toEqual(
      visibleReviews(0).map((r) => r.id),
    );
    expect(pages[0]!.nextUrl).toBe(`https://www.yelp.com/biz/${BIZ.slug}?sort_by=date_desc&start=10`);
  });

  it("reads a review: aria-label stars, 'Nov 3, 2026' in New York, paragraphs, the owner's reply", () => {
    const r = visibleReviews(0).find((x) => x.reply && x.text.length > 1)!;
    const item = [1, 2].flatMap((p) => extract(p).items).find((i) => i.externalId === r.id)!;
    const localDay = (ms: number) => {
      const d = new Intl.DateTimeFormat("en-CA", { timeZone: BIZ.timeZone }).format(new Date(ms));
      return new Date(
        `${d}T00:00:00${ms > Date.parse("2026-11-01T06:00:00Z") ? "-05:00" : "-04:00"}`,
      ).toISOString();
    };
    const ms = now.getTime() - r.minutesAgo * 60_000;
    expect(item).toEqual({
      platform: "yelp",
      externalId: r.id,
      url: `https://www.yelp.com/biz/${BIZ.slug}?hrid=${r.id}`,
      author: r.author,
      publishedAt: localDay(ms),
      rating: r.rating,
      text: r.text.join("\n\n"),
      reply: { text: r.reply, publishedAt: localDay(ms + r.replyAfterMinutes * 60_000), author: BIZ.owner },
      likes: r.likes,
      language: "en",
      subject: BIZ.name,
      extra: { location: r.location },
    });
  });

  it("reads the business's rating and review count into the page's aggregate", () => {
    expect(extract(1).aggregate).toEqual({ rating: BIZ.rating, count: visibleReviews(0).length });
  });

  it("DataDome's 403 is blocked; the y-css redesign has no item elements", () => {
    expect(extractPage(htmlPage(pageUrl(1), dataDomePage(), undefined, 403), source)).toMatchObject({
      blocked: true,
    });
    const changed = extractPage(htmlPage(pageUrl(1), redesignedPage(visibleReviews(0))), source);
    expect(changed).toMatchObject({ blocked: false, itemNodes: 0 });
  });
});

/** A user profile lists one user's reviews of many businesses in the older markup. */
const profileVariant = Source.parse({
  ...source,
  pagination: { type: "next-link", selector: ".pagination-block a.page-of-pages[href]" },
  extract: {
    type: "html",
    item: "div.review[data-review-id]",
    fields: {
      externalId: { attr: "data-review-id" },
      url: { selector: "a.biz-name", attr: "href" },
      author: { selector: ".user-profile_info h1", scope: "page" },
      // "12/28/2014 Updated review": the date of the current version
      publishedAt: { selector: ".rating-qualifier", regex: "(\\d{1,2}/\\d{1,2}/\\d{4})" },
      rating: { selector: ".i-stars[title]", attr: "title" },
      text: ".review-content p[lang]",
      language: { selector: ".review-content p[lang]", attr: "lang" },
      subject: "a.biz-name",
    },
  },
});

describe("yelp profile variant on the real user page", () => {
  const profile = realPage("yelp/02_azibluk.yelp.com.html");
  it.skipIf(!profile)("10 reviews of 10 businesses by the page's owner, with stars, dates and text", () => {
    const out = extractPage(
      htmlPage(
        "https://www.yelp.com/user_details?userid=umvYh5lZSeVueuqALEpL9A",
        profile!,
        "2021-01-27T12:00:00Z",
      ),
      profileVariant,
    );
    expect(out.itemNodes).toBe(10);
    expect(out.items).toHaveLength(10);
    expect(out.warnings).toEqual([]);
    expect(new Set(out.items.map((i) => i.subject)).size).toBe(10);
    for (const item of out.items) {
      expect(item.externalId).toMatch(/^[\w-]{22}$/);
      expect(item.url).toMatch(/^https:\/\/www\.yelp\.com\/biz\/[\w-]+$/);
      expect(item.author).toBe("Alan Z.");
      expect(item.rating).toBeGreaterThanOrEqual(1);
      expect(item.language).toBe("en");
      expect(item.text.length).toBeGreaterThan(20);
    }
    expect(out.items[0]).toMatchObject({
      externalId: "1uG7ffJMsPENsMTJywHn9Q",
      url: "https://www.yelp.com/biz/mcdonalds-new-haven-2",
      rating: 1,
      publishedAt: "2019-04-30T04:00:00.000Z", // 4/30/2019, month first, New York midnight
      subject: "McDonald’s",
    });
    expect(out.items[0]!.text).toMatch(/^Disappointed today\. I just get black coffee\./);
    expect(out.nextUrl).toBe(
      "https://www.yelp.com/user_details_reviews_self?rec_pagestart=10&userid=umvYh5lZSeVueuqALEpL9A",
    );
  });
});

/** Yelp's (v2) business API: one business with a few review excerpts. */
const apiVariant = Source.parse({
  ...source,
  pagination: { type: "none" },
  extract: {
    type: "json",
    items: "reviews",
    fields: {
      externalId: "id",
      url: { path: "id", template: "{$page}?hrid={}" },
      author: "user.name",
      publishedAt: { path: "time_created", parse: "unix" },
      rating: "rating",
      text: "excerpt",
      subject: { path: "name", scope: "page" },
    },
    aggregate: { rating: "rating", count: "review_count" },
  },
});

describe("yelp API variant on the real API response", () => {
  const api = realPage("yelp/01_business_response.json");
  it.skipIf(!api)("1 review excerpt (cut: flagged), the business's rating and count", () => {
    const out = extractPage(
      {
        ...htmlPage("https://www.yelp.com/biz/urban-curry-san-francisco", api!),
        contentType: "application/json",
      },
      apiVariant,
    );
    expect(out.warnings).toEqual([]);
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({
      externalId: "flAK8Mu4auUdcFNR7iPa6Q",
      url: "https://www.yelp.com/biz/urban-curry-san-francisco?hrid=flAK8Mu4auUdcFNR7iPa6Q",
      author: "Hilary C.",
      publishedAt: "2015-08-30T00:40:45.000Z",
      rating: 4,
      subject: "Urban Curry",
      extra: { truncated: true },
    });
    expect(out.items[0]!.text).toMatch(/^One of the owners is a former Sherpa/);
    expect(out.aggregate).toEqual({ rating: 4, count: 455 });
  });
});
