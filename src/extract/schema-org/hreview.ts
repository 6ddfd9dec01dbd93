/**
 * The hreview microformat (1.0: `.hreview` with `.summary`, `.description`, `.reviewer .fn`,
 * `.dtreviewed`, `.rating`, `.item .fn`, `a[rel~=bookmark]`; 2.0: `.h-review` with `p-name`, `e-content`,
 * `p-author`, `dt-published`, `p-rating`, `p-best`, `u-url`, `p-item`) and `.hreview-aggregate`.
 * The value-class pattern is honoured: `.value-title[title]`, `.value`, `abbr[title]`, `time[datetime]`.
 */
import type { AnyNode, Element } from "domhandler";
import type { Selection } from "../selection.js";
import { nodeMultilineText, nodeText, type TextNode } from "../text.js";
import type { SchemaOrgFound } from "./json-ld.js";
import type { RatingRecord, ReviewRecord } from "./record.js";

/** The value of a microformat property element. */
function propertyValue(sel: Selection, el: AnyNode, multiline = false): string | undefined {
  const e = el as Element;
  const vt = sel.first(e, ".value-title[title]");
  if (vt) return (vt as Element).attribs["title"];
  const v = sel.first(e, ".value");
  if (v) return nodeText(v as TextNode);
  const a = e.attribs ?? {};
  if (e.name === "abbr" && a["title"]) return a["title"];
  if (e.name === "time" && a["datetime"]) return a["datetime"];
  if ((e.name === "data" || e.name === "meter") && a["value"]) return a["value"];
  if (e.name === "img" && a["alt"]) return a["alt"];
  const t = multiline ? nodeMultilineText(e as TextNode) : nodeText(e as TextNode);
  return t.trim() || undefined;
}

function prop(sel: Selection, scope: AnyNode, selector: string, multiline = false): string | undefined {
  const el = sel.first(scope, selector);
  return el ? propertyValue(sel, el, multiline) : undefined;
}

function ratingIn(sel: Selection, scope: AnyNode): RatingRecord | undefined {
  const el = sel.first(scope, ".rating, .p-rating");
  if (!el) return undefined;
  const r: RatingRecord = {};
  const value = sel.first(el, ".average") ? prop(sel, el, ".average") : propertyValue(sel, el);
  const best = prop(sel, scope, ".best, .p-best");
  const worst = prop(sel, scope, ".worst, .p-worst");
  if (value !== undefined) r.value = value;
  if (best !== undefined) r.best = best;
  if (worst !== undefined) r.worst = worst;
  return r;
}

function reviewOf(sel: Selection, root: AnyNode): ReviewRecord {
  const rec: ReviewRecord = {};
  const set = (k: keyof Omit<ReviewRecord, "rating">, v: string | undefined) => {
    if (v !== undefined && v.trim() !== "") rec[k] = v;
  };
  set("title", prop(sel, root, ".summary, .p-name"));
  set("text", prop(sel, root, ".description, .e-content, .p-content", true));
  set("author", prop(sel, root, ".reviewer .fn, .reviewer, .p-author .p-name, .p-author"));
  set("published", prop(sel, root, ".dtreviewed, .dt-published"));
  set("subject", prop(sel, root, ".item .fn, .p-item .p-name, .item, .p-item"));
  const link = sel.first(root, "a[rel~=bookmark], a.permalink, a.u-url, .permalink[href]");
  set("url", link ? (link as Element).attribs["href"] : undefined);
  const rating = ratingIn(sel, root);
  if (rating) rec.rating = rating;
  return rec;
}

export function reviewsFromHreview(sel: Selection): SchemaOrgFound {
  const found: SchemaOrgFound = { reviews: [] };
  const roots = sel.all(sel.root, ".hreview, .h-review");
  for (const root of roots) {
    // a review nested in another (a reply) is read as part of its parent only
    let nested = false;
    for (let p = root.parent; p; p = p.parent)
      if (roots.includes(p as AnyNode)) {
        nested = true;
        break;
      }
    if (!nested) found.reviews.push(reviewOf(sel, root));
  }
  const agg = sel.first(sel.root, ".hreview-aggregate, .h-review-aggregate");
  if (agg) {
    const r = ratingIn(sel, agg) ?? {};
    const count = prop(sel, agg, ".count, .votes, .p-count, .p-votes");
    if (count !== undefined) r.count = count;
    if (r.value !== undefined || r.count !== undefined) found.aggregate = r;
  }
  return found;
}
