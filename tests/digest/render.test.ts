/**
 * The rendered digest in real Chromium (Debian's, one launch for the file): charts present and sized on
 * a desktop and a phone, nothing requested, hostile scraped text shown as text and never run, a PDF of
 * several A4 pages and a PNG of the first one. Plus the static self-containment check and the Markdown.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectDigest } from "../../src/digest/collect.js";
import { CSP, externalResourceProblems } from "../../src/digest/html-safety.js";
import type { Digest } from "../../src/digest/model.js";
import { type DigestPrinter, launchChromium, openDigestPrinter } from "../../src/digest/pdf.js";
import { renderDigestHtml } from "../../src/digest/render-html.js";
import { renderDigestMarkdown } from "../../src/digest/render-markdown.js";
import { parseIsoWeek, weekRange } from "../../src/digest/week.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { noAlerts } from "../store/fixtures.js";
import { HOSTILE_TITLE, worldConfig, worldIncidents, worldMentions, worldRuns } from "./world.js";

const WEEK = parseIsoWeek("2026-W47");
const TZ = "Europe/Moscow";

/** A Chromium page with the digest loaded; every request it makes is recorded (and refused). */
async function open(
  browser: Browser,
  html: string,
  width: number,
): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, offline: true });
  const requests: string[] = [];
  await context.route("**/*", (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: "load" });
  return { page, requests };
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("digest rendering in Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-digest-render-"));
  let browser: Browser;
  let digest: Digest;
  let html: string;

  beforeAll(async () => {
    const store = openSqliteStore(join(dir, "repwatch.db"));
    await store.init();
    const range = weekRange(WEEK, TZ);
    const weekStart = new Date(range.from);
    for (const batch of worldMentions({ weekStart, weeks: 13, perWeek: 120 }))
      await store.ingest(batch, noAlerts, new Date(range.to));
    for (const r of worldRuns(weekStart)) await store.recordRun(r);
    const incidents = worldIncidents(weekStart);
    await store.enqueueAlerts!(incidents.rows, incidents.at);
    digest = await collectDigest({
      store,
      config: worldConfig(),
      brandId: "romashka",
      week: WEEK,
      now: new Date(Date.parse(range.to) + 9 * 3_600_000),
    });
    await store.close();
    html = renderDigestHtml(digest);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is self-contained: a CSP that forbids loading, no script, nothing requested when opened", async () => {
    expect(externalResourceProblems(html)).toEqual([]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
    const { page, requests } = await open(browser, html, 1000);
    expect(await page.locator("script, img, iframe, object, embed, link, base").count()).toBe(0);
    expect(requests).toEqual([]);
    await page.context().close();
  });

  it("draws every chart, sized to the page, on a desktop and on a phone", async () => {
    for (const width of [1000, 390]) {
      const { page } = await open(browser, html, width);
      const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
      const volume = await box("svg.chart-volume");
      const rating = await box("svg.chart-rating");
      for (const b of [volume, rating]) {
        expect(b.width).toBeGreaterThan(width === 1000 ? 380 : 300);
        expect(b.width).toBeLessThanOrEqual(width);
        expect(b.height / b.width).toBeCloseTo(290 / 480, 2);
      }
      // 12 weeks of stacked bars (the last week: its three sentiments), the rating lines, the other charts
      expect(await page.locator("svg.chart-volume rect.bar").count()).toBeGreaterThanOrEqual(12 * 3 - 2);
      expect(await page.locator("svg.chart-volume rect.bar-negative").count()).toBe(12);
      expect(await page.locator("svg.chart-rating path.line-main").count()).toBe(1);
      expect(digest.ratingTrends).toHaveLength(3);
      expect(await page.locator("svg.chart-rating path.line").count()).toBe(4);
      expect(await page.locator("svg.chart-breakdown rect.bar").count()).toBeGreaterThan(0);
      expect(await page.locator("svg.chart-sov rect.sov").count()).toBe(3);
      expect(await page.locator("svg.chart-sentiment").count()).toBe(digest.platforms.length);
      expect((await box("svg.chart-sov")).width).toBeGreaterThan(300);
      // nothing wider than the screen: tables scroll inside their box, the page does not
      const overflow = await page.evaluate<number>("document.documentElement.scrollWidth");
      expect(overflow).toBeLessThanOrEqual(width);
      await page.context().close();
    }
  });

  it("shows hostile scraped text as text: escaped, bidi controls dropped, no live markup or script link", async () => {
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("\u202E");
    expect(html).toContain("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;");
    const { page, requests } = await open(browser, html, 1000);
    const shown = await page.locator(".card .title").allTextContents();
    expect(shown).toContain(HOSTILE_TITLE.replace("\u202E", ""));
    const hrefs = await page
      .locator("a[href]")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(10);
    expect(hrefs.every((h) => /^https?:\/\//.test(h))).toBe(true);
    expect(await page.locator("[onerror], [onclick], [onload]").count()).toBe(0);
    expect(requests).toEqual([]);
    await page.context().close();
  });

  it("prints to an A4 PDF of several pages and a PNG of the first page, requesting nothing", async () => {
    const printer: DigestPrinter = await openDigestPrinter({ browser });
    const printed = await printer.print(html);
    await printer.close();
    expect(browser.isConnected()).toBe(true); // a shared browser is left open
    expect(printed.blockedRequests).toEqual([]);
    expect(printed.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = printed.pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pngSize(printed.png)).toEqual({ width: 794 * 2, height: 1123 * 2 });
  });

  it("the static check catches what would load or run", () => {
    const inject = (extra: string) => html.replace("</main>", `${extra}</main>`);
    expect(externalResourceProblems(inject('<img src="https://tracker.example/p.gif">'))).toEqual([
      "<img> element",
      "<img src> loads a resource",
    ]);
    expect(
      externalResourceProblems(inject('<link rel="stylesheet" href="https://cdn.example/x.css">')),
    ).toEqual(["<link> element", '<link href="https://cdn.example/x.css"> is not a plain http(s) link']);
    expect(
      externalResourceProblems(inject('<div style="background:url(https://x.example/a.png)"></div>')),
    ).toEqual(["<div style> loads a resource"]);
    expect(externalResourceProblems(inject('<a href="javascript:alert(1)">x</a>'))).toHaveLength(1);
    expect(externalResourceProblems(inject('<svg><image href="https://x.example/i.png"/></svg>'))).toContain(
      "<image> element",
    );
    expect(externalResourceProblems(inject('<p onmouseover="alert(1)">x</p>'))).toEqual([
      "<p onmouseover> event handler",
    ]);
    expect(
      externalResourceProblems(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")),
    ).toEqual(["the Content-Security-Policy meta tag is missing or changed"]);
    // text that merely talks about markup is fine
    expect(externalResourceProblems(inject("<p>use src=&quot;x&quot; and url(y) @import</p>"))).toEqual([]);
  });

  it("the Markdown summary carries the numbers and escapes scraped text", () => {
    const md = renderDigestMarkdown(digest);
    expect(md).toMatch(/^# Банк Ромашка — weekly digest, 2026-W47\n/);
    expect(md).toContain(`- **Mentions:** ${digest.headline.volume.current}`);
    expect(md).toContain("## Unanswered negatives");
    // every "<" of scraped text is backslash-escaped: no raw HTML reaches a Markdown renderer
    expect(md).not.toMatch(/(^|[^\\])<(script|img|a )/m);
    expect(md).toContain("\\<script\\>");
  });
});
