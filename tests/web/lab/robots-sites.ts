/**
 * Lab replicas for robots.txt behaviour, one host each:
 *   robots-rules.lab     Disallow /private/ for everyone, /secret/ for repwatch-test; Allow the rest
 *   robots-404.lab       no robots.txt (404): everything allowed
 *   robots-503.lab       robots.txt answers 503: nothing fetched for now
 *   robots-delay.lab     `Crawl-delay: 1`
 *   robots-redirect.lab  robots.txt redirects (twice) to the real file, which disallows /blocked/
 * Every other path answers a small page naming itself.
 */
import type { ReplicaResponse, ReplicaSite } from "../server.js";

const page = (path: string): ReplicaResponse => ({
  headers: { "content-type": "text/html; charset=utf-8" },
  body: `<html><head><title>${path}</title></head><body>${path}</body></html>`,
});
const text = (body: string, status = 200): ReplicaResponse => ({
  status,
  headers: { "content-type": "text/plain" },
  body,
});

export function createRobotsSites(): ReplicaSite[] {
  const site = (host: string, robots: (path: string) => ReplicaResponse | undefined): ReplicaSite => ({
    hosts: [host],
    handle(req) {
      const path = req.url.pathname;
      return robots(path) ?? page(path);
    },
  });
  return [
    site("robots-rules.lab", (p) =>
      p === "/robots.txt"
        ? text(
            "User-agent: *\nDisallow: /private/\n\nUser-agent: repwatch-test\nDisallow: /secret/\nDisallow: /private/\n",
          )
        : undefined,
    ),
    site("robots-404.lab", (p) => (p === "/robots.txt" ? text("not found", 404) : undefined)),
    site("robots-503.lab", (p) => (p === "/robots.txt" ? text("down for maintenance", 503) : undefined)),
    site("robots-delay.lab", (p) =>
      p === "/robots.txt" ? text("User-agent: *\nCrawl-delay: 1\n") : undefined,
    ),
    site("robots-redirect.lab", (p) => {
      if (p === "/robots.txt") return { status: 301, headers: { location: "/robots-moved.txt" } };
      if (p === "/robots-moved.txt") return { status: 302, headers: { location: "/static/robots.txt" } };
      if (p === "/static/robots.txt") return text("User-agent: *\nDisallow: /blocked/\n");
      return undefined;
    }),
  ];
}
