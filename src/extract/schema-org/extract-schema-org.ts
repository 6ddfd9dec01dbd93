/**
 * `extract.type: schema-org`: reviews any page states in schema.org terms — JSON-LD, microdata, the
 * hreview microformat — with no site definition. Pure. A review stated twice (JSON-LD and microdata
 * on the same page) is kept once; the AggregateRating becomes `aggregate`.
 */
import { load } from "cheerio/slim";
import type { Element } from "domhandler";
import type { SchemaOrgExtract } from "../../config/json-extract.js";
import type { Source } from "../../config/source.js";
import type { Page, PageExtraction } from "../../crawl/types.js";
import type { RawMention } from "../../domain/mention.js";
import { baseUrlOf, isBlocked, nextPageUrl } from "../page-signals.js";
import { createSelection } from "../selection.js";
import { reviewsFromHreview } from "./hreview.js";
import { parseJsonLd, reviewsFromJsonLd, type SchemaOrgFound } from "./json-ld.js";
import { reviewsFromMicrodata } from "./microdata.js";
import { countOf, ratingOf, toMention } from "./record.js";

const ALL_FORMATS = ["json-ld", "microdata", "hreview"] as const;

interface ScriptNode {
  children?: Array<{ type: string; data?: string }>;
}

export function extractSchemaOrg(page: Page, source: Source, extract: SchemaOrgExtract): PageExtraction {
  const selection = createSelection(load(page.body));
  if (isBlocked(selection, page, source.blocked))
    return { items: [], warnings: [], blocked: true, itemNodes: 0 };
  const formats = extract.formats ?? ALL_FORMATS;
  const warnings: string[] = [];
  const found: Array<[string, SchemaOrgFound]> = [];

  if (formats.includes("json-ld")) {
    const docs: unknown[] = [];
    selection.all(selection.root, 'script[type="application/ld+json"]').forEach((s, i) => {
      const text = ((s as ScriptNode).children ?? []).map((c) => c.data ?? "").join("");
      const doc = parseJsonLd(text);
      if (doc === undefined && text.trim()) warnings.push(`JSON-LD block ${i + 1} is not valid JSON`);
      else if (doc !== undefined) docs.push(doc);
    });
    found.push(["json-ld", reviewsFromJsonLd(docs)]);
  }
  if (formats.includes("microdata")) {
    const scopes = selection.all(selection.root, "[itemscope][itemtype]") as Element[];
    found.push(["microdata", reviewsFromMicrodata(scopes)]);
  }
  if (formats.includes("hreview")) found.push(["hreview", reviewsFromHreview(selection)]);

  const fetchedAt = new Date(page.fetchedAt);
  const ctx = {
    baseUrl: baseUrlOf(selection, page),
    now: Number.isNaN(fetchedAt.getTime()) ? new Date() : fetchedAt,
    timeZone: source.timezone,
    ...(source.language ? { locale: source.language } : {}),
  };
  const items: RawMention[] = [];
  const seen = new Set<string>();
  let itemNodes = 0;
  let aggregate: PageExtraction["aggregate"];
  for (const [format, f] of found) {
    for (const rec of f.reviews) {
      itemNodes++;
      const r = toMention(rec, itemNodes, source.id, ctx, format);
      warnings.push(...r.warnings);
      if (!r.item) continue;
      const key = JSON.stringify([r.item.text, r.item.author ?? "", r.item.publishedAt ?? ""]);
      if (seen.has(key)) continue; // the same review in two markups
      seen.add(key);
      items.push(r.item);
    }
    if (!aggregate && f.aggregate) {
      const rating = ratingOf(f.aggregate);
      const count = countOf(f.aggregate);
      if (rating !== undefined || count !== undefined)
        aggregate = {
          ...(rating !== undefined ? { rating } : {}),
          ...(count !== undefined ? { count } : {}),
        };
    }
  }
  warnings.push(...selection.problems);
  const out: PageExtraction = { items, warnings, blocked: false, itemNodes };
  if (aggregate) out.aggregate = aggregate;
  const next = nextPageUrl(selection, page, ctx.baseUrl, source.pagination, itemNodes);
  if (next !== undefined) out.nextUrl = next;
  return out;
}
