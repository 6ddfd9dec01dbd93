/**
 * sources/google-maps.yaml on the replica place pages and on the real saved payloads in
 * ../shared/fixtures/real-pages/google-maps/ (skipped, visibly, when absent).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "../../src/crawl/types.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { PLACE, placeReviews } from "../web/google-maps/reviews.js";
import { placePage, placePayload, placeUrl, shellPage } from "../web/google-maps/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("google-maps");
const now = new Date("2026-11-23T09:00:00Z");
const jsonPage = (url: string, body: string): Page => ({
  ...htmlPage(url, body),
  contentType: "application/json",
});

describe("google-maps source on the replica", () => {
  it("place page over HTTP: the )]}' payload in APP_INITIALIZATION_STATE[3][6], 8 reviews, every field", () => {
    const out = extractPage(htmlPage(placeUrl(), placePage(placePayload(0, now)), now.toISOString()), source);
    expect(out.warnings).toEqual([]);
    expect(out.aggregate).toEqual({ rating: PLACE.rating, count: PLACE.count });
    expect(out.items.map((i) => i.externalId)).toEqual(placeReviews(0).map((r) => r.id));
    const r = placeReviews(0).find((x) => x.reply)!;
    const at = now.getTime() - r.minutesAgo * 60_000;
    expect(out.items.find((i) => i.externalId === r.id)).toMatchObject({
      platform: "google-maps",
      url: expect.stringMatching(new RegExp(`^https://www\\.google\\.com/maps/reviews/data=.*${r.id}`)),
      author: r.author,
      publishedAt: new Date(at).toISOString(),
      rating: r.rating,
      text: r.text.join("\n"),
      language: "ru",
      subject: PLACE.name,
      reply: { text: r.reply, publishedAt: new Date(at + r.replyAfterMinutes * 60_000).toISOString() },
    });
  });

  it("the state a browser read (body = APP_INITIALIZATION_STATE as JSON) gives the same reviews", () => {
    const html = placePage(placePayload(0, now));
    const state = JSON.parse(/APP_INITIALIZATION_STATE=(.*?);window\.APP_FLAGS/.exec(html)![1]!);
    const page: Page = { ...jsonPage(placeUrl(), JSON.stringify(state)), state };
    expect(extractPage(page, source).items.map((i) => i.externalId)).toEqual(
      placeReviews(0).map((r) => r.id),
    );
  });

  it("the JS shell has no data, with a hint to use the browser", () => {
    const out = extractPage(htmlPage(placeUrl("shell"), shellPage()), source);
    expect(out.items).toEqual([]);
    expect(out.noData).toMatch(/APP_INITIALIZATION_STATE at \[3\]\[6\]: nothing there/);
    expect(out.noData).toMatch(/fetch\.mode: browser/);
  });
});

describe("google-maps source on the real saved payloads", () => {
  for (const [file, name, rating, count] of [
    ["01_raw.json", "Kipriakon", 4.2, 396],
    ["03_panic.json", "Happy Island Restaurant", 4.7, 518],
  ] as const) {
    const body = realPage(`google-maps/${file}`);
    it.skipIf(!body)(`${file}: 8 reviews (2023 author path), the place's name and rating`, () => {
      const out = extractPage(jsonPage("https://www.google.com/maps/place/x", body!), source);
      expect(out.itemNodes).toBe(8);
      expect(out.items).toHaveLength(8);
      expect(out.warnings).toEqual([]);
      expect(out.aggregate).toEqual({ rating, count });
      for (const item of out.items) {
        expect(item.subject).toBe(name);
        expect(item.author).toBeTruthy();
        expect(item.rating).toBeGreaterThanOrEqual(1);
        expect(item.text.length).toBeGreaterThan(0);
        expect(item.url).toContain(`!1s${item.externalId}`);
        expect(Date.parse(item.publishedAt!)).toBeGreaterThan(Date.parse("2018-01-01T00:00:00Z"));
      }
    });
  }

  const rpc = realPage("google-maps/04_review_native_with_reply.json");
  it.skipIf(!rpc)(
    "04 reviews RPC fragment: 1 German review, 2024+ author path, with the owner's reply",
    () => {
      const out = extractPage(jsonPage("https://www.google.com/maps/rpc/listugcposts", rpc!), source);
      expect(out.items).toHaveLength(1);
      expect(out.items[0]).toMatchObject({
        author: "E. Ö.",
        rating: 1,
        language: "de",
        publishedAt: "2026-02-27T10:02:02.194Z", // 1772186522193853 µs
        reply: { publishedAt: "2026-02-28T08:22:27.000Z" },
      });
      expect(out.items[0]!.text).toMatch(/^Ich bin sehr enttäuscht/);
      expect(out.items[0]!.reply!.text).toMatch(/^Es tut uns sehr leid/);
    },
  );

  const shell = realPage("google-maps/90_gmaps_test_shell.html");
  it.skipIf(!shell)("90 JS shell: 0 reviews and 'no data' (crawled: broken), naming the browser", () => {
    const out = extractPage(htmlPage("https://www.google.com/maps/place/x", shell!), source);
    expect(out.items).toEqual([]);
    expect(out.noData).toMatch(
      /^no JSON to read: variable APP_INITIALIZATION_STATE at \[3\]\[6\]: nothing there/,
    );
    expect(out.noData).toMatch(/fetch\.mode: browser/);
  });
});
