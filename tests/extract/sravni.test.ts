/** sources/sravni.yaml on the sravni.ru replica's pages (fixed clock). No real page exists. */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import { humanDatePrecision, ruHumanDate, teaserOf } from "../web/replica-kit.js";
import { BANK, visibleReviews } from "../web/sravni/reviews.js";
import { challengePage, listPage, redesignedPage, reviewPage } from "../web/sravni/site.js";
import { htmlPage, loadSource } from "./helpers.js";

const source = loadSource("sravni");
const now = new Date("2026-11-23T09:30:00Z");
const listUrl = (p: number) => `https://www.sravni.ru/bank/${BANK.slug}/otzyvy/?orderBy=byDate&page=${p}`;
const extract = (p: number) =>
  extractPage(htmlPage(listUrl(p), listPage(visibleReviews(0), p, now), now.toISOString()), source);

describe("sravni source on the replica", () => {
  it("reads 10 + 9 cards matched by class prefix, then an empty page", () => {
    const pages = [1, 2, 3].map(extract);
    expect(pages.map((p) => p.items.length)).toEqual([10, 9, 0]);
    expect(pages.flatMap((p) => p.warnings)).toEqual([]);
    expect(pages.flatMap((p) => p.items.map((i) => Number(i.externalId)))).toEqual(
      visibleReviews(0).map((r) => r.id),
    );
  });

  it("reads a card: aria-label rating, relative date, tags, the bank's answer", () => {
    const r = visibleReviews(0).find((x) => x.reply)!;
    const item = [1, 2].flatMap((p) => extract(p).items).find((i) => i.externalId === String(r.id))!;
    const teaser = teaserOf(r.text, 250);
    expect(item).toMatchObject({
      url: `https://www.sravni.ru/bank/${BANK.slug}/otzyvy/${r.id}/`,
      author: r.author,
      rating: r.rating,
      title: r.title,
      text: teaser.text.replace(/…$/, ""),
      reply: { text: r.reply },
      likes: r.likes,
      subject: BANK.name,
      extra: { product: r.product, status: r.status, city: r.city },
    });
    const ms = now.getTime() - r.minutesAgo * 60_000;
    const shown = ruHumanDate(ms, now.getTime());
    expect(Math.abs(Date.parse(item.publishedAt!) - ms)).toBeLessThan(humanDatePrecision(shown));
    const replyMs = ms + r.replyAfterMinutes * 60_000;
    const replyShown = ruHumanDate(replyMs, now.getTime());
    expect(Math.abs(Date.parse(item.reply!.publishedAt!) - replyMs)).toBeLessThan(
      humanDatePrecision(replyShown),
    );
  });

  it("reads the bank's rating and review count into the page's aggregate", () => {
    expect(extract(1).aggregate).toEqual({ rating: BANK.rating, count: visibleReviews(0).length });
  });

  it("a review page holds the whole text", () => {
    const r = visibleReviews(0).find((x) => teaserOf(x.text, 250).cut)!;
    const url = `https://www.sravni.ru/bank/${BANK.slug}/otzyvy/${r.id}/`;
    const out = extractPage(htmlPage(url, reviewPage(r, now), now.toISOString()), source);
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({ externalId: String(r.id), url, text: r.text.join("\n\n") });
  });

  it("the Cloudflare-style challenge is blocked; the new build has no item elements", () => {
    expect(extractPage(htmlPage(listUrl(1), challengePage(), undefined, 403), source)).toMatchObject({
      blocked: true,
    });
    const changed = extractPage(htmlPage(listUrl(1), redesignedPage(visibleReviews(0))), source);
    expect(changed).toMatchObject({ blocked: false, itemNodes: 0 });
  });
});
