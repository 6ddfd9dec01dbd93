/**
 * schema.org Reviews and AggregateRating in microdata (`itemscope itemtype=".../Review"`, `itemprop`),
 * read by the microdata rules: a property belongs to the nearest enclosing `itemscope`; its value is
 * `content`, else the element's URL attribute (`href`, `src`), `datetime`/`value`, else its text.
 */
import type { AnyNode, Element } from "domhandler";
import { cleanMultiline, nodeMultilineText, type TextNode } from "../text.js";
import type { SchemaOrgFound } from "./json-ld.js";
import type { RatingRecord, ReviewRecord } from "./record.js";

export interface MicroItem {
  types: string[];
  props: Map<string, Array<string | MicroItem>>;
}

const isElement = (n: AnyNode): n is Element => n.type === "tag" || n.type === "script" || n.type === "style";

function typesOfAttr(el: Element): string[] {
  return (el.attribs["itemtype"] ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => t.replace(/^(?:https?:\/\/)?schema\.org\//, ""));
}

function propValue(el: Element): string {
  const a = el.attribs;
  if (a["content"] !== undefined) return a["content"];
  switch (el.name) {
    case "a":
    case "link":
    case "area":
      return a["href"] ?? "";
    case "img":
    case "audio":
    case "video":
    case "source":
    case "iframe":
    case "embed":
      return a["src"] ?? "";
    case "time":
      return a["datetime"] ?? cleanMultiline(nodeMultilineText(el as unknown as TextNode));
    case "data":
    case "meter":
      return a["value"] ?? "";
    default:
      return nodeMultilineText(el as unknown as TextNode);
  }
}

/** The properties of the item whose scope is `scope` (nested scopes are items of their own). */
export function readMicroItem(scope: Element): MicroItem {
  const item: MicroItem = { types: typesOfAttr(scope), props: new Map() };
  const add = (names: string, v: string | MicroItem) => {
    for (const name of names.split(/\s+/).filter(Boolean)) {
      const list = item.props.get(name) ?? [];
      list.push(v);
      item.props.set(name, list);
    }
  };
  const visit = (n: AnyNode) => {
    if (!isElement(n)) return;
    const prop = n.attribs["itemprop"];
    const nested = n.attribs["itemscope"] !== undefined;
    if (prop !== undefined) add(prop, nested ? readMicroItem(n) : propValue(n));
    if (!nested) for (const c of n.children) visit(c);
  };
  for (const c of scope.children) visit(c);
  return item;
}

function text(v: string | MicroItem | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string") return v.trim() || undefined;
  return text(v.props.get("name")?.[0]) ?? undefined;
}

const first = (item: MicroItem, ...names: string[]): string | MicroItem | undefined => {
  for (const n of names) {
    const v = item.props.get(n)?.[0];
    if (v !== undefined) return v;
  }
  return undefined;
};

export function microRating(v: string | MicroItem | undefined): RatingRecord | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string") return { value: v.trim() };
  const r: RatingRecord = {};
  const value = text(first(v, "ratingValue"));
  const best = text(first(v, "bestRating"));
  const worst = text(first(v, "worstRating"));
  const count = text(first(v, "reviewCount", "ratingCount"));
  if (value !== undefined) r.value = value;
  if (best !== undefined) r.best = best;
  if (worst !== undefined) r.worst = worst;
  if (count !== undefined) r.count = count;
  return r;
}

function reviewOf(item: MicroItem, parentName: string | undefined): ReviewRecord {
  const rec: ReviewRecord = {};
  const set = (k: keyof Omit<ReviewRecord, "rating">, v: string | undefined) => {
    if (v !== undefined && v.trim() !== "") rec[k] = v;
  };
  set("id", text(first(item, "identifier")));
  set("url", text(first(item, "url")));
  set("author", text(first(item, "author", "creator")));
  set("published", text(first(item, "datePublished", "dateCreated")));
  set("title", text(first(item, "name", "headline")));
  set("text", text(first(item, "reviewBody", "description", "text")));
  set("pros", text(first(item, "positiveNotes")));
  set("cons", text(first(item, "negativeNotes")));
  set("language", text(first(item, "inLanguage")));
  set("subject", text(first(item, "itemReviewed")) ?? parentName);
  const rating = microRating(first(item, "reviewRating"));
  if (rating) rec.rating = rating;
  return rec;
}

const REVIEW = new Set(["Review", "UserReview", "CriticReview", "EmployerReview"]);

/** Every Review item on the page (top-level or a property of another item), and the first AggregateRating. */
export function reviewsFromMicrodata(scopes: Element[]): SchemaOrgFound {
  const found: SchemaOrgFound = { reviews: [] };
  const inner = new Set<Element>();
  for (const el of scopes) {
    // nested scopes are read through their parent, which knows the subject's name
    for (let p = el.parent; p; p = p.parent)
      if (isElement(p as AnyNode) && (p as Element).attribs["itemscope"] !== undefined) {
        inner.add(el);
        break;
      }
  }
  const walk = (item: MicroItem, parentName: string | undefined) => {
    if (item.types.some((t) => REVIEW.has(t))) {
      found.reviews.push(reviewOf(item, parentName));
      return;
    }
    if (item.types.includes("AggregateRating")) found.aggregate ??= microRating(item);
    const name = text(first(item, "name")) ?? parentName;
    for (const [prop, values] of item.props)
      for (const v of values) {
        if (typeof v === "string") continue;
        if (prop === "aggregateRating") found.aggregate ??= microRating(v);
        else walk(v, name);
      }
  };
  for (const el of scopes) if (!inner.has(el)) walk(readMicroItem(el), undefined);
  return found;
}
