/**
 * `extract.type: json`: one page (an API response, or a page with embedded state) -> its mentions.
 * Pure. Steps: blocked signals (on the raw page) → locate the JSON (json-state.ts) → `notFound`
 * signals → the items (json-path.ts) → fields per item (json-fields.ts, shared assembly in item.ts)
 * → next cursor/URL, last-page flag, aggregate rating.
 */
import { load } from "cheerio/slim";
import type { JsonExtract, JsonPaths } from "../config/json-extract.js";
import type { Source } from "../config/source.js";
import type { Page, PageExtraction } from "../crawl/types.js";
import type { RawMention } from "../domain/mention.js";
import { absoluteUrl } from "./fields.js";
import { assembleItem } from "./item.js";
import { isTruthy, type JsonFieldContext, readJsonField } from "./json-fields.js";
import { evaluatePath, firstAt, parseJsonPath } from "./json-path.js";
import { locateState } from "./json-state.js";
import { isBlocked } from "./page-signals.js";
import { createSelection, type Selection } from "./selection.js";

const asList = (p: JsonPaths): string[] => (Array.isArray(p) ? p : [p]);

export function extractJson(page: Page, source: Source, extract: JsonExtract): PageExtraction {
  let selection: Selection | undefined;
  const sel = () => {
    selection ??= createSelection(load(page.body));
    return selection;
  };
  const empty = (extra: Partial<PageExtraction> = {}): PageExtraction => ({
    items: [],
    warnings: [],
    blocked: false,
    itemNodes: 0,
    ...extra,
  });
  if (source.blocked.length > 0 && isBlocked(sel(), page, source.blocked)) return empty({ blocked: true });

  const state = locateState(page, extract.state, sel);
  if (state.value === undefined) {
    const shell = /html/i.test(page.contentType) && page.state === undefined;
    const hint = shell
      ? " (a page rendered by JavaScript? `fetch.mode: browser` reads the state a browser builds)"
      : "";
    const why = `no JSON to read: ${state.problem ?? "nothing found"}${hint}`;
    return empty({ warnings: [why], noData: why });
  }
  const root = state.value;
  for (const signal of extract.notFound ?? []) {
    const hit = evaluatePath(root, signal.path).find(
      (v) => signal.equals === undefined || String(v) === String(signal.equals),
    );
    if (hit !== undefined)
      return empty({ notFound: `the page says not found (${signal.path} = ${String(hit)})` });
  }

  const warnings: string[] = [];
  const found = findItems(root, asList(extract.items));
  if (!found) warnings.push(`no items at ${asList(extract.items).join(" | ")}`);
  const required = extract.itemRequires;
  const nodes =
    required === undefined ? (found ?? []) : (found ?? []).filter((n) => firstAt(n, required) !== undefined);
  const fetchedAt = new Date(page.fetchedAt);
  const ctx: JsonFieldContext = {
    root,
    pageUrl: page.url,
    baseUrl: page.url,
    now: Number.isNaN(fetchedAt.getTime()) ? new Date() : fetchedAt,
    timeZone: source.timezone,
    ...(source.language ? { locale: source.language } : {}),
    pageCache: new Map(),
  };

  const items: RawMention[] = [];
  let hidden = 0;
  nodes.forEach((node, i) => {
    try {
      const isHidden = extract.hidden !== undefined && isTruthy(firstAt(node, extract.hidden.path));
      if (isHidden && extract.hidden?.action === "skip") {
        hidden++;
        return;
      }
      const preset: Record<string, boolean> = isHidden ? { hidden: true } : {};
      const r = assembleItem(
        i + 1,
        source.id,
        extract.fields,
        extract.extra,
        (spec, parse) => readJsonField(node, spec, parse, ctx),
        preset,
      );
      warnings.push(...r.warnings);
      if (r.item) items.push(r.item);
    } catch (err) {
      warnings.push(`item ${i + 1}: skipped: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  if (hidden > 0) warnings.push(`${hidden} hidden item(s) skipped`);

  const out: PageExtraction = { items, warnings, blocked: false, itemNodes: nodes.length };
  const cursor = firstScalar(root, extract.nextCursor);
  if (cursor !== undefined) out.nextCursor = cursor;
  const next = firstScalar(root, extract.nextUrl);
  if (next !== undefined) {
    const url = absoluteUrl(next, page.url).value;
    if (typeof url === "string" && url !== page.url) out.nextUrl = url;
  }
  if (extract.lastPage) {
    const at = Number(firstAt(root, extract.lastPage.page));
    const of = Number(firstAt(root, extract.lastPage.pages));
    if (Number.isFinite(at) && Number.isFinite(of) && at >= of) out.lastPage = true;
  }
  if (extract.aggregate) {
    const aggregate: NonNullable<PageExtraction["aggregate"]> = {};
    if (extract.aggregate.rating) {
      const r = readJsonField(root, extract.aggregate.rating, "rating", ctx);
      if (typeof r.value === "number") aggregate.rating = r.value;
    }
    if (extract.aggregate.count) {
      const r = readJsonField(root, extract.aggregate.count, "int", ctx);
      if (typeof r.value === "number") aggregate.count = r.value;
    }
    if (Object.keys(aggregate).length > 0) out.aggregate = aggregate;
  }
  return out;
}

/**
 * The items at the first path that reaches something: a fan-out path's values, or the elements of
 * the array a plain path reaches (a plain path reaching one object is one item).
 */
export function findItems(root: unknown, paths: string[]): unknown[] | undefined {
  for (const path of paths) {
    const parsed = parseJsonPath(path);
    const values = evaluatePath(root, parsed);
    if (values.length === 0) continue;
    if (parsed.fanOut) return values;
    const v = values[0];
    if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined);
    if (typeof v === "object") return [v];
  }
  return undefined;
}

function firstScalar(root: unknown, paths: JsonPaths | undefined): string | undefined {
  if (paths === undefined) return undefined;
  for (const p of asList(paths)) {
    const v = firstAt(root, p);
    if ((typeof v === "string" && v !== "") || typeof v === "number") return String(v);
  }
  return undefined;
}
