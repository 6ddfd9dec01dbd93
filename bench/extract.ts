/**
 * Extraction speed: extractPage alone (parse + selectors + normalisers + validation), single-threaded.
 * Run: npx tsx bench/extract.ts   Prints one JSON line per input; target >= 200 pages/s on ~100 KB pages.
 * `pagesPerSec` is wall time; `pagesPerCpuSec` is this process's CPU time (steadier on a shared machine;
 * it includes V8's GC helper threads); `loadAvg1m` tells how busy the machine was.
 *
 * Inputs: an otzovik replica list page (20 reviews) padded with the kind of chrome real pages carry
 * (a category menu and inline scripts) to ~100 KB; and the real saved otzovik homepage when present.
 */
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parse } from "yaml";
import { Source } from "../src/config/source.js";
import type { Page } from "../src/crawl/types.js";
import { extractPage } from "../src/extract/extract-page.js";
import { visibleReviews } from "../tests/web/otzovik/reviews.js";
import { listPage } from "../tests/web/otzovik/site.js";

const source = Source.parse(parse(readFileSync(new URL("../sources/otzovik.yaml", import.meta.url), "utf8")));
const now = new Date("2026-04-22T09:30:00Z");

function replicaPage(targetBytes: number): string {
  const reviews = visibleReviews(3);
  // Two list pages' items in one page (20 reviews), then chrome until the target size.
  const a = listPage(reviews, 1, 4, now);
  const b = listPage(reviews, 2, 4, now);
  const itemsB = b.slice(b.indexOf('<div class="review-list-2'), b.indexOf('<div class="pager">'));
  let html = a.replace('<div class="pager">', `${itemsB}<div class="pager">`);
  const menu: string[] = [];
  const script: string[] = [];
  for (
    let i = 0;
    Buffer.byteLength(html) + Buffer.byteLength(menu.join("") + script.join("")) < targetBytes;
    i++
  ) {
    menu.push(`<li class="cat-item"><a href="/catalog/category_${i}/">Категория товаров номер ${i}</a></li>`);
    script.push(`window.__cfg${i} = { id: ${i}, name: "module_${i}", enabled: ${i % 2 === 0} };\n`);
  }
  html = html.replace('<div id="content"', `<ul class="catalog-menu">${menu.join("")}</ul><div id="content"`);
  return html.replace("</body>", `<script>${script.join("")}</script></body>`);
}

function bench(name: string, body: string, url: string, fetchedAt: string): void {
  const page: Page = { url, status: 200, headers: {}, body, contentType: "text/html", fetchedAt };
  const items = extractPage(page, source).items.length;
  for (let i = 0; i < 50; i++) extractPage(page, source); // warm-up
  const iterations = 400;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) extractPage(page, source);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of this process: what one core does for us, even when the machine is shared.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const kb = Math.round(Buffer.byteLength(body) / 1024);
  console.log(
    JSON.stringify({
      bench: "extract",
      input: name,
      kb,
      items,
      iterations,
      msPerPage: Number((ms / iterations).toFixed(3)),
      pagesPerSec: Math.round((iterations / ms) * 1000),
      cpuMsPerPage: Number((cpuMs / iterations).toFixed(3)),
      pagesPerCpuSec: Math.round((iterations / cpuMs) * 1000),
      mbPerSec: Number(((kb * iterations) / 1024 / (ms / 1000)).toFixed(1)),
      loadAvg1m: Number(loadavg()[0]!.toFixed(2)),
      node: process.version,
    }),
  );
}

bench(
  "otzovik-replica-list-20",
  replicaPage(100 * 1024),
  "https://otzovik.com/reviews/bank_romashka/",
  now.toISOString(),
);
const real = new URL("../../shared/fixtures/real-pages/otzovik/01_otzovik.html", import.meta.url);
if (existsSync(real))
  bench("otzovik-real-home-15", readFileSync(real, "utf8"), "https://otzovik.com/", "2025-09-30T10:00:00Z");
