/** Which URL comes after a list page, for the source's pagination type. */
import type { Pagination } from "../config/source.js";
import type { PageExtraction } from "./types.js";

/** Default page bound of a paginated source. */
export const DEFAULT_MAX_PAGES = 20;

export function maxPagesOf(p: Pagination): number {
  return p.type === "none" ? 1 : (p.maxPages ?? DEFAULT_MAX_PAGES);
}

/** `url` with the query parameter `param` set to `value`. */
export function withParam(url: string, param: string, value: string | number): string {
  const u = new URL(url);
  u.searchParams.set(param, String(value));
  return u.href;
}

/**
 * The URL of list page `index + 1` (0-based `index` is the page just read), or undefined when the
 * list ends. Extraction's `nextUrl` wins when it gives one (next-link, cursor APIs).
 */
export function nextPageUrl(
  p: Pagination,
  startUrl: string,
  index: number,
  ext: PageExtraction,
): string | undefined {
  if (p.type === "none" || ext.lastPage) return undefined;
  if (ext.nextUrl) return ext.nextUrl;
  if (p.type === "page-param") return withParam(startUrl, p.param, (p.start ?? 1) + index + 1);
  if (p.type === "offset") {
    const step = p.step ?? ext.itemNodes;
    if (step <= 0) return undefined;
    return withParam(startUrl, p.param, (p.start ?? 0) + (index + 1) * step);
  }
  if (p.type === "cursor") return ext.nextCursor ? withParam(startUrl, p.param, ext.nextCursor) : undefined;
  return undefined;
}
