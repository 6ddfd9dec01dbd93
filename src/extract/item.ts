/**
 * One item element -> a RawMention, leniently: an optional field whose value is unusable is dropped
 * with a warning; an item without the required `text` or `url` is rejected alone (with a warning).
 */
import type { AnyNode } from "domhandler";
import type { FieldName, HtmlExtract } from "../config/source.js";
import { RawMention } from "../domain/mention.js";
import {
  defaultParse,
  type FieldContext,
  type FieldResult,
  type FieldValue,
  type Parse,
  readField,
} from "./fields.js";
import { stripTruncation } from "./text.js";

/** Longest text we keep for one field; a longer value is cut (and flagged) rather than rejected. */
export const MAX_FIELD_CHARS = 50_000;

/** Fields whose teaser form may end in "читать далее" / "…". */
const TRUNCATABLE = new Set<FieldName>(["text", "pros", "cons"]);
const REPLY_FIELDS: Record<string, "text" | "publishedAt" | "author"> = {
  replyText: "text",
  replyDate: "publishedAt",
  replyAuthor: "author",
};

export interface ItemResult {
  item?: RawMention;
  warnings: string[];
}

/** Extract item number `n` (1-based, for warnings). */
export function buildItem(
  element: AnyNode,
  n: number,
  platform: string,
  extract: HtmlExtract,
  ctx: FieldContext,
): ItemResult {
  return assembleItem(n, platform, extract.fields, extract.extra, (spec, parse) =>
    readField(element, spec, parse, ctx),
  );
}

/**
 * The extractor-independent part: read every field and extra with `read` (HTML selectors, JSON
 * paths, ...), then clean, truncate, group the reply and validate into a RawMention.
 */
export function assembleItem<S>(
  n: number,
  platform: string,
  fields: Partial<Record<FieldName, S>>,
  extraSpecs: Record<string, S> | undefined,
  read: (spec: S, parse: Parse) => FieldResult,
  presetExtra: Record<string, string | number | boolean> = {},
): ItemResult {
  const warnings: string[] = [];
  const warn = (msg: string) => warnings.push(`item ${n}: ${msg}`);
  const out: Record<string, unknown> = { platform };
  const reply: Record<string, FieldValue> = {};
  const extra: Record<string, string | number | boolean> = { ...presetExtra };
  let truncated = false;

  for (const [name, spec] of Object.entries(fields) as [FieldName, S][]) {
    const r = read(spec, defaultParse(name));
    if (r.error) warn(`${name} ${r.error}`);
    let value = r.value;
    if (value === undefined) continue;
    if (typeof value === "string") {
      if (TRUNCATABLE.has(name)) {
        const u = stripTruncation(value);
        value = u.text;
        truncated ||= u.truncated;
      }
      if (value.length > MAX_FIELD_CHARS) {
        value = value.slice(0, MAX_FIELD_CHARS);
        truncated = true;
        warn(`${name} cut to ${MAX_FIELD_CHARS} characters`);
      }
      if (!value) continue;
    }
    const replyKey = REPLY_FIELDS[name];
    if (replyKey) reply[replyKey] = value;
    else out[name] = value;
  }

  for (const [key, spec] of Object.entries(extraSpecs ?? {})) {
    const r = read(spec, "text");
    if (r.error) warn(`extra.${key} ${r.error}`);
    else if (r.value !== undefined) extra[key] = r.value;
  }
  if (truncated) extra["truncated"] = true;
  if (reply["text"] !== undefined) out["reply"] = reply;
  else if (Object.keys(reply).length > 0) warn("reply date/author without reply text ignored");
  if (Object.keys(extra).length > 0) out["extra"] = extra;

  // Field by field: an unusable optional field is dropped, a missing required one rejects the item.
  for (const [key, schema] of Object.entries(RawMention.shape)) {
    const value = out[key];
    if (value === undefined) {
      if (!schema.safeParse(undefined).success) {
        warn(`skipped: no ${key}`);
        return { warnings };
      }
      continue;
    }
    if (schema.safeParse(value).success) continue;
    if (schema.safeParse(undefined).success) {
      warn(`${key} ${preview(value)} dropped: ${reason(key)}`);
      delete out[key];
    } else {
      warn(`skipped: ${key} ${preview(value)} ${reason(key)}`);
      return { warnings };
    }
  }
  const parsed = RawMention.safeParse(out);
  if (!parsed.success) {
    warn(`skipped: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return { warnings };
  }
  return { item: parsed.data, warnings };
}

function reason(key: string): string {
  switch (key) {
    case "url":
      return "is not an absolute URL";
    case "publishedAt":
      return "is not an ISO date";
    case "rating":
      return "is not in 1..5";
    case "likes":
      return "is not a non-negative whole number";
    default:
      return "is not valid";
  }
}

function preview(value: unknown): string {
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 39)}…` : s);
}
