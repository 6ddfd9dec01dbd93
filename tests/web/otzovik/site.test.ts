/** The otzovik replica over loopback HTTP: robots.txt, pagination by following next links, stages, variants. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "../../../src/crawl/types.js";
import { extractPage } from "../../../src/extract/extract-page.js";
import { loadSource } from "../../extract/helpers.js";
import { type ReplicaWeb, startReplicaWeb } from "../server.js";
import { allSites } from "../sites.js";
import { BANK, REVIEWS } from "./reviews.js";

const source = loadSource("otzovik");
let web: ReplicaWeb;

beforeAll(async () => {
  web = await startReplicaWeb(allSites);
});
afterAll(async () => {
  await web.close();
});

async function get(realUrl: string): Promise<Page> {
  const res = await fetch(web.physical(realUrl));
  return {
    url: realUrl,
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: await res.text(),
    contentType: res.headers.get("content-type") ?? "",
    fetchedAt: new Date().toISOString(),
  };
}

/** Follow next links from the target URL like the crawler would, collecting external ids. */
async function crawlAll(): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let url: string | undefined = source.targetUrl!.replace("{id}", BANK.slug);
  let pages = 0;
  while (url && pages < 10) {
    const out = extractPage(await get(url), source);
    expect(out.warnings).toEqual([]);
    ids.push(...out.items.map((i) => i.externalId!));
    url = out.nextUrl;
    pages++;
  }
  return { ids, pages };
}

describe("otzovik replica", () => {
  it("is registered for otzovik.com", () => {
    expect(allSites.flatMap((s) => s.hosts)).toContain("otzovik.com");
  });

  it("serves robots.txt allowing reviews and disallowing profiles", async () => {
    const robots = await get("https://otzovik.com/robots.txt");
    expect(robots.status).toBe(200);
    expect(robots.contentType).toMatch(/^text\/plain/);
    expect(robots.body).toMatch(/^Disallow: \/profile\/$/m);
    expect(robots.body).toMatch(/^Allow: \/reviews\/$/m);
  });

  it("walks 3 list pages (25 reviews) by next links; 2 more per stage appear on top", async () => {
    web.setStage(0);
    const first = await crawlAll();
    expect(first.pages).toBe(3);
    expect(first.ids).toHaveLength(25);
    expect(new Set(first.ids).size).toBe(25);
    web.setStage(1);
    const second = await crawlAll();
    expect(second.ids).toHaveLength(27);
    expect(second.ids.slice(2)).toEqual(first.ids);
    web.setStage(3);
    expect((await crawlAll()).ids).toHaveLength(REVIEWS.length);
    web.setStage(0);
  });

  it("serves review pages for visible reviews only, and 404 past the last page", async () => {
    const page = await get("https://otzovik.com/review_18400101.html");
    expect(page.status).toBe(200);
    expect(extractPage(page, source).items[0]?.externalId).toBe("18400101");
    expect((await get("https://otzovik.com/review_18400131.html")).status).toBe(404); // stage 3 review
    expect((await get(`https://otzovik.com/reviews/${BANK.slug}/4/`)).status).toBe(404);
  });

  it("answers a captcha for blocked_brand and changed markup for redesigned_brand", async () => {
    const captcha = extractPage(await get("https://otzovik.com/reviews/blocked_brand/"), source);
    expect(captcha.blocked).toBe(true);
    const changed = extractPage(await get("https://otzovik.com/reviews/redesigned_brand/"), source);
    expect(changed).toMatchObject({ blocked: false, itemNodes: 0, items: [] });
  });
});
