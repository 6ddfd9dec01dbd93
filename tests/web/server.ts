/**
 * The replica web: one loopback HTTP server (random free port) serving every replica site.
 *
 * A site is addressed by its real host as the first path segment:
 *   https://otzovik.com/reviews/x/?page=2  ->  http://127.0.0.1:<port>/otzovik.com/reviews/x/?page=2
 * and `originMap` is the value for REPWATCH_ORIGIN_MAP, so the source files users run are the
 * files under test (like curl's --resolve).
 *
 * Sites live in tests/web/<platform>/site.ts and export a `ReplicaSite`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReplicaRequest {
  method: string;
  /** Path + query on the real site, e.g. `/reviews/x/?page=2`. */
  path: string;
  url: URL;
  headers: IncomingMessage["headers"];
  /** Current "stage" of the replica world: sites reveal more reviews as it grows (reviews over time). */
  stage: number;
  /** How many times this exact path was requested before (for 429/503 bursts). */
  hitCount: number;
}

export interface ReplicaResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface ReplicaSite {
  /** Real hosts this site answers for, e.g. ["otzovik.com"]. */
  hosts: string[];
  handle(req: ReplicaRequest): ReplicaResponse | Promise<ReplicaResponse>;
  /** Optional low-level handler for behaviours that need the raw socket (slow bodies, drops). */
  raw?(req: IncomingMessage, res: ServerResponse, ctx: ReplicaRequest): boolean | Promise<boolean>;
}

export interface HitRecord {
  host: string;
  path: string;
  at: number;
  status: number;
}

export interface ReplicaWeb {
  port: number;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Physical URL of a real URL. */
  physical(realUrl: string): string;
  /** Value for REPWATCH_ORIGIN_MAP covering every site. */
  originMap: string;
  /** Value for REPWATCH_ALLOW_ADDRESSES (only this server). */
  allowAddresses: string;
  hits: HitRecord[];
  stage: number;
  setStage(stage: number): void;
  /** Extra server-side latency per response, ms. */
  latencyMs: number;
  close(): Promise<void>;
}

export async function startReplicaWeb(
  sites: ReplicaSite[],
  options: { latencyMs?: number; stage?: number } = {},
): Promise<ReplicaWeb> {
  const byHost = new Map<string, ReplicaSite>();
  for (const s of sites) for (const h of s.hosts) byHost.set(h, s);
  const hitCounts = new Map<string, number>();
  const hits: HitRecord[] = [];
  const state = { stage: options.stage ?? 0, latencyMs: options.latencyMs ?? 0 };

  const server: Server = createServer(async (req, res) => {
    try {
      const physical = new URL(req.url ?? "/", "http://127.0.0.1");
      const [, host = "", ...rest] = physical.pathname.split("/");
      const site = byHost.get(host);
      const path = `/${rest.join("/")}${physical.search}`;
      if (!site) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`no replica for host ${host}`);
        return;
      }
      const countKey = `${host}${path}`;
      const hitCount = hitCounts.get(countKey) ?? 0;
      hitCounts.set(countKey, hitCount + 1);
      const ctx: ReplicaRequest = {
        method: req.method ?? "GET",
        path,
        url: new URL(path, `https://${host}`),
        headers: req.headers,
        stage: state.stage,
        hitCount,
      };
      if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
      if (site.raw && (await site.raw(req, res, ctx))) {
        hits.push({ host, path, at: Date.now(), status: res.statusCode });
        return;
      }
      const out = await site.handle(ctx);
      const status = out.status ?? 200;
      hits.push({ host, path, at: Date.now(), status });
      res.writeHead(status, out.headers ?? { "content-type": "text/html; charset=utf-8" });
      res.end(out.body ?? "");
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const hosts = [...byHost.keys()];
  const web: ReplicaWeb = {
    port,
    base,
    physical(realUrl: string) {
      const u = new URL(realUrl);
      return `${base}/${u.host}${u.pathname}${u.search}`;
    },
    originMap: hosts.flatMap((h) => [`https://${h}=${base}/${h}`, `http://${h}=${base}/${h}`]).join(","),
    allowAddresses: `127.0.0.1:${port}`,
    hits,
    get stage() {
      return state.stage;
    },
    setStage(stage: number) {
      state.stage = stage;
    },
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
  return web;
}
