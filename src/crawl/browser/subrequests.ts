/**
 * Requests a browser page makes, fetched by Node instead of Chromium: the address guard (and robots.txt
 * for documents and API calls) on every hop, the origin map, redirects followed here.
 */
import type { Request } from "playwright-core";
import type { FetchSettings } from "../../config/source.js";
import type { RawResponse } from "../http-request.js";
import type { CrawlPolicy } from "../policy.js";

const HOP_HEADERS = new Set([
  "content-encoding",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
]);
const MAX_SUBREQUEST_REDIRECTS = 10;

export function fulfilHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (!HOP_HEADERS.has(k)) out[k] = v;
  return out;
}

export function utf8ContentType(contentType: string): string {
  const type = contentType.split(";")[0]?.trim();
  return `${type || "text/html"}; charset=utf-8`;
}

export function createSubrequestFetcher(
  policy: CrawlPolicy,
): (req: Request, settings: FetchSettings | undefined) => Promise<RawResponse> {
  /** Fetch a subrequest in Node: guard (and robots for documents/XHR), redirects followed here. */
  return async (req: Request, settings: FetchSettings | undefined): Promise<RawResponse> => {
    let url = req.url();
    let method = req.method();
    let body = req.postDataBuffer() ?? undefined;
    const type = req.resourceType();
    // Cookies only appear in allHeaders() (a protocol round trip): fetch them for documents and API
    // calls, where sessions matter; scripts and styles go with the plain headers.
    const sessionBound = type === "document" || type === "xhr" || type === "fetch";
    const headers = sessionBound ? await req.allHeaders() : { ...req.headers() };
    delete headers.host;
    delete headers["content-length"];
    headers["accept-encoding"] = "gzip, deflate, br";
    const limits = {
      timeoutMs: settings?.timeoutMs ?? 30_000,
      maxBytes: settings?.maxBytes ?? 5 * 1024 * 1024,
    };
    for (let hop = 0; ; hop++) {
      if (sessionBound) {
        await policy.checkRobots(url, { ignoreRobots: settings?.ignoreRobots ?? false });
      } else {
        policy.guard.checkUrl(new URL(policy.map.toPhysical(url)), url);
      }
      const res = await policy.send(url, limits, headers, undefined, method, body);
      const location = res.headers.location;
      if (res.status < 300 || res.status >= 400 || res.status === 304 || !location) return res;
      if (hop >= MAX_SUBREQUEST_REDIRECTS) return res;
      url = policy.redirectTarget(url, location);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
      }
    }
  };
}
