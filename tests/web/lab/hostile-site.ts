/**
 * Lab replica of a hostile or flaky server: throttling, 5xx bursts, slow bodies, gzip bombs,
 * redirect loops and redirects to private addresses, conditional requests.
 *
 * Paths (host `hostile.lab`):
 *   /ok                         a small page
 *   /retry-after/seconds        429 + `Retry-After: 1` on the first hit, then 200
 *   /retry-after/date           503 + `Retry-After: <HTTP date ~2 s ahead>` on the first hit, then 200
 *   /retry-after/long           429 + `Retry-After: 3600` always
 *   /burst503?n=K               503 for the first K hits, then 200
 *   /status/<code>              always that status
 *   /slow-body                  headers at once, then one byte every 200 ms, forever (slow loris)
 *   /no-headers                 never answers
 *   /drop-once                  first hit: half a body then a reset; then 200
 *   /gzip-bomb                  100 MiB of zeros gzipped (~100 KiB), honest-looking Content-Length
 *   /gzip-bomb-chunked          the same, chunked, no Content-Length
 *   /huge                       Content-Length: 50 MiB (headers only: refused before the body)
 *   /loop/a  /loop/b            a redirect loop
 *   /chain/<n>                  n redirects before a page
 *   /to?location=<url>          302 to any URL (private addresses)
 *   /etag  /last-modified       validators; 304 when the request carries them
 *   /stable                     the same body every time, no validators (checksum)
 */
import { gzipSync } from "node:zlib";
import type { ReplicaResponse, ReplicaSite } from "../server.js";

const html = (body: string, status = 200, headers: Record<string, string> = {}): ReplicaResponse => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body: `<!doctype html><html><head><title>${body}</title></head><body><p>${body}</p></body></html>`,
});

let bomb: Buffer | undefined;
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });
  return bomb;
}

const ETAG = '"v1-abc"';
const LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";

export function createHostileSite(host = "hostile.lab"): ReplicaSite {
  return {
    hosts: [host],
    raw(_req, res, ctx) {
      const p = ctx.url.pathname;
      if (p === "/slow-body") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.write("<html><body>");
        const t = setInterval(() => {
          if (res.destroyed) clearInterval(t);
          else res.write("x");
        }, 200);
        res.on("close", () => clearInterval(t));
        return true;
      }
      if (p === "/no-headers") {
        const t = setTimeout(() => res.destroy(), 60_000);
        res.on("close", () => clearTimeout(t));
        return true;
      }
      if (p === "/drop-once" && ctx.hitCount === 0) {
        res.writeHead(200, { "content-type": "text/html", "content-length": "1000" });
        res.write("<html><body>half");
        setTimeout(() => res.socket?.destroy(), 20);
        return true;
      }
      if (p === "/gzip-bomb" || p === "/gzip-bomb-chunked") {
        const body = gzipBomb();
        const headers: Record<string, string> = { "content-type": "text/html", "content-encoding": "gzip" };
        if (p === "/gzip-bomb") headers["content-length"] = String(body.length);
        res.writeHead(200, headers);
        res.end(body);
        return true;
      }
      if (p === "/huge") {
        res.writeHead(200, { "content-type": "text/html", "content-length": String(50 * 1024 * 1024) });
        res.write("<html>");
        return true;
      }
      return false;
    },
    handle(req): ReplicaResponse {
      const { pathname: p, searchParams } = req.url;
      if (p === "/robots.txt")
        return { headers: { "content-type": "text/plain" }, body: "User-agent: *\nAllow: /\n" };
      if (p === "/ok") return html("ok");
      if (p === "/drop-once") return html("recovered");
      if (p === "/retry-after/seconds")
        return req.hitCount === 0 ? html("slow down", 429, { "retry-after": "1" }) : html("after seconds");
      if (p === "/retry-after/date") {
        if (req.hitCount > 0) return html("after date");
        return html("maintenance", 503, { "retry-after": new Date(Date.now() + 2000).toUTCString() });
      }
      if (p === "/retry-after/long") return html("come back tomorrow", 429, { "retry-after": "3600" });
      if (p === "/burst503") {
        const n = Number(searchParams.get("n") ?? "2");
        return req.hitCount < n ? html("busy", 503) : html("after burst");
      }
      const status = /^\/status\/(\d{3})$/.exec(p);
      if (status) return html(`status ${status[1]}`, Number(status[1]));
      if (p === "/loop/a") return { status: 302, headers: { location: "/loop/b" } };
      if (p === "/loop/b") return { status: 301, headers: { location: `https://${host}/loop/a` } };
      const chain = /^\/chain\/(\d+)$/.exec(p);
      if (chain) {
        const n = Number(chain[1]);
        return n === 0 ? html("end of chain") : { status: 302, headers: { location: `/chain/${n - 1}` } };
      }
      if (p === "/to") return { status: 302, headers: { location: searchParams.get("location") ?? "/" } };
      if (p === "/etag") {
        if (req.headers["if-none-match"] === ETAG) return { status: 304, headers: { etag: ETAG } };
        return html("etag page", 200, { etag: ETAG });
      }
      if (p === "/last-modified") {
        if (req.headers["if-modified-since"] === LAST_MODIFIED) return { status: 304 };
        return html("dated page", 200, { "last-modified": LAST_MODIFIED });
      }
      if (p === "/stable") return html("the same bytes every time");
      return html("not found", 404);
    },
  };
}
