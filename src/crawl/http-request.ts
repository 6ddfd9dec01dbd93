/**
 * One physical HTTP request, no redirects, no retries: node:http(s) with a keep-alive agent, the
 * address guard in the socket's DNS lookup, connect/header/whole-body deadlines, and a size limit
 * counted on DECODED bytes while streaming (a gzip bomb with a lying Content-Length is cut off).
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import type { AddressGuard } from "./address-guard.js";
import { BodyTooLargeError, CrawlError, FatalRequestError, RetryableError } from "./errors.js";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** Decoded (decompressed) body. */
  body: Buffer;
}

export interface RequestLimits {
  /** TCP/TLS connect deadline, ms. */
  connectTimeoutMs: number;
  /** Deadline for the response headers, from the start of the request, ms. */
  headersTimeoutMs: number;
  /** Deadline for the whole response (headers and body), from the start of the request, ms. */
  totalTimeoutMs: number;
  /** Maximum decoded body size, bytes. */
  maxBytes: number;
}

export interface RequestOptions extends RequestLimits {
  /** Physical URL. */
  url: URL;
  /** Logical URL, for error messages. */
  logicalUrl: string;
  headers: Record<string, string>;
  guard: AddressGuard;
  agents: { http: http.Agent; https: https.Agent };
  signal?: AbortSignal | undefined;
  method?: string | undefined;
  /** Request body (browser POSTs). */
  body?: Buffer | undefined;
}

export function createAgents(maxSockets = 256): { http: http.Agent; https: https.Agent } {
  const o = { keepAlive: true, maxSockets, maxFreeSockets: 64, scheduling: "lifo" as const };
  return { http: new http.Agent(o), https: new https.Agent(o) };
}

const NETWORK_FATAL = new Set([
  "ENOTFOUND",
  "ERR_INVALID_URL",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
]);

function toCrawlError(err: unknown, logicalUrl: string): CrawlError {
  if (err instanceof CrawlError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? "";
  const msg = `${code ? `${code}: ` : ""}${e?.message ?? String(err)}`;
  if (NETWORK_FATAL.has(code))
    return new FatalRequestError(`request failed: ${msg}`, { url: logicalUrl, cause: err });
  return new RetryableError(`request failed: ${msg}`, { url: logicalUrl, cause: err });
}

function flattenHeaders(h: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(k === "set-cookie" ? "\n" : ", ") : v;
  }
  return out;
}

function decoderFor(
  encoding: string | undefined,
): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

export function requestOnce(o: RequestOptions): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const { url, logicalUrl } = o;
    try {
      o.guard.checkUrl(url, logicalUrl);
    } catch (err) {
      reject(err);
      return;
    }
    if (o.signal?.aborted) {
      reject(o.signal.reason);
      return;
    }
    const isHttps = url.protocol === "https:";
    const port = url.port ? Number(url.port) : isHttps ? 443 : 80;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    let body: Readable | undefined;
    const finish = (err: unknown, value?: RawResponse): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      o.signal?.removeEventListener("abort", onAbort);
      if (err) {
        body?.destroy();
        req.destroy();
        reject(err);
      } else resolve(value as RawResponse);
    };
    const onAbort = (): void => finish(o.signal?.reason ?? new Error("aborted"));
    const fail = (err: unknown): void => finish(toCrawlError(err, logicalUrl));

    const req = (isHttps ? https : http).request(url, {
      method: o.method ?? "GET",
      headers: o.headers,
      agent: isHttps ? o.agents.https : o.agents.http,
      lookup: o.guard.lookupFor(port, logicalUrl),
    });
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const headersTimer = setTimeout(
      () =>
        fail(new RetryableError(`no response headers within ${o.headersTimeoutMs} ms`, { url: logicalUrl })),
      o.headersTimeoutMs,
    );
    timers.push(
      headersTimer,
      setTimeout(
        () =>
          fail(
            new RetryableError(`response not complete within ${o.totalTimeoutMs} ms`, { url: logicalUrl }),
          ),
        o.totalTimeoutMs,
      ),
    );
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      const t = setTimeout(
        () =>
          fail(new RetryableError(`could not connect within ${o.connectTimeoutMs} ms`, { url: logicalUrl })),
        o.connectTimeoutMs,
      );
      timers.push(t);
      socket.once(isHttps ? "secureConnect" : "connect", () => clearTimeout(t));
    });
    req.on("error", fail);
    req.on("response", (res) => {
      clearTimeout(headersTimer);
      const headers = flattenHeaders(res.headers);
      const status = res.statusCode ?? 0;
      const decoder = decoderFor(headers["content-encoding"]);
      const declared = Number(headers["content-length"]);
      if (!decoder && Number.isFinite(declared) && declared > o.maxBytes) {
        fail(
          new BodyTooLargeError(`body of ${declared} bytes is over the limit of ${o.maxBytes}`, {
            url: logicalUrl,
            status,
          }),
        );
        return;
      }
      body = decoder ? res.pipe(decoder) : res;
      if (decoder) res.on("error", fail);
      const chunks: Buffer[] = [];
      let size = 0;
      body.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > o.maxBytes) {
          fail(
            new BodyTooLargeError(`decoded body went over the limit of ${o.maxBytes} bytes`, {
              url: logicalUrl,
              status,
            }),
          );
          return;
        }
        chunks.push(chunk);
      });
      body.on("error", (err) =>
        fail(
          decoder && !(err as NodeJS.ErrnoException).code?.startsWith("ECONN")
            ? new FatalRequestError(`could not decode ${headers["content-encoding"]} body: ${err.message}`, {
                url: logicalUrl,
                status,
              })
            : err,
        ),
      );
      res.on("aborted", () =>
        fail(new RetryableError("connection closed mid-body", { url: logicalUrl, status })),
      );
      body.on("end", () => {
        if (!res.complete) {
          fail(new RetryableError("connection closed mid-body", { url: logicalUrl, status }));
          return;
        }
        finish(undefined, {
          status,
          headers,
          body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
        });
      });
    });
    req.end(o.body);
  });
}
