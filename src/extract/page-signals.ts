/** Page-level facts: is this an anti-bot page, and where is the next list page. */
import type { Pagination, Source } from "../config/source.js";
import type { Page } from "../crawl/types.js";
import { absoluteUrl } from "./fields.js";
import type { Selection } from "./selection.js";
import { collapseWhitespace, nodeText, type TextNode } from "./text.js";

type BlockedSignal = Source["blocked"][number];

/**
 * True when any signal matches; within one signal every condition given must hold
 * (`{ status: 403, textIncludes: "captcha" }` = a 403 that mentions captcha).
 * Title and text comparisons ignore case; `textIncludes` must appear literally in the HTML
 * (not entity-encoded) and in the page's visible text.
 */
export function isBlocked(sel: Selection, page: Page, signals: BlockedSignal[]): boolean {
  if (signals.length === 0) return false;
  let title: string | undefined;
  let lowerBody: string | undefined;
  let visible: string | undefined;
  const matches = (s: BlockedSignal): boolean => {
    if (s.status !== undefined && page.status !== s.status) return false;
    if (s.titleIncludes !== undefined) {
      title ??= titleOf(sel, page.body);
      if (!title.includes(s.titleIncludes.toLowerCase())) return false;
    }
    if (s.selector !== undefined && sel.first(sel.root, s.selector) === undefined) return false;
    if (s.textIncludes !== undefined) {
      const needle = s.textIncludes.toLowerCase();
      lowerBody ??= page.body.toLowerCase();
      if (!lowerBody.includes(needle)) return false; // cheap negative before walking the DOM
      visible ??= nodeText(sel.root as TextNode).toLowerCase();
      if (!visible.includes(needle)) return false;
    }
    return true;
  };
  return signals.some(matches);
}

/**
 * The next list page, or undefined.
 * - `next-link`: the first matching element's href (or `attr`), resolved against the page, unless it is this page
 * - `page-param`: this page's `param` + 1 (missing param = `start`), only when the page had items
 * - `offset`: this page's `param` + `step` (default: the number of items found), same condition
 * `maxPages` is the crawler's to enforce: it counts the pages it walked.
 */
export function nextPageUrl(
  sel: Selection,
  page: Page,
  baseUrl: string,
  pagination: Pagination,
  itemNodes: number,
): string | undefined {
  if (pagination.type === "next-link") {
    const link = sel.first(sel.root, pagination.selector);
    const href =
      link && "attribs" in link ? link.attribs[(pagination.attr ?? "href").toLowerCase()] : undefined;
    if (href === undefined) return undefined;
    const next = absoluteUrl(href, baseUrl).value;
    return typeof next === "string" && !sameUrl(next, page.url) ? next : undefined;
  }
  if (pagination.type === "page-param") {
    if (itemNodes === 0) return undefined;
    const url = new URL(page.url);
    const current = Number(url.searchParams.get(pagination.param) ?? pagination.start ?? 1);
    if (!Number.isSafeInteger(current)) return undefined;
    url.searchParams.set(pagination.param, String(current + 1));
    return url.href;
  }
  if (pagination.type === "offset") {
    if (itemNodes === 0) return undefined;
    const url = new URL(page.url);
    const current = Number(url.searchParams.get(pagination.param) ?? pagination.start ?? 0);
    if (!Number.isSafeInteger(current)) return undefined;
    url.searchParams.set(pagination.param, String(current + (pagination.step ?? itemNodes)));
    return url.href;
  }
  // `cursor` pagination needs a cursor from structured data: HTML extraction has none.
  return undefined;
}

function sameUrl(a: string, b: string): boolean {
  const strip = (u: string) => u.replace(/#.*$/, "");
  try {
    return strip(new URL(a).href) === strip(new URL(b).href);
  } catch {
    return false;
  }
}

/** The document title, lower-cased; read from the source text when it holds no entity (fast path). */
function titleOf(sel: Selection, body: string): string {
  const m = /<title\b[^>]*>([^<]*)<\/title>/i.exec(body);
  if (m && !m[1]!.includes("&")) return collapseWhitespace(m[1]!).toLowerCase();
  const title = sel.first(sel.root, "title");
  return title ? nodeText(title as TextNode).toLowerCase() : "";
}

/** Where relative links resolve: the document's `<base href>` if valid, else the page URL. */
export function baseUrlOf(sel: Selection, page: Page): string {
  if (!/<base\b/i.test(page.body)) return page.url;
  const base = sel.first(sel.root, "base[href]");
  const href = base && "attribs" in base ? base.attribs["href"] : undefined;
  if (!href) return page.url;
  const resolved = absoluteUrl(href, page.url).value;
  return typeof resolved === "string" ? resolved : page.url;
}
