/**
 * sources/2gis.yaml on the 2gis replica (API responses and firm pages with `initialState`) and on the
 * real saved firm pages in ../shared/fixtures/real-pages/2gis/ (skipped, visibly, when absent).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "../../src/crawl/types.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { BRANCH, reviewJson, shownReviews, visibleReviews } from "../web/2gis/reviews.js";
import { captchaPage, firmPage, firmUrl, notFoundPage } from "../web/2gis/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("2gis");
const now = new Date("2026-11-23T09:00:00Z");
const jsonPage = (url: string, value: unknown): Page => ({
  ...htmlPage(url, JSON.stringify(value), now.toISOString()),
  contentType: "application/json",
});

describe("2gis source on the replica", () => {
  it("API page: hidden reviews skipped (and said so), every field read, the aggregate", () => {
    const all = visibleReviews(0).slice(0, 20);
    const body = {
      meta: { branch_rating: 3.6, branch_reviews_count: 23, code: 200 },
      reviews: all.map((r) => reviewJson(r, now)),
    };
    const out = extractPage(
      jsonPage("https://public-api.reviews.2gis.com/2.0/branches/1/reviews?offset=0", body),
      source,
    );
    expect(out.itemNodes).toBe(20);
    expect(out.items.map((i) => i.externalId)).toEqual(all.filter((r) => !r.hidden).map((r) => r.id));
    expect(all.filter((r) => r.hidden)).toHaveLength(2);
    expect(out.warnings).toEqual(["2 hidden item(s) skipped"]);
    expect(out.aggregate).toEqual({ rating: 3.6, count: 23 });
    const r = all.find((x) => x.reply && !x.hidden)!;
    const created = now.getTime() - r.minutesAgo * 60_000;
    expect(out.items.find((i) => i.externalId === r.id)).toEqual({
      platform: "2gis",
      externalId: r.id,
      url: `https://2gis.ru/firm/${BRANCH.id}/tab/reviews#review-${r.id}`,
      author: r.author,
      publishedAt: new Date(created).toISOString(),
      rating: r.rating,
      text: r.text.join("\n"),
      likes: r.likes,
      reply: {
        text: r.reply,
        publishedAt: new Date(created + r.replyAfterMinutes * 60_000).toISOString(),
        author: "Банк Ромашка",
      },
      extra: { comments: r.index % 4 === 0 ? 1 : 0, provider: "2gis" },
    });
  });

  it("firm page: the JSON.parse('…') state is unescaped and read, with the branch name", () => {
    const out = extractPage(htmlPage(firmUrl(), firmPage(visibleReviews(0), now), now.toISOString()), source);
    expect(out.items.map((i) => i.externalId).sort()).toEqual(
      shownReviews(0)
        .map((r) => r.id)
        .sort(),
    );
    expect(out.aggregate).toEqual({ rating: BRANCH.rating, count: shownReviews(0).length });
    const byId = new Map(shownReviews(0).map((r) => [r.id, r]));
    for (const item of out.items) {
      expect(item.text).toBe(byId.get(item.externalId!)!.text.join("\n"));
      expect(item.subject).toBe(BRANCH.name);
    }
  });

  it("not-found firm page → notFound; captcha → blocked", () => {
    const nf = extractPage(htmlPage(firmUrl("5"), notFoundPage("5")), source);
    expect(nf.notFound).toMatch(/not found/);
    expect(nf.items).toEqual([]);
    expect(extractPage(htmlPage(firmUrl("5"), captchaPage()), source).blocked).toBe(true);
  });
});

describe("2gis source on the real saved pages", () => {
  const firm = realPage("2gis/01_dgis_test.html");
  it.skipIf(!firm)("firm page: 50 reviews from initialState with the README's fields", () => {
    const out = extractPage(
      htmlPage("https://2gis.ru/vologda/firm/70000001019437403", firm!, "2026-03-25T12:00:00Z"),
      source,
    );
    expect(out.itemNodes).toBe(50);
    expect(out.items).toHaveLength(50);
    expect(out.warnings).toEqual([]);
    expect(out.aggregate).toEqual({ rating: 4.8, count: 251 });
    expect(out.items.filter((i) => i.reply).length).toBe(46);
    for (const item of out.items) {
      expect(item.externalId).toMatch(/^\d+$/);
      expect(item.rating).toBe(5); // the page was filtered to 5 stars
      expect(item.author).toBeTruthy();
      expect(item.text.length).toBeGreaterThan(0);
      expect(item.subject).toBe("Аллея Мебели, мебельный гипермаркет");
      expect(item.url).toBe(`https://2gis.ru/firm/70000001019437403/tab/reviews#review-${item.externalId}`);
    }
    expect(out.items.find((i) => i.externalId === "178908700")).toMatchObject({
      author: "Анатолий Калинин",
      publishedAt: "2025-08-15T13:09:48.709Z", // 20:09:48.708727+07:00
      reply: { author: "Аллея Мебели, мебельный гипермаркет", publishedAt: "2025-08-25T06:54:01.941Z" },
    });
  });

  const gone = realPage("2gis/90_debug_2gis_notfound.html");
  it.skipIf(!gone)("not-found firm page: 0 reviews, notFound (the crawl fails, naming it)", () => {
    const out = extractPage(htmlPage("https://2gis.ru/vologda/firm/70000001039498416", gone!), source);
    expect(out.items).toEqual([]);
    expect(out.notFound).toBe("the page says not found (data.entity.profile.*.meta.code = 404)");
  });
});
