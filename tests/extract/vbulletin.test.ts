/** sources/vbulletin.yaml on the real windows-1251 vBulletin 3.8.5 forumdisplay page and a replica thread page. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBody } from "../../src/crawl/charset.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { ROOT } from "../helpers/cli.js";
import { BRAND_THREAD } from "../web/forum-world.js";
import { createVbulletinSite, VB_BASE } from "../web/vbulletin/site.js";
import { htmlPage, loadSource } from "./helpers.js";

const source = loadSource("vbulletin");
const REAL = join(ROOT, "..", "shared", "fixtures", "real-pages", "forum-vbulletin", "01_sample_forum.html");
const real = existsSync(REAL) ? readFileSync(REAL) : undefined;
if (!real) console.warn(`[skip] real page ${REAL} is absent: tests on it are skipped`);

describe("vbulletin source on the real vBulletin 3.8.5 forumdisplay page (windows-1251)", () => {
  it.skipIf(!real)(
    "decodes windows-1251 and reads 24 threads with title, starter, preview, replies and the next page",
    () => {
      const decoded = decodeBody(real!, "text/html");
      expect(decoded.charset).toBe("windows-1251");
      const url = "https://blizzard.gg/forum/forumdisplay.php?f=33";
      const out = extractPage(htmlPage(url, decoded.text), source);
      expect(out.warnings).toEqual([]);
      expect(out.items).toHaveLength(24);
      expect(out.items[1]).toEqual({
        platform: "vbulletin",
        externalId: "t=14451",
        url: "https://blizzard.gg/forum/showthread.php?t=14451",
        author: "FMJ",
        title: "Flash игры",
        text: 'создаю темку, что бы не создавали топиков для каждой "мегасуперубер ИГРЫ".',
        subject: "Курилка",
        extra: { replies: 945 },
      });
      for (const item of out.items)
        expect(item.title && item.author && item.subject === "Курилка").toBeTruthy();
      expect(out.nextUrl).toBe("https://blizzard.gg/forum/forumdisplay.php?f=33&order=desc&page=2");
    },
  );
});

describe("vbulletin source on a replica thread page", () => {
  it("reads postbits (date in the header cell, showpost permalink) and walks back to the previous page", async () => {
    const now = new Date("2026-11-23T09:30:00Z");
    const url = `${VB_BASE}showthread.php?t=${BRAND_THREAD.id}&page=3`;
    const res = await createVbulletinSite({ now }).handle({
      method: "GET",
      path: `/forum/showthread.php?t=${BRAND_THREAD.id}&page=3`,
      url: new URL(url),
      headers: {},
      stage: 0,
      hitCount: 0,
    });
    const body = decodeBody(res.body as Buffer, "text/html; charset=windows-1251").text;
    const out = extractPage(htmlPage(url, body, now.toISOString()), source);
    expect(out.warnings).toEqual([]);
    const posts = BRAND_THREAD.posts.filter((p) => p.stage === 0).slice(10);
    expect(out.items.map((i) => i.externalId)).toEqual(posts.map((p) => String(p.id)));
    const p = posts[0]!;
    expect(out.items[0]).toEqual({
      platform: "vbulletin",
      externalId: String(p.id),
      url: `${VB_BASE}showpost.php?p=${p.id}`,
      author: p.author,
      publishedAt: new Date(
        Math.floor((now.getTime() - p.minutesAgo * 60_000) / 60_000) * 60_000,
      ).toISOString(),
      text: p.text.join("\n\n"),
      subject: BRAND_THREAD.title,
    });
    expect(out.nextUrl).toBe(`${VB_BASE}showthread.php?t=${BRAND_THREAD.id}&page=2`);
  });
});
