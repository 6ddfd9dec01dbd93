/**
 * The replica web serves one site per host. Where two platforms live on one real host (www.google.com:
 * Google Maps places and Google Alerts feeds), `sharedHost` routes by path prefix and leaves everything
 * else (robots.txt included) to the host's main site.
 */
import type { ReplicaSite } from "./server.js";

export function sharedHost(main: ReplicaSite, routes: [prefix: string, site: ReplicaSite][]): ReplicaSite {
  const siteFor = (path: string) => routes.find(([prefix]) => path.startsWith(prefix))?.[1] ?? main;
  return {
    hosts: main.hosts,
    handle: (req) => siteFor(req.url.pathname).handle(req),
    raw: (req, res, ctx) => siteFor(ctx.url.pathname).raw?.(req, res, ctx) ?? false,
  };
}
