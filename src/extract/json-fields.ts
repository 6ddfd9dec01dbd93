/**
 * Reading one JsonFieldSpec from a JSON item: follow the path, fill a template, apply the regex,
 * normalise like HTML fields (numbers stay numbers: a unix time in µs, a rating of 4). Pure; never
 * throws on scraped data.
 */
import type { JsonFieldRule, JsonFieldSpec } from "../config/json-extract.js";
import { parseDate } from "./dates.js";
import { cachedRegex, type FieldContext, type FieldResult, normalise, type Parse, quote } from "./fields.js";
import { evaluatePath, firstAt } from "./json-path.js";
import { markupToText } from "./markup.js";
import { parseRating } from "./ratings.js";

export interface JsonFieldContext extends Pick<FieldContext, "baseUrl" | "now" | "timeZone" | "locale"> {
  /** The whole document (for `scope: page` rules). */
  root: unknown;
  /** The page URL (for `{$page}` in templates). */
  pageUrl: string;
  /** Cache of page-scoped rules (same value for every item). */
  pageCache: Map<JsonFieldRule, FieldResult>;
}

type RuleObject = Exclude<JsonFieldRule, string>;

/** Read a field: each rule of a fallback list is tried until one yields a value. */
export function readJsonField(
  item: unknown,
  spec: JsonFieldSpec,
  parse: Parse,
  ctx: JsonFieldContext,
): FieldResult {
  const rules = Array.isArray(spec) ? spec : [spec];
  let firstError: string | undefined;
  for (const rule of rules) {
    const r = readRule(item, rule, parse, ctx);
    if (r.value !== undefined) return r;
    firstError ??= r.error;
  }
  return firstError === undefined ? {} : { error: firstError };
}

function readRule(item: unknown, rule: JsonFieldRule, fallbackParse: Parse, ctx: JsonFieldContext) {
  const r: RuleObject = typeof rule === "string" ? { path: rule } : rule;
  if (r.const !== undefined) return { value: r.const };
  if (r.scope === "page") {
    const cached = ctx.pageCache.get(rule);
    if (cached) return cached;
    const result = readFrom(ctx.root, r, fallbackParse, ctx);
    ctx.pageCache.set(rule, result);
    return result;
  }
  return readFrom(item, r, fallbackParse, ctx);
}

function readFrom(scope: unknown, r: RuleObject, fallbackParse: Parse, ctx: JsonFieldContext): FieldResult {
  let raw: unknown = scope;
  if (r.path !== undefined) {
    raw = evaluatePath(scope, r.path)[0];
    if (raw === undefined) return {};
  }
  if (r.template !== undefined) {
    const filled = fillTemplate(r.template, r.path === undefined ? undefined : raw, scope, ctx.pageUrl);
    if (filled === undefined) return {};
    raw = filled;
  }
  if (r.parse === "html" && typeof raw === "string") raw = markupToText(raw);
  const parse = r.parse === "html" ? "html-text" : (r.parse ?? fallbackParse);
  const result = convert(raw, parse, r, ctx);
  // A plain number read for the rating field is still a rating on the rule's scale.
  if (fallbackParse === "rating" && parse !== "rating" && typeof result.value === "number") {
    if (result.value === 0) return {};
    const rating = parseRating(result.value, r.scale ? { scale: r.scale } : {});
    return rating === undefined ? { error: `${result.value} is not a rating` } : { value: rating };
  }
  return result;
}

/** `{}` = the value read, `{$page}` = the page URL, `{a.b}` = a path from the item; undefined if any is missing. */
function fillTemplate(template: string, value: unknown, item: unknown, pageUrl: string): string | undefined {
  let missing = false;
  const out = template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    const v = name === "" ? value : name === "$page" ? pageUrl.replace(/#.*$/, "") : firstAt(item, name);
    if (v === undefined || v === null || typeof v === "object") {
      missing = true;
      return "";
    }
    return String(v);
  });
  return missing ? undefined : out;
}

function convert(raw: unknown, parse: Parse, r: RuleObject, ctx: JsonFieldContext): FieldResult {
  if (typeof raw === "number" && r.regex === undefined) return fromNumber(raw, parse, r, ctx);
  let text: string;
  if (typeof raw === "string") text = raw;
  else if (typeof raw === "number" || typeof raw === "boolean") text = String(raw);
  else if (Array.isArray(raw) && raw.length > 0 && raw.every((x) => typeof x === "string"))
    text = raw.join("\n");
  else return { error: `${quote(JSON.stringify(raw) ?? "")} is not a single value` };
  if (r.regex !== undefined) {
    const re = cachedRegex(r.regex);
    if (!re) return { error: `invalid regex /${r.regex}/ in the source` };
    const m = re.exec(text);
    if (!m) return text.trim() ? { error: `${quote(text)} does not match /${r.regex}/` } : {};
    text = m[1] ?? m[0];
  }
  return normalise(text, parse === "count" ? "int" : parse, r, ctx);
}

function fromNumber(n: number, parse: Parse, r: RuleObject, ctx: JsonFieldContext): FieldResult {
  if (!Number.isFinite(n)) return { error: `${n} is not a number` };
  switch (parse) {
    case "int":
    case "count":
      return Number.isSafeInteger(n) ? { value: n } : { error: `${n} is not a whole number` };
    case "float":
      return { value: n };
    case "rating": {
      if (n === 0) return {}; // unrated
      const rating = parseRating(n, r.scale ? { scale: r.scale } : {});
      return rating === undefined ? { error: `${n} is not a rating` } : { value: rating };
    }
    case "date":
    case "unix": {
      const iso = parseDate(String(Math.trunc(n)), { now: ctx.now, timeZone: ctx.timeZone });
      return iso ? { value: iso } : { error: `${n} is not a unix time` };
    }
    case "url":
      return { error: `${n} is not a URL` };
    default:
      return { value: String(n) };
  }
}

/** True for the values a site uses for "yes": true, 1, "true", "1", "yes". */
export function isTruthy(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return /^(?:true|1|yes)$/i.test(v.trim());
  return false;
}
