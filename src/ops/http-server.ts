/**
 * The daemon's small HTTP server: `GET /metrics` (Prometheus text) and `GET /healthz` (200 while the
 * scheduler is alive and the store answers, 503 otherwise; JSON either way). Nothing else is served.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Health {
  ok: boolean;
  [detail: string]: unknown;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

export async function startOpsServer(
  port: number,
  handlers: { metrics: () => Promise<string>; health: () => Health },
  host = "0.0.0.0",
): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET" }).end();
      return;
    }
    if (path === "/healthz") {
      const h = handlers.health();
      res.writeHead(h.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(h));
      return;
    }
    if (path === "/metrics") {
      handlers.metrics().then(
        (text) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(text),
        (err: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(err)),
      );
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found: try /metrics or /healthz\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
