/**
 * sources/zoon.yaml on the zoon.ru replica (fixed clock), and a catalog variant of it on the real catalog
 * page in ../shared/fixtures/real-pages/zoon/ (skipped when absent).
 */
import { describe, expect, it } from "vitest";
import { Source } from "../../src/config/source.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { ORG, REVIEWS, visibleReviews } from "../web/zoon/reviews.js";
import { captchaPage, chunk, redesignedPage, reviewsPage } from "../web/zoon/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("zoon");
const now = new Date("2026-11-23T09:30:00Z");
const pageUrl = `https://zoon.ru/${ORG.path}/reviews/`;
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

describe("zoon source on the replica", () => {
  it("reads the first 10 reviews and the show-more chunk URL, then the chunks to the end", () => {
    const reviews = visibleReviews(0);
    const first = extractPage(htmlPage(pageUrl, reviewsPage(reviews, now), now.toISOString()), source);
    expect(first.warnings).toEqual([]);
    expect(first.items.map((i) => i.externalId)).toEqual(reviews.slice(0, 10).map((r) => r.id));
    expect(first.nextUrl).toBe(
      `https://zoon.ru/js.php?area=service&action=CommentList&owner[]=organization&organization=${ORG.id}&sort=date&skip=10&limit=10`,
    );
    const second = extractPage(htmlPage(first.nextUrl!, chunk(reviews, 10, now)), source);
    const third = extractPage(htmlPage(second.nextUrl!, chunk(reviews, 20, now)), source);
    expect([second.items.length, third.items.length]).toEqual([10, 4]);
    expect(third.nextUrl).toBeUndefined();
    expect(second.warnings).toEqual([]);
  });

  it("reads every field: microdata date and rating, parts, the hidden rest of the text, the answer", () => {
    const r = visibleReviews(0).find((x) => x.reply && x.text.join("\n").length > 200)!;
    const out = extractPage(
      htmlPage(pageUrl, reviewsPage(visibleReviews(0), now), now.toISOString()),
      source,
    );
    const chunks = [10, 20].map((skip) =>
      extractPage(htmlPage(pageUrl, chunk(visibleReviews(0), skip, now)), source),
    );
    const item = [...out.items, ...chunks.flatMap((c) => c.items)].find((i) => i.externalId === r.id)!;
    const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
    expect(item).toMatchObject({
      url: `https://zoon.ru/${ORG.path}/reviews/#comment-${r.id}`,
      author: r.author,
      publishedAt: second(Date.parse(at(r.minutesAgo))),
      rating: r.rating,
      text: r.text.join("\n"),
      pros: r.pros,
      cons: r.cons,
      reply: { text: r.reply, publishedAt: second(Date.parse(at(r.minutesAgo - r.replyAfterMinutes))) },
      likes: r.likes,
      language: "ru",
    });
    expect(item.extra?.["truncated"]).toBeUndefined();
  });

  it("without microdata or the rating text, the stars' filled width gives the rating", () => {
    const html = reviewsPage(visibleReviews(0), now)
      .replace(/<meta itemprop="ratingValue"[^>]*>/g, "")
      .replace(/<span class="stars-rating-text">\d<\/span>/g, "");
    const out = extractPage(htmlPage(pageUrl, html, now.toISOString()), source);
    expect(out.warnings).toEqual([]);
    expect(out.items.map((i) => i.rating)).toEqual(
      visibleReviews(0)
        .slice(0, 10)
        .map((r) => r.rating),
    );
  });

  it("names the organisation; its rating and review count are the page aggregate", () => {
    const out = extractPage(htmlPage(pageUrl, reviewsPage(visibleReviews(0), now)), source);
    expect(out.items[0]).toMatchObject({ subject: ORG.name });
    expect(out.aggregate).toEqual({ rating: ORG.rating, count: visibleReviews(0).length });
    expect(out.items.filter((i) => i.reply).length).toBe(
      visibleReviews(0)
        .slice(0, 10)
        .filter((r) => r.reply).length,
    );
    expect(REVIEWS.some((r) => r.rating <= 2)).toBe(true);
  });

  it("the captcha page is blocked; the redesign has no item elements", () => {
    expect(extractPage(htmlPage(pageUrl, captchaPage()), source)).toMatchObject({ blocked: true, items: [] });
    const changed = extractPage(htmlPage(pageUrl, redesignedPage(visibleReviews(0))), source);
    expect(changed).toMatchObject({ blocked: false, itemNodes: 0 });
  });
});

/**
 * A catalog list is another page type: one card per organisation, some with a quote from a review (no
 * author, date or id of its own). The variant reads each card with a quote as a mention of that
 * organisation; cards without one are skipped (no text).
 */
const catalogVariant = Source.parse({
  ...source,
  pagination: { type: "none" },
  extract: {
    type: "html",
    item: "li.minicard-item.js-results-item[data-id]",
    fields: {
      externalId: { attr: "data-id" },
      url: [
        { selector: ".minicard-item__rating a.js-linksmake", attr: "href" },
        { selector: "a.title-link", attr: "href" },
      ],
      // a quote cut at both ends: "…ваша жена … 026/у-2000…"
      text: { selector: ".minicard-item__comment", regex: "^…?\\s*([\\s\\S]+)$" },
      subject: "a.title-link",
    },
    extra: {
      "org-rating": { selector: ".stars-view[data-val]", attr: "data-val", parse: "float" },
      "org-reviews": {
        selector: ".stars-view[title]",
        attr: "title",
        regex: "на основании (\\d+)",
        parse: "int",
      },
      address: ".minicard-item__address .address",
    },
  },
});

describe("zoon catalog variant on the real catalog page", () => {
  const catalog = realPage("zoon/01_zoon.html");
  it.skipIf(!catalog)("300 organisation cards, 229 of them with a review snippet", () => {
    const out = extractPage(
      htmlPage("https://spb.zoon.ru/medical/", catalog!, "2022-09-22T12:00:00Z"),
      catalogVariant,
    );
    expect(out.itemNodes).toBe(300);
    expect(out.items).toHaveLength(229);
    expect(out.warnings.filter((w) => /skipped: no text/.test(w))).toHaveLength(71);
    expect(out.warnings.filter((w) => !/skipped: no text/.test(w))).toEqual([]);
    for (const item of out.items) {
      expect(item.url).toMatch(/^https:\/\/spb\.zoon\.ru\/medical\/[a-z0-9_-]+\/(reviews\/)?$/);
      expect(item.subject).toBeTruthy();
      expect(item.text.length).toBeGreaterThan(10);
    }
    expect(out.items[0]).toMatchObject({
      externalId: "5b97a01451e59327c8330737",
      url: "https://spb.zoon.ru/medical/meditsinskij_tsentr_dinastiya_na_ulitse_lenina/reviews/",
      subject: "Династия",
      extra: { "org-rating": 4.6, "org-reviews": 185, address: "улица Ленина, 5, 2 этаж, Санкт-Петербург" },
    });
    expect(out.items[0]!.text).toMatch(/^ваша жена обратилась/);
    // the snippet is cut at both ends ("…ваша жена … 026/у-2000…"): the trailing mark flags it
    expect(out.items[0]!.extra?.["truncated"]).toBe(true);
  });
});
