/** What a conditional request needs from the last fetch of a URL: ETag, Last-Modified and a checksum. */
import { createHash } from "node:crypto";

export interface PageValidators {
  etag?: string;
  lastModified?: string;
  /** sha1 of the decoded-bytes body. */
  checksum?: string;
}

/** Where validators live between fetches (in memory by default; a store-backed one survives runs). */
export interface ValidatorStore {
  get(url: string): PageValidators | undefined;
  set(url: string, v: PageValidators): void;
}

/** An in-memory store keeping the `max` most recently written URLs. */
export function createMemoryValidatorStore(max = 10_000): ValidatorStore {
  const map = new Map<string, PageValidators>();
  return {
    get: (url) => map.get(url),
    set(url, v) {
      map.delete(url);
      map.set(url, v);
      if (map.size > max) {
        const oldest = map.keys().next().value;
        if (oldest !== undefined) map.delete(oldest);
      }
    },
  };
}

export function checksumOf(body: Buffer): string {
  return createHash("sha1").update(body).digest("hex");
}

/** Request headers for a conditional GET. */
export function conditionalHeaders(v: PageValidators | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  if (v?.etag) h["if-none-match"] = v.etag;
  if (v?.lastModified) h["if-modified-since"] = v.lastModified;
  return h;
}
