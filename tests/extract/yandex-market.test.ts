/** sources/yandex-market.yaml on the Yandex Market replica's pages (fixed clock). No real page exists. */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import { PRODUCT, SHOP, visibleReviews } from "../web/yandex-market/reviews.js";
import { captchaPage, redesignedPage, reviewsPage } from "../web/yandex-market/site.js";
import { htmlPage, loadSource } from "./helpers.js";

const source = loadSource("yandex-market");
const now = new Date("2026-11-23T09:30:00Z");
const pageUrl = (p: number) => `https://market.yandex.ru/${PRODUCT.path}/reviews${p > 1 ? `?page=${p}` : ""}`;
const extract = (p: number, stage = 0) =>
  extractPage(htmlPage(pageUrl(p), reviewsPage(visibleReviews(stage), p, now), now.toISOString()), source);
const second = (minutesAgo: number) =>
  new Date(Math.floor((now.getTime() - minutesAgo * 60_000) / 1000) * 1000).toISOString();

describe("yandex-market source on the replica", () => {
  it("walks 10 + 4 reviews by the pager", () => {
    const pages = [1, 2].map((p) => extract(p));
    expect(pages.map((p) => p.items.length)).toEqual([10, 4]);
    expect(pages.map((p) => p.nextUrl)).toEqual([pageUrl(2), undefined]);
    expect(pages.flatMap((p) => p.warnings)).toEqual([]);
    expect(pages.flatMap((p) => p.items.map((i) => Number(i.externalId)))).toEqual(
      visibleReviews(0).map((r) => r.id),
    );
  });

  it("reads the comment, pros, cons, data-rate, usage, region and the shop's answer", () => {
    const r = visibleReviews(0).find((x) => x.reply)!;
    const item = [1, 2].flatMap((p) => extract(p).items).find((i) => i.externalId === String(r.id))!;
    expect(item).toEqual({
      platform: "yandex-market",
      externalId: String(r.id),
      url: `https://market.yandex.ru/${PRODUCT.path}/reviews?firstReviewId=${r.id}`,
      author: r.author,
      publishedAt: second(r.minutesAgo),
      rating: r.rating,
      title: r.title,
      text: r.text.join("\n"),
      pros: r.pros,
      cons: r.cons,
      reply: {
        text: r.reply,
        publishedAt: second(r.minutesAgo - r.replyAfterMinutes),
        author: SHOP.name,
      },
      likes: r.likes,
      language: "ru",
      subject: PRODUCT.name,
      extra: { usage: r.usage, region: r.city },
    });
  });

  it("reads the product's rating and review count into the page's aggregate", () => {
    expect(extract(1).aggregate).toEqual({ rating: PRODUCT.rating, count: visibleReviews(0).length });
  });

  it("without microdata the printed 'вчера' / '3 дня назад' date still gives the day", () => {
    const html = reviewsPage(visibleReviews(0), 1, now).replace(/<meta itemprop="datePublished"[^>]*>/g, "");
    const out = extractPage(htmlPage(pageUrl(1), html, now.toISOString()), source);
    expect(out.warnings).toEqual([]);
    for (const [i, item] of out.items.entries()) {
      const actual = now.getTime() - visibleReviews(0)[i]!.minutesAgo * 60_000;
      const shown = Date.parse(item.publishedAt!);
      // "вчера" is the day's start; "3 дня назад" is three days back at the fetch's time of day
      expect(Math.abs(actual - shown)).toBeLessThan(86_400_000);
    }
  });

  it("Yandex's captcha is blocked; the React redesign has no item elements", () => {
    expect(
      extractPage(htmlPage("https://market.yandex.ru/showcaptcha?retpath=x", captchaPage()), source),
    ).toMatchObject({
      blocked: true,
      items: [],
    });
    const changed = extractPage(htmlPage(pageUrl(1), redesignedPage(visibleReviews(0))), source);
    expect(changed).toMatchObject({ blocked: false, itemNodes: 0 });
  });
});
