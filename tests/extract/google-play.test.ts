/**
 * sources/google-play.yaml (AF_initDataCallback ds:15) on the replica app page and on the real saved
 * page in ../shared/fixtures/real-pages/google-play/ (skipped, visibly, when absent).
 */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import { APP, visibleReviews } from "../web/google-play/reviews.js";
import { appPage, appUrl, sorryPage } from "../web/google-play/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("google-play");
const now = new Date("2026-11-23T09:00:00Z");

describe("google-play source on the replica", () => {
  it("reads every review of ds:15 with its fields and developer reply", () => {
    const out = extractPage(htmlPage(appUrl(), appPage(visibleReviews(0), now), now.toISOString()), source);
    expect(out.items.map((i) => i.externalId)).toEqual(visibleReviews(0).map((r) => r.id));
    expect(out.warnings).toEqual([]);
    expect(out.nextCursor).toBeUndefined(); // 25 reviews: no second page
    const r = visibleReviews(0).find((x) => x.reply)!;
    const at = now.getTime() - r.minutesAgo * 60_000;
    expect(out.items.find((i) => i.externalId === r.id)).toEqual({
      platform: "google-play",
      externalId: r.id,
      url: `${appUrl()}&reviewId=${r.id}`,
      author: r.author,
      publishedAt: new Date(Math.floor(at / 1000) * 1000).toISOString(),
      rating: r.rating,
      text: r.text.join("\n"),
      likes: r.likes,
      reply: {
        text: r.reply,
        author: APP.developer,
        publishedAt: new Date(Math.floor((at + r.replyAfterMinutes * 60_000) / 1000) * 1000).toISOString(),
      },
      extra: { version: r.version },
    });
  });

  it("the unusual-traffic page is blocked; a page without ds:15 has no data (a broken source)", () => {
    expect(extractPage(htmlPage(appUrl("x"), sorryPage(appUrl("x")), undefined, 429), source).blocked).toBe(
      true,
    );
    const rebuilt = extractPage(htmlPage(appUrl(), appPage(visibleReviews(0), now, "ds:17")), source);
    expect(rebuilt.items).toEqual([]);
    expect(rebuilt.noData).toMatch(/^no JSON to read: callback ds:15: no such AF_initDataCallback/);
  });
});

describe("google-play source on the real saved page", () => {
  const page = realPage("google-play/01_app1.html");
  it.skipIf(!page)("app page 2019: 40 reviews from ds:15 and the next-page token", () => {
    const url = "https://play.google.com/store/apps/details?id=com.mojang.minecraftpe&hl=en";
    const out = extractPage(htmlPage(url, page!, "2019-06-16T12:00:00Z"), source);
    expect(out.itemNodes).toBe(40);
    expect(out.items).toHaveLength(40);
    expect(out.warnings).toEqual([]);
    expect(out.nextCursor).toMatch(/^CpsBCpgB/);
    expect(out.items.filter((i) => i.rating! <= 2).length).toBe(5);
    for (const item of out.items) {
      expect(item.externalId).toMatch(/^gp:AOqp/);
      expect(item.url).toBe(`${url}&reviewId=${item.externalId}`);
      expect(item.author).toBeTruthy();
      expect(item.text.length).toBeGreaterThan(0);
      expect(Date.parse(item.publishedAt!)).toBeGreaterThan(Date.parse("2019-01-01T00:00:00Z"));
      expect(item.reply).toBeUndefined(); // no developer replies on this page
    }
    expect(out.items[0]).toMatchObject({
      author: "Starcatcher Cross",
      rating: 5,
      likes: 1654,
      publishedAt: "2019-05-18T13:24:46.000Z", // [1558185886, 338000000]
      extra: { version: "1.11.3.1" },
    });
  });
});
