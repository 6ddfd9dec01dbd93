/** sources/phpbb.yaml on the real phpBB 3.0 pages (../shared/fixtures/real-pages/forum-phpbb/) and a replica post. */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import { BRAND_THREAD } from "../web/forum-world.js";
import { createPhpbbSite, threadUrl } from "../web/phpbb/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("phpbb");

describe("phpbb source on the real phpBB 3.0 pages", () => {
  const thread = realPage("forum-phpbb/01_phpbb_forum_thread.html");
  const section = realPage("forum-phpbb/02_phpbb_forum_section.html");

  it.skipIf(!thread)("a topic: 5 posts with id, permalink, author, date, text and the topic title", () => {
    const url = "https://www.phpbb.com/community/viewtopic.php?f=46&t=2156784";
    const out = extractPage(htmlPage(url, thread!), source);
    expect(out.warnings).toEqual([]);
    expect(out.items).toHaveLength(5);
    expect(out.items[0]).toEqual({
      platform: "phpbb",
      externalId: "13150823",
      url: "https://www.phpbb.com/community/viewtopic.php?p=13150823#p13150823",
      author: "blocum",
      // "Tue May 29, 2012 12:09 pm" in the source's zone (the board's zone is not on the page)
      publishedAt: "2012-05-29T08:09:00.000Z",
      text: expect.stringMatching(/^Is there any way to pull a report of statistics/),
      subject: "statistics report",
    });
    for (const item of out.items)
      expect(item).toMatchObject({ author: expect.any(String), subject: "statistics report" });
    expect(out.nextUrl).toBeUndefined();
  });

  it.skipIf(!section)("a forum: 52 topics (subforum rows skipped) and the next page", () => {
    const url = "https://www.phpbb.com/community/viewforum.php?f=46";
    const out = extractPage(htmlPage(url, section!), source);
    expect(out.warnings).toEqual([]);
    expect(out.items).toHaveLength(52);
    expect(out.items[0]).toEqual({
      platform: "phpbb",
      externalId: "t=543515",
      url: "https://www.phpbb.com/community/viewtopic.php?f=46&t=543515",
      author: "Noxwizard",
      publishedAt: "2007-05-21T12:03:00.000Z",
      title: "Support Request Template",
      text: "Support Request Template",
      subject: "3.0.x Support Forum",
      extra: { replies: 0 },
    });
    expect(out.nextUrl).toMatch(/viewforum\.php\?f=46&sid=[0-9a-f]+&start=50$/);
  });
});

describe("phpbb source on a replica page", () => {
  it("reads the <time datetime> of a phpBB 3.3 post and keeps the permalink", async () => {
    const now = new Date("2026-11-23T09:30:00Z");
    const site = createPhpbbSite({ now });
    const url = threadUrl(BRAND_THREAD.id);
    const res = await site.handle({
      method: "GET",
      path: "/viewtopic.php?t=5301&sd=d",
      url: new URL(url),
      headers: {},
      stage: 0,
      hitCount: 0,
    });
    const out = extractPage(htmlPage(url, String(res.body), now.toISOString()), source);
    const newest = BRAND_THREAD.posts.filter((p) => p.stage === 0).at(-1)!;
    expect(out.items[0]).toEqual({
      platform: "phpbb",
      externalId: String(newest.id),
      url: `https://forum.finansy-club.ru/viewtopic.php?p=${newest.id}#p${newest.id}`,
      author: newest.author,
      publishedAt: new Date(now.getTime() - newest.minutesAgo * 60_000).toISOString(),
      text: newest.text.join("\n\n"),
      subject: BRAND_THREAD.title,
    });
    expect(out.nextUrl).toBe("https://forum.finansy-club.ru/viewtopic.php?t=5301&sd=d&start=5");
  });
});
