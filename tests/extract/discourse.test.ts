/** sources/discourse.yaml on the real latest.json (../shared/fixtures/real-pages/discourse/) and replica responses. */
import { describe, expect, it } from "vitest";
import type { Page } from "../../src/crawl/types.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { latestJson, searchJson, topicJson } from "../web/discourse/site.js";
import { BRAND_THREAD, visiblePosts } from "../web/forum-world.js";
import { loadSource, realPage } from "./helpers.js";

const source = loadSource("discourse");
const now = new Date("2026-11-23T09:30:00Z");
const page = (url: string, body: string): Page => ({
  url,
  status: 200,
  headers: {},
  body,
  contentType: "application/json",
  fetchedAt: now.toISOString(),
});

describe("discourse source on the real latest.json", () => {
  const latest = realPage("discourse/02_latest.json");
  it.skipIf(!latest)("reads its 3 topics (title, permalink, date, excerpt) and the next page", () => {
    const out = extractPage(page("https://try.discourse.org/latest.json", latest!), source);
    expect(out.warnings).toEqual([]);
    expect(out.items.map((i) => i.title)).toEqual(["Test topic #1", "Test topic #2", "Test topic #3"]);
    expect(out.items[0]).toMatchObject({
      url: "https://try.discourse.org/t/test-topic-1/1",
      publishedAt: "2013-02-04T20:26:25.977Z",
      text: expect.stringMatching(/^Welcome! Try is a sandbox/),
    });
    expect(out.items[1]!.text).toBe("Test topic #2"); // no excerpt: the title is the text
    expect(out.nextUrl).toBe("https://try.discourse.org/latest.json?page=1");
  });
});

describe("discourse source on replica responses", () => {
  it("a thread's posts: cooked HTML as text, permalink by post number, the topic title as subject, last page", () => {
    const url = `https://forum.dengi-online.ru/t/${BRAND_THREAD.slug}/${BRAND_THREAD.id}/last.json`;
    const out = extractPage(page(url, JSON.stringify(topicJson(BRAND_THREAD, 0, now))), source);
    const posts = visiblePosts(BRAND_THREAD, 0);
    expect(out.warnings).toEqual([]);
    expect(out.lastPage).toBe(true);
    expect(out.items).toHaveLength(posts.length);
    const p = posts[3]!;
    expect(out.items[3]).toEqual({
      platform: "discourse",
      externalId: `post-${p.id}`,
      url: `https://forum.dengi-online.ru/t/${BRAND_THREAD.id}/4`,
      author: p.author,
      publishedAt: new Date(now.getTime() - p.minutesAgo * 60_000).toISOString(),
      text: p.text.join("\n\n"),
      subject: BRAND_THREAD.title,
      extra: { replies: 0 },
    });
  });

  it("search posts carry the topic's title without highlight markup; topic lists link their next page", () => {
    const hits = extractPage(
      page("https://forum.dengi-online.ru/search.json?q=x", JSON.stringify(searchJson("ромашка", 0, 1, now))),
      source,
    );
    expect(hits.items[0]!.subject).toBe(BRAND_THREAD.title);
    const list = extractPage(
      page("https://forum.dengi-online.ru/latest.json", JSON.stringify(latestJson(0, 0, now))),
      source,
    );
    expect(list.items).toHaveLength(5);
    expect(list.nextUrl).toBe("https://forum.dengi-online.ru/latest.json?no_definitions=true&page=1");
  });
});
