/**
 * schema.org Reviews and the AggregateRating in JSON-LD (`<script type="application/ld+json">`):
 * walks every object (arrays, `@graph`, nested `review`/`reviews`), so a Review may stand alone, sit in
 * a graph, or hang off the Organization/Product/LocalBusiness it is about (which then is its subject).
 */
import type { RatingRecord, ReviewRecord } from "./record.js";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The `@type`s of an object, without a schema.org prefix. */
export function typesOf(o: Obj): string[] {
  const t = o["@type"];
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.map((x) => String(x).replace(/^(?:https?:\/\/)?schema\.org\//, ""));
}

const REVIEW_TYPES = new Set(["Review", "UserReview", "CriticReview", "EmployerReview", "Comment"]);
const isReview = (o: Obj) => typesOf(o).some((t) => REVIEW_TYPES.has(t) && t !== "Comment");

/** The text of a value: a string, a number, `{name}`/`{@value}`/`{text}`, or the first of a list. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(textOf).filter((x): x is string => !!x);
    return parts.length > 0 ? parts.join(", ") : undefined;
  }
  if (isObj(v)) return textOf(v["name"] ?? v["@value"] ?? v["text"] ?? v["value"]);
  return undefined;
}

/** schema.org pros/cons (`positiveNotes`): an ItemList of ListItems, or plain text. */
function notesOf(v: unknown): string | undefined {
  if (isObj(v) && Array.isArray(v["itemListElement"])) {
    const lines = v["itemListElement"].map(textOf).filter((x): x is string => !!x);
    return lines.length > 0 ? lines.join(", ") : undefined;
  }
  return textOf(v);
}

function ratingRecord(v: unknown): RatingRecord | undefined {
  if (typeof v === "number" || typeof v === "string") return { value: v };
  if (!isObj(v)) return undefined;
  const pick = (k: string) => {
    const x = v[k];
    return typeof x === "number" || typeof x === "string" ? x : undefined;
  };
  const r: RatingRecord = {};
  const value = pick("ratingValue");
  const best = pick("bestRating");
  const worst = pick("worstRating");
  const count = pick("reviewCount") ?? pick("ratingCount");
  if (value !== undefined) r.value = value;
  if (best !== undefined) r.best = best;
  if (worst !== undefined) r.worst = worst;
  if (count !== undefined) r.count = count;
  return r;
}

function reviewRecord(o: Obj, parentName: string | undefined): ReviewRecord {
  const rec: ReviewRecord = {};
  const set = (k: keyof Omit<ReviewRecord, "rating">, v: string | undefined) => {
    if (v !== undefined && v.trim() !== "") rec[k] = v;
  };
  const idText = textOf(o["identifier"]);
  const atId = typeof o["@id"] === "string" ? o["@id"] : undefined;
  set("id", idText ?? atId);
  set("url", textOf(o["url"]) ?? (atId && /^https?:\/\//.test(atId) ? atId : undefined));
  set("author", textOf(o["author"]) ?? textOf(o["creator"]));
  set("published", textOf(o["datePublished"]) ?? textOf(o["dateCreated"]));
  set("title", textOf(o["name"]) ?? textOf(o["headline"]));
  set("text", textOf(o["reviewBody"]) ?? textOf(o["description"]) ?? textOf(o["text"]));
  set("pros", notesOf(o["positiveNotes"]));
  set("cons", notesOf(o["negativeNotes"]));
  set("language", textOf(o["inLanguage"]));
  set("subject", textOf(o["itemReviewed"]) ?? parentName);
  const rating = ratingRecord(o["reviewRating"]);
  if (rating) rec.rating = rating;
  return rec;
}

export interface SchemaOrgFound {
  reviews: ReviewRecord[];
  aggregate?: RatingRecord;
}

/** Read every parsed JSON-LD document of a page. */
export function reviewsFromJsonLd(docs: unknown[]): SchemaOrgFound {
  const found: SchemaOrgFound = { reviews: [] };
  const seen = new Set<unknown>();
  const walk = (v: unknown, parentName: string | undefined, depth: number) => {
    if (depth > 20 || v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) walk(x, parentName, depth + 1);
      return;
    }
    const o = v as Obj;
    if (isReview(o)) {
      found.reviews.push(reviewRecord(o, parentName));
      return; // a review's own comments are not reviews of the subject
    }
    if (typesOf(o).includes("AggregateRating")) found.aggregate ??= ratingRecord(o);
    else if (o["aggregateRating"] !== undefined && !found.aggregate)
      found.aggregate = ratingRecord(o["aggregateRating"]);
    const name = textOf(o["name"]) ?? parentName;
    for (const [k, x] of Object.entries(o)) if (k !== "aggregateRating") walk(x, name, depth + 1);
  };
  for (const d of docs) walk(d, undefined, 0);
  return found;
}

/** JSON-LD script text → JSON, tolerating HTML comments and CDATA wrappers; undefined if unreadable. */
export function parseJsonLd(text: string): unknown {
  const cleaned = text
    .replace(/^\s*(?:<!--|<!\[CDATA\[)/, "")
    .replace(/(?:-->|\]\]>)\s*$/, "")
    .trim();
  if (!cleaned) return undefined;
  try {
    return JSON.parse(cleaned);
  } catch {
    return undefined;
  }
}
