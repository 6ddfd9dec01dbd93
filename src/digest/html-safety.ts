/**
 * Scraped text is hostile, and a report must load nothing from anywhere.
 *
 * - `esc`: for element text and quoted attribute values: invisible/control characters dropped, then
 *   & < > " ' escaped. Every string that reaches the HTML goes through it (the renderer builds HTML
 *   only from `esc`'d values and its own literals).
 * - `safeHref`: only absolute http(s) links survive (no javascript:, data:, relative paths).
 * - `CSP`: the report's Content-Security-Policy: nothing may load, inline styles only.
 * - `externalResourceProblems`: a static check that the HTML cannot make a request when opened
 *   (the tests also open it in Chromium and count requests).
 */
import { load } from "cheerio";
import type { Element } from "domhandler";
import { plainText } from "../alert/safe-text.js";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function esc(value: string | number): string {
  return plainText(String(value)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? esc(u.href) : undefined;
  } catch {
    return undefined;
  }
}

export const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

/** Elements that fetch, embed or run something. */
const FORBIDDEN = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "audio",
  "video",
  "source",
  "track",
  "portal",
  "link",
  "base",
  "img",
  "picture",
  "image",
  "use",
  "feimage",
  "form",
  "input",
  "foreignobject",
  "template",
  "noscript",
]);
/** Attributes that fetch or run something (besides `on*` handlers). */
const LOADING = new Set([
  "src",
  "srcset",
  "poster",
  "background",
  "action",
  "formaction",
  "ping",
  "xlink:href",
  "data",
  "codebase",
  "lowsrc",
  "dynsrc",
]);
const CSS_LOAD = /url\s*\(|@import|expression\s*\(|image-set\s*\(/i;

/**
 * What in `html` could load or run something when it is opened; empty when the page is
 * self-contained. Parsed like a browser would (cheerio), so text that merely mentions "src=" is fine.
 */
export function externalResourceProblems(html: string): string[] {
  const problems: string[] = [];
  const $ = load(html);
  $("*").each((_, node) => {
    if (node.type !== "tag" && node.type !== "script" && node.type !== "style") return;
    const el = node as Element;
    const name = el.tagName.toLowerCase();
    if (FORBIDDEN.has(name)) problems.push(`<${name}> element`);
    for (const [attr, value] of Object.entries(el.attribs)) {
      const a = attr.toLowerCase();
      if (a.startsWith("on")) problems.push(`<${name} ${a}> event handler`);
      else if (LOADING.has(a)) problems.push(`<${name} ${a}> loads a resource`);
      else if (a === "href" && (name !== "a" || !/^https?:\/\//i.test(value.trim())))
        problems.push(`<${name} href="${value.slice(0, 40)}"> is not a plain http(s) link`);
      else if (a === "style" && CSS_LOAD.test(value)) problems.push(`<${name} style> loads a resource`);
      else if (name === "meta" && a === "http-equiv" && /refresh/i.test(value)) problems.push("meta refresh");
    }
  });
  $("style").each((_, el) => {
    if (CSS_LOAD.test($(el).text())) problems.push("<style> loads a resource (url(), @import)");
  });
  if ($('meta[http-equiv="Content-Security-Policy"]').attr("content") !== CSP)
    problems.push("the Content-Security-Policy meta tag is missing or changed");
  return problems;
}
