/**
 * Lab replica of JS-rendered pages (host `js.lab`), for the browser fetcher:
 *   /list/<n>        a shell whose script fetches /api/list/<n> and renders 20 `.review` items
 *   /infinite        10 items; scrolling to the bottom loads 10 more via /api/more, up to 35
 *   /click           10 items and a "Показать ещё" button loading 10 more, up to 42 (then it goes)
 *   /state           `window.initialState` and a `#__NEXT_DATA__` script, no items in the DOM
 *   /never           renders at once, but an async script never arrives (the load event never fires)
 *   /never-doc       the document itself never finishes
 *   /ws              opens a WebSocket to 127.0.0.2 and shows how it closed
 *   /busy            renders, then its script spins forever (the renderer never answers again)
 *   /p/<n>           a plain page
 *   /xhr?path=<p>    a page that fetches <p> and shows "xhr ok: …" or "xhr failed"
 *   /to?location=<u> a 302 to anywhere
 *   /private/…       disallowed by robots.txt
 *   /img.png         an image (counted: it must never be requested)
 */
import type { ReplicaResponse, ReplicaSite } from "../server.js";

const html = (body: string, head = ""): ReplicaResponse => ({
  headers: { "content-type": "text/html; charset=utf-8" },
  body: `<!doctype html><html><head><meta charset="utf-8"><title>js.lab</title>${head}</head><body>${body}</body></html>`,
});
const json = (v: unknown): ReplicaResponse => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(v),
});

export function reviewItems(
  from: number,
  count: number,
  padding = 0,
): Array<Record<string, string | number>> {
  const filler = padding > 0 ? " Lorem ipsum dolor sit amet.".repeat(Math.ceil(padding / 28)) : "";
  return Array.from({ length: count }, (_, i) => ({
    id: from + i,
    author: `Автор ${from + i}`,
    rating: ((from + i) % 5) + 1,
    text: `Отзыв ${from + i}: в целом неплохо, но поддержка отвечает медленно.${filler}`,
  }));
}

/** Client-side renderer shared by the JS pages (plain ES5, no build step). */
const RENDER = `
function render(items) {
  var box = document.getElementById('reviews');
  items.forEach(function (r) {
    var d = document.createElement('div');
    d.className = 'review'; d.setAttribute('data-id', r.id); d.setAttribute('data-rating', r.rating);
    d.innerHTML = '<a class="permalink" href="/review/' + r.id + '.html">#' + r.id + '</a>' +
      '<span class="author"></span><div class="text"></div>';
    d.querySelector('.author').textContent = r.author; d.querySelector('.text').textContent = r.text;
    box.appendChild(d);
  });
}`;

export function createBrowserSite(options: { host?: string; padding?: number } = {}): ReplicaSite {
  const host = options.host ?? "js.lab";
  const padding = options.padding ?? 0;
  return {
    hosts: [host],
    raw(_req, res, ctx) {
      const p = ctx.url.pathname;
      if (p === "/never-doc") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.write("<html><body><p>loading");
        const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(".")), 200);
        res.on("close", () => clearInterval(t));
        return true;
      }
      if (p === "/hang.js") {
        const t = setTimeout(() => res.destroy(), 60_000);
        res.on("close", () => clearTimeout(t));
        return true;
      }
      return false;
    },
    handle(req) {
      const { pathname: p, searchParams } = req.url;
      if (p === "/robots.txt")
        return { headers: { "content-type": "text/plain" }, body: "User-agent: *\nDisallow: /private/\n" };
      const list = /^\/list\/(\d+)$/.exec(p);
      if (list) {
        const n = Number(list[1]);
        return html(
          // Relative URLs: they also work when the page is addressed physically (Crawlee in the benchmark).
          `<h1>Отзывы, страница ${n}</h1><div id="reviews"></div><img src="../img.png">` +
            `<script>${RENDER}\nfetch('../api/list/${n}').then(function (r) { return r.json(); }).then(render);</script>`,
        );
      }
      const api = /^\/api\/list\/(\d+)$/.exec(p);
      if (api) return json(reviewItems((Number(api[1]) - 1) * 20 + 1, 20, padding));
      if (p === "/infinite") {
        return html(
          `<div id="reviews"></div><div style="height:3000px"></div><script>${RENDER}
render(${JSON.stringify(reviewItems(1, 10))});
var loading = false, done = false;
window.addEventListener('scroll', function () {
  if (loading || done) return;
  if (window.innerHeight + window.scrollY < document.documentElement.scrollHeight - 50) return;
  loading = true;
  var n = document.querySelectorAll('.review').length;
  fetch('/api/more?offset=' + n + '&max=35').then(function (r) { return r.json(); }).then(function (items) {
    if (items.length === 0) done = true; render(items); loading = false;
  });
});</script>`,
        );
      }
      if (p === "/api/more") {
        const offset = Number(searchParams.get("offset") ?? "0");
        const max = Number(searchParams.get("max") ?? "35");
        return json(reviewItems(offset + 1, Math.max(0, Math.min(10, max - offset))));
      }
      if (p === "/click") {
        return html(
          `<div id="reviews"></div><button class="more">Показать ещё</button><script>${RENDER}
render(${JSON.stringify(reviewItems(1, 10))});
document.querySelector('.more').addEventListener('click', function () {
  var n = document.querySelectorAll('.review').length;
  fetch('/api/more?offset=' + n + '&max=42').then(function (r) { return r.json(); }).then(function (items) {
    render(items);
    if (document.querySelectorAll('.review').length >= 42) document.querySelector('.more').remove();
  });
});</script>`,
        );
      }
      if (p === "/state") {
        const state = { reviews: reviewItems(1, 3), total: 3 };
        return html(
          `<div id="app"></div><script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ props: state })}</script>` +
            `<script>window.initialState = ${JSON.stringify(state)};</script>`,
        );
      }
      if (p === "/ws") {
        return html(
          `<p id="out"></p><script>var ws = new WebSocket("ws://127.0.0.2:9/feed");` +
            `ws.onclose = function (e) { document.getElementById("out").textContent = "ws closed " + e.code; };</script>`,
        );
      }
      if (p === "/busy")
        return html(`<p class="ready">busy</p><script>setTimeout(function () { for (;;) {} }, 30);</script>`);
      if (p === "/never") return html(`<p class="ready">rendered</p><script async src="/hang.js"></script>`);
      const plain = /^\/p\/(\d+)$/.exec(p);
      if (plain) return html(`<p class="page">page ${plain[1]}</p>`);
      if (p === "/xhr") {
        const path = JSON.stringify(searchParams.get("path") ?? "/");
        return html(
          `<p id="out"></p><script>fetch(${path}).then(function (r) { return r.text(); })` +
            `.then(function (t) { document.getElementById('out').textContent = 'xhr ok: ' + t; })` +
            `.catch(function () { document.getElementById('out').textContent = 'xhr failed'; });</script>`,
        );
      }
      if (p === "/to") return { status: 302, headers: { location: searchParams.get("location") ?? "/" } };
      if (p.startsWith("/private/")) return json({ secret: true });
      if (p === "/img.png") return { headers: { "content-type": "image/png" }, body: Buffer.alloc(10) };
      return { status: 404, body: "not found" };
    },
  };
}
