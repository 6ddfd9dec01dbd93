/**
 * sources/irecommend.yaml on the irecommend.ru replica (fixed clock), and a homepage variant of it on the
 * real 2014 homepage in ../shared/fixtures/real-pages/irecommend/ (skipped when absent).
 */
import { describe, expect, it } from "vitest";
import { Source } from "../../src/config/source.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { PRODUCT, REVIEWS, visibleReviews } from "../web/irecommend/reviews.js";
import { antiBotPage, listPage, reviewPage } from "../web/irecommend/site.js";
import { teaserOf } from "../web/replica-kit.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("irecommend");
const now = new Date("2026-11-23T09:30:00Z");
const listUrl = (p: number) =>
  `https://irecommend.ru/content/${PRODUCT.slug}${p > 1 ? `?page=${p - 1}` : ""}`;
const extractList = (page: number, stage = 0) =>
  extractPage(htmlPage(listUrl(page), listPage(visibleReviews(stage), page, now), now.toISOString()), source);

describe("irecommend source on the replica", () => {
  it("walks 10 + 10 + 2 list items by the Drupal pager (?page=1 is page 2)", () => {
    const pages = [1, 2, 3].map((p) => extractList(p));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 2]);
    expect(pages.map((p) => p.nextUrl)).toEqual([listUrl(2), listUrl(3), undefined]);
    expect(pages.flatMap((p) => p.warnings)).toEqual([]);
    expect(pages.flatMap((p) => p.items.map((i) => i.externalId))).toEqual(
      visibleReviews(0).map((r) => r.slug),
    );
  });

  it("reads a list item: lit stars counted, the date, the teaser without its 'Читать весь отзыв'", () => {
    const r = visibleReviews(0).find((x) => teaserOf(x.text, 250).cut)!;
    const item = [1, 2, 3].flatMap((p) => extractList(p).items).find((i) => i.externalId === r.slug)!;
    const day = new Date(now.getTime() - r.minutesAgo * 60_000);
    expect(item).toMatchObject({
      url: `https://irecommend.ru/content/${r.slug}`,
      author: r.author,
      rating: r.rating,
      title: r.title,
      text: teaserOf(r.text, 250, "...")
        .text.replace(/\.\.\.$/, "")
        .replace(/\n/g, " "),
      language: "ru",
      subject: PRODUCT.name,
      extra: { truncated: true },
    });
    // "21 ноября 2026": the day in Moscow, at midnight
    const moscowDay = new Date(day.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
    expect(item.publishedAt).toBe(new Date(`${moscowDay}T00:00:00+03:00`).toISOString());
  });

  it("reads the product's rating and review count into the page's aggregate", () => {
    expect(extractList(1).aggregate).toEqual({ rating: PRODUCT.rating, count: visibleReviews(0).length });
  });

  it("reads a review page: full text, pros and cons lists, the exact time, likes", () => {
    const r = REVIEWS[3]!;
    const url = `https://irecommend.ru/content/${r.slug}`;
    const out = extractPage(htmlPage(url, reviewPage(r, now), now.toISOString()), source);
    expect(out.warnings).toEqual([]);
    expect(out.items).toEqual([
      {
        platform: "irecommend",
        externalId: r.slug,
        url,
        author: r.author,
        publishedAt: new Date(
          Math.floor((now.getTime() - r.minutesAgo * 60_000) / 1000) * 1000,
        ).toISOString(),
        rating: r.rating,
        title: r.title,
        text: r.text.join("\n\n"),
        pros: r.pros.split(", ").join("\n"),
        cons: r.cons.split(", ").join("\n"),
        likes: r.likes,
        language: "ru",
        subject: PRODUCT.name,
      },
    ]);
  });

  it("the anti-bot interstitial is blocked; the redesign has no item elements", () => {
    expect(extractPage(htmlPage(listUrl(1), antiBotPage()), source)).toMatchObject({
      blocked: true,
      items: [],
    });
    const changed = extractPage(htmlPage(listUrl(1), listPage(visibleReviews(0), 1, now, true)), source);
    expect(changed).toMatchObject({ blocked: false, itemNodes: 0, items: [] });
  });
});

/**
 * The 2014 homepage is another page type: "best review" teasers and "latest reviews" table rows, no texts
 * and no dates. The variant keeps the source's identity and swaps the item and field rules.
 */
const homepageVariant = Source.parse({
  ...source,
  pagination: { type: "none" },
  extract: {
    type: "html",
    item: ".view-best-reviews .views-row, .view-last-reviews tbody tr",
    fields: {
      externalId: [
        { selector: ".citate a", attr: "href", regex: "/content/([^/?#]+)" },
        { selector: "td.views-field-title a", attr: "href", regex: "/content/([^/?#]+)" },
      ],
      url: [
        { selector: ".citate a", attr: "href" },
        { selector: "td.views-field-title a", attr: "href" },
      ],
      author: ".citate-user",
      // the table's stars are the review's; the teaser's widget is the product's average (extra)
      rating: { selector: "td.views-field-field-starz1-rating .star-first span" },
      title: [".citate a", "td.views-field-title a"],
      text: [".citate a", "td.views-field-title a"],
      subject: ["h2.title a", "td.views-field-field-noderef1-nid a"],
    },
    extra: { "product-rating": { selector: ".average-rating span", parse: "float" } },
  },
});

describe("irecommend homepage variant on the real 2014 homepage", () => {
  const home = realPage("irecommend/01_http___irecommend.ru.html");
  it.skipIf(!home)("10 best-review teasers and 10 latest-review table rows", () => {
    const out = extractPage(
      htmlPage("http://irecommend.ru/", home!, "2014-11-09T12:00:00.000Z"),
      homepageVariant,
    );
    expect(out.warnings).toEqual([]);
    // The README counts 11 table rows; the page holds two 5-row tables (plus a header row each).
    expect(out.itemNodes).toBe(20);
    const teasers = out.items.filter((i) => i.extra?.["product-rating"] !== undefined);
    const rows = out.items.filter((i) => i.extra?.["product-rating"] === undefined);
    expect(teasers).toHaveLength(10);
    expect(rows).toHaveLength(10);
    for (const t of teasers) {
      expect(t.url).toMatch(/^http:\/\/irecommend\.ru\/content\/[a-z0-9-]+$/);
      expect(t.author).toBeTruthy();
      expect(t.subject).toBeTruthy();
      expect(t.rating).toBeUndefined();
    }
    for (const row of rows) {
      expect(row.rating).toBeGreaterThanOrEqual(1);
      expect(row.title).toBeTruthy();
      expect(row.subject).toBeTruthy();
    }
    expect(teasers[0]).toMatchObject({
      externalId: "gemology-omolazhivayushchii-krem-almaz-brilliant-podlinnyi-ili-falshivyi",
      author: "venus-3000",
      subject: 'Крем для лица Gemology омолаживающий "Алмаз"',
      extra: { "product-rating": 4 },
    });
    expect(rows[0]).toMatchObject({ rating: 5, subject: "Уход за лицом в домашних условиях (к..." });
  });
});
