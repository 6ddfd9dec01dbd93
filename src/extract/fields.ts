/**
 * Reading one FieldSpec from an item element: select, take text or attribute, apply the regex,
 * normalise (date, rating, url, number). Pure; never throws on scraped data.
 */
import type { AnyNode } from "domhandler";
import type { FieldRule, FieldSpec } from "../config/source.js";
import { parseDate } from "./dates.js";
import { parseRating } from "./ratings.js";
import type { Selection } from "./selection.js";
import {
  cleanMultiline,
  collapseWhitespace,
  nodeMultilineText,
  nodeText,
  type TextNode,
  tidyLines,
} from "./text.js";

export type Parse = NonNullable<Exclude<FieldRule, string>["parse"]>;
export type FieldValue = string | number;

export interface FieldContext {
  selection: Selection;
  /** Absolute URL relative links resolve against (the page URL, or its `<base href>`). */
  baseUrl: string;
  /** Reference instant for relative dates: the page's fetch time. */
  now: Date;
  timeZone: string;
  locale?: string;
  /** Cache of page-scoped rules (same value for every item of the page). */
  pageCache: Map<FieldRule, FieldResult>;
}

export interface FieldResult {
  value?: FieldValue;
  /** Why a value that was present could not be used ("rating 'abc' is not a rating"). */
  error?: string;
}

/** How a field is normalised when its rule does not say. */
export function defaultParse(field: string): Parse {
  switch (field) {
    case "publishedAt":
    case "replyDate":
      return "date";
    case "rating":
      return "rating";
    case "url":
      return "url";
    case "likes":
      return "int";
    case "text":
    case "replyText":
      return "html-text";
    default:
      return "text";
  }
}

/** Read a field: each rule of a fallback list is tried until one yields a value. */
export function readField(item: AnyNode, spec: FieldSpec, parse: Parse, ctx: FieldContext): FieldResult {
  const rules = Array.isArray(spec) ? spec : [spec];
  let firstError: string | undefined;
  for (const rule of rules) {
    const r = readRule(item, rule, parse, ctx);
    if (r.value !== undefined) return r;
    firstError ??= r.error;
  }
  return firstError === undefined ? {} : { error: firstError };
}

function readRule(item: AnyNode, rule: FieldRule, fallbackParse: Parse, ctx: FieldContext): FieldResult {
  const r = typeof rule === "string" ? { selector: rule } : rule;
  if (r.const !== undefined) return { value: r.const };
  if (r.scope === "page") {
    const cached = ctx.pageCache.get(rule);
    if (cached) return cached;
    const result = readNodes(ctx.selection.root, r, fallbackParse, ctx);
    ctx.pageCache.set(rule, result);
    return result;
  }
  return readNodes(item, r, fallbackParse, ctx);
}

function readNodes(
  scope: AnyNode,
  r: Exclude<FieldRule, string>,
  fallbackParse: Parse,
  ctx: FieldContext,
): FieldResult {
  const parse = r.parse ?? fallbackParse;
  const result = readValue(scope, r, parse, ctx);
  // A count or a plain number read for the rating field is still a rating on the rule's scale.
  if (fallbackParse === "rating" && parse !== "rating" && typeof result.value === "number") {
    if (result.value === 0) return {}; // no star lit: unrated
    const rating = parseRating(result.value, r.scale ? { scale: r.scale } : {});
    return rating === undefined ? { error: `${result.value} is not a rating` } : { value: rating };
  }
  return result;
}

/** Read from `scope` (the item, or the document for page-scoped rules) or its first match. */
function readValue(
  scope: AnyNode,
  r: Exclude<FieldRule, string>,
  parse: Parse,
  ctx: FieldContext,
): FieldResult {
  const { selection } = ctx;
  if (parse === "count") return { value: r.selector ? selection.all(scope, r.selector).length : 1 };
  const first = r.selector ? selection.first(scope, r.selector) : scope;
  if (first === undefined) return {};
  let raw: string | undefined;
  if (r.attr) {
    raw = "attribs" in first ? first.attribs[r.attr.toLowerCase()] : undefined;
    if (raw !== undefined && parse === "html-text") raw = cleanMultiline(raw);
  } else raw = parse === "html-text" ? nodeMultilineText(first as TextNode) : nodeText(first as TextNode);
  if (raw === undefined) return {};
  if (r.regex) {
    const re = cachedRegex(r.regex);
    if (!re) return { error: `invalid regex /${r.regex}/ in the source` };
    const m = re.exec(raw);
    if (!m) return raw.trim() ? { error: `${quote(raw)} does not match /${r.regex}/` } : {};
    raw = m[1] ?? m[0];
  }
  return normalise(raw, parse, r, ctx);
}

const regexes = new Map<string, RegExp | null>();
/** A source's regex compiled once per process; undefined when it does not compile. */
export function cachedRegex(source: string): RegExp | undefined {
  let re = regexes.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, "u");
    } catch {
      re = null;
    }
    regexes.set(source, re);
  }
  return re ?? undefined;
}

/** Turn the raw string into the value of the requested kind; empty -> no value. */
export function normalise(
  raw: string,
  parse: Parse,
  r: { scale?: number },
  ctx: Pick<FieldContext, "baseUrl" | "now" | "timeZone" | "locale">,
): FieldResult {
  const text = parse === "html-text" ? tidyLines(raw) : collapseWhitespace(raw);
  if (!text) return {};
  switch (parse) {
    case "text":
    case "html-text":
      return { value: text };
    case "int": {
      const m = /-?\d[\d\s\u00a0\u202f]*/.exec(text);
      const n = m ? Number(m[0].replace(/\s/g, "")) : Number.NaN;
      return Number.isSafeInteger(n) ? { value: n } : { error: `${quote(text)} is not a whole number` };
    }
    case "float": {
      const m = /-?\d+(?:[.,]\d+)?/.exec(text);
      const n = m ? Number(m[0].replace(",", ".")) : Number.NaN;
      return Number.isFinite(n) ? { value: n } : { error: `${quote(text)} is not a number` };
    }
    case "date":
    case "unix": {
      if (parse === "unix" && !/^\d+(\.\d+)?$/.test(text))
        return { error: `${quote(text)} is not a unix time` };
      const iso = parseDate(text, {
        now: ctx.now,
        timeZone: ctx.timeZone,
        ...(ctx.locale ? { locale: ctx.locale } : {}),
      });
      return iso ? { value: iso } : { error: `${quote(text)} is not a date` };
    }
    case "rating": {
      const rating = parseRating(text, r.scale ? { scale: r.scale } : {});
      return rating === undefined ? { error: `${quote(text)} is not a rating` } : { value: rating };
    }
    case "url":
      return absoluteUrl(text, ctx.baseUrl);
    case "count":
      return { value: Number(text) };
  }
}

/** Resolve a link against the page; only http(s) results count (no javascript:, mailto:, data:). */
export function absoluteUrl(href: string, baseUrl: string): FieldResult {
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith("#")) return {};
  try {
    const u = new URL(trimmed, baseUrl);
    if (u.protocol !== "http:" && u.protocol !== "https:")
      return { error: `${quote(trimmed)} is not a web link` };
    return { value: u.href };
  } catch {
    return { error: `${quote(trimmed)} is not a URL` };
  }
}

/** A scraped value for a warning: quoted, one line, at most 40 characters. */
export function quote(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return JSON.stringify(one.length > 40 ? `${one.slice(0, 39)}…` : one);
}
