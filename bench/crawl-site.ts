/**
 * The benchmark's replica web: 500 otzovik-like list pages (~100 KB, 20 reviews each) on
 * `otzovik.com` (served under `/bench/<n>/`), and JS-rendered list pages on `js.lab` (a shell whose
 * script fetches 20 reviews as JSON and renders them, ~100 KB of DOM).
 */

import { createBrowserSite } from "../tests/web/lab/browser-site.js";
import { visibleReviews } from "../tests/web/otzovik/reviews.js";
import { listPage } from "../tests/web/otzovik/site.js";
import type { ReplicaSite } from "../tests/web/server.js";

const NOW = new Date("2026-04-22T09:30:00Z");

/** One ~`bytes` otzovik list page holding 20 reviews (two replica pages' items), page number `n`. */
function benchPage(n: number, bytes: number): string {
  const reviews = visibleReviews(3);
  const a = listPage(reviews, 1, 4, NOW);
  const b = listPage(reviews, 2, 4, NOW);
  const itemsB = b.slice(b.indexOf('<div class="review-list-2'), b.indexOf('<div class="pager">'));
  let html = a.replace('<div class="pager">', `${itemsB}<div class="pager">`);
  html = html.replace(/<title>/, `<title>[${n}] `);
  const menu: string[] = [];
  for (let i = 0; Buffer.byteLength(html) + menu.join("").length * 1.2 < bytes; i++) {
    menu.push(`<li class="cat-item"><a href="/catalog/category_${i}/">Категория товаров номер ${i}</a></li>`);
  }
  return html.replace('<div id="content"', `<ul class="catalog-menu">${menu.join("")}</ul><div id="content"`);
}

export function createBenchSites(
  pages: number,
  bytes = 100 * 1024,
): { sites: ReplicaSite[]; pageBytes: number } {
  const cache = new Map<number, Buffer>();
  const template = benchPage(0, bytes);
  const bodyOf = (n: number): Buffer => {
    let b = cache.get(n);
    if (!b) {
      b = Buffer.from(template.replace("<title>[0] ", `<title>[${n}] `));
      cache.set(n, b);
    }
    return b;
  };
  const html: ReplicaSite = {
    hosts: ["otzovik.com"],
    handle(req) {
      const p = req.url.pathname;
      if (p === "/robots.txt")
        return { headers: { "content-type": "text/plain" }, body: "User-agent: *\nAllow: /\n" };
      const m = /^\/bench\/(\d+)\/$/.exec(p);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > pages) return { status: 404, body: "not found" };
      return { headers: { "content-type": "text/html; charset=utf-8" }, body: bodyOf(Number(m[1])) };
    },
  };
  // ~4.8 KB of text per review: 20 reviews ≈ 100 KB of rendered DOM.
  const js = createBrowserSite({ host: "js.lab", padding: Math.round(bytes / 20) - 150 });
  return { sites: [html, js], pageBytes: bodyOf(1).length };
}
