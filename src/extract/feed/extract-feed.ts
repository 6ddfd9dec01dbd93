/**
 * `extract.type: feed`: an RSS 2.0, RSS 1.0 (RDF) or Atom document -> its entries as mentions. Pure.
 *
 * Parsed by htmlparser2 in XML mode (cheerio's `xml: true`; no extra dependency). Per entry:
 *   externalId  RSS guid | Atom id | the link
 *   url         RSS link | guid with isPermaLink | Atom link[rel=alternate] | first link; relative links
 *               resolve against the feed URL; `unwrapLinkParam` takes the real URL out of a redirect link
 *   author      RSS author | dc:creator | Atom author/name (inherited from the feed)
 *   publishedAt RSS pubDate | dc:date | Atom published | updated
 *   title       title (HTML in Atom `type="html"` titles and in RSS titles is reduced to text)
 *   text        content:encoded / Atom content, or description / Atom summary (`text` option), as text;
 *               the title when the entry has no body
 *   subject     the feed's title; language: the feed's language
 * A document that is not a feed (an HTML page where the feed was) is `noData` (the crawl calls it broken),
 * unless a blocked signal matches. Pagination works as for HTML, on the XML: `next-link` with
 * `selector: 'feed > link[rel="next"]'` follows RFC 5005 paged feeds, `page-param` WordPress's `?paged=N`.
 */
import { type CheerioAPI, load } from "cheerio/slim";
import type { AnyNode, Element } from "domhandler";
import type { FeedExtract } from "../../config/feed-extract.js";
import type { FieldName, Source } from "../../config/source.js";
import type { Page, PageExtraction } from "../../crawl/types.js";
import type { RawMention } from "../../domain/mention.js";
import { normalise } from "../fields.js";
import { assembleItem } from "../item.js";
import { markupToText } from "../markup.js";
import { isBlocked, nextPageUrl } from "../page-signals.js";
import { createSelection } from "../selection.js";
import { collapseWhitespace } from "../text.js";
import { attrOf, childNamed, childrenNamed, elementsOf, innerMarkup, textOf } from "./xml-nodes.js";

type Kind = "rss" | "rdf" | "atom";

interface FeedDoc {
  $: CheerioAPI;
  kind: Kind;
  /** `<channel>` (RSS 2.0), `<rdf:RDF>`'s channel, or `<feed>`. */
  head: Element;
  entries: Element[];
}

export function extractFeed(page: Page, source: Source, extract: FeedExtract): PageExtraction {
  const empty = (extra: Partial<PageExtraction> = {}): PageExtraction => ({
    items: [],
    warnings: [],
    blocked: false,
    itemNodes: 0,
    ...extra,
  });
  const doc = findFeed(page.body);
  if (!doc) {
    if (source.blocked.length > 0 && isBlocked(createSelection(load(page.body)), page, source.blocked))
      return empty({ blocked: true });
    const why = `not an RSS or Atom feed (the document starts ${JSON.stringify(page.body.trimStart().slice(0, 40))})`;
    return empty({ warnings: [why], noData: why });
  }

  const fetchedAt = new Date(page.fetchedAt);
  const ctx = {
    baseUrl: page.url,
    now: Number.isNaN(fetchedAt.getTime()) ? new Date() : fetchedAt,
    timeZone: source.timezone,
    ...(source.language ? { locale: source.language } : {}),
  };
  const feedTitle = plain(childNamed(doc.head, "title"));
  const feedLanguage = (
    textOf(childNamed(doc.head, "language", "dc:language")).trim() ||
    attrOf(doc.head, "xml:lang") ||
    ""
  ).slice(0, 2);
  const feedAuthor = authorOf(doc.head, doc.kind);

  const items: RawMention[] = [];
  const warnings: string[] = [];
  doc.entries.forEach((entry, i) => {
    const raw = readEntry(entry, doc.kind, extract, page.url);
    if (!raw.author && feedAuthor) raw.author = feedAuthor;
    if (feedTitle) raw.subject = feedTitle;
    if (/^[a-z]{2}$/i.test(feedLanguage)) raw.language = feedLanguage.toLowerCase();
    const specs = Object.fromEntries(Object.keys(raw).map((k) => [k, k])) as Partial<
      Record<FieldName, string>
    >;
    const extraSpecs = Object.fromEntries(Object.keys(extract.extra ?? {}).map((k) => [k, `extra:${k}`]));
    const extraRaw: Record<string, string> = {};
    for (const [key, element] of Object.entries(extract.extra ?? {}))
      extraRaw[`extra:${key}`] = plain(childNamed(entry, element));
    const r = assembleItem(i + 1, source.id, specs, extraSpecs, (spec, parse) => {
      const value = spec.startsWith("extra:") ? extraRaw[spec] : raw[spec as FieldName];
      return value === undefined ? {} : normalise(value, parse, {}, ctx);
    });
    warnings.push(...r.warnings);
    if (r.item) items.push(r.item);
  });

  const out: PageExtraction = { items, warnings, blocked: false, itemNodes: doc.entries.length };
  const selection = createSelection(doc.$);
  const next = nextPageUrl(selection, page, page.url, source.pagination, doc.entries.length);
  warnings.push(...selection.problems);
  if (next !== undefined) out.nextUrl = next;
  return out;
}

/** The feed's root, head and entries, or undefined when the document is not a feed. */
export function findFeed(body: string): FeedDoc | undefined {
  const start = body.trimStart().slice(0, 2048).toLowerCase();
  if (!start.startsWith("<") || /^(?:<!doctype html|<html)/.test(start.replace(/^<\?xml[^>]*>\s*/, "")))
    return undefined;
  const $ = load(body, { xml: true });
  const root = elementsOf($.root()[0])[0];
  if (!root) return undefined;
  const name = root.name.toLowerCase();
  if (name === "rss") {
    const channel = childNamed(root, "channel");
    return channel ? { $, kind: "rss", head: channel, entries: childrenNamed(channel, "item") } : undefined;
  }
  if (name === "rdf:rdf") {
    const channel = childNamed(root, "channel") ?? root;
    return { $, kind: "rdf", head: channel, entries: childrenNamed(root, "item") };
  }
  if (name === "feed") return { $, kind: "atom", head: root, entries: childrenNamed(root, "entry") };
  return undefined;
}

/** The raw (string) fields of one entry, before normalisation. */
function readEntry(entry: Element, kind: Kind, extract: FeedExtract, feedUrl: string) {
  const raw: Partial<Record<FieldName, string>> = {};
  const set = (field: FieldName, value: string | undefined) => {
    const v = value?.trim();
    if (v) raw[field] = v;
  };
  const guid = childNamed(entry, kind === "atom" ? "id" : "guid");
  let link =
    kind === "atom"
      ? linkOf(entry, "alternate")
      : textOf(childNamed(entry, "link")).trim() ||
        (attrOf(guid, "isPermaLink")?.toLowerCase() !== "false" ? textOf(guid).trim() : "");
  if (link && extract.unwrapLinkParam) link = unwrap(link, extract.unwrapLinkParam, feedUrl);
  set("url", link);
  set("externalId", textOf(guid) || attrOf(entry, "rdf:about") || link);
  set("title", plain(childNamed(entry, "title")));
  set("author", authorOf(entry, kind));
  set("publishedAt", textOf(childNamed(entry, "pubDate", "published", "dc:date", "updated")));
  const content = childNamed(entry, "content:encoded", "content");
  const summary = childNamed(entry, "description", "summary");
  const bodies = extract.text === "summary" ? [summary, content] : [content, summary];
  set("text", bodies.map((b) => rich(b)).find((t) => t !== "") || raw.title);
  return raw;
}

/** Atom `author/name` (or its e-mail), RSS `author` ("mail@host (Name)" -> Name) or `dc:creator`. */
function authorOf(node: Element, kind: Kind): string {
  if (kind === "atom") {
    const author = childNamed(node, "author");
    return collapseWhitespace(textOf(childNamed(author, "name")) || textOf(childNamed(author, "email")));
  }
  const rss = collapseWhitespace(textOf(childNamed(node, "dc:creator", "author")));
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(rss);
  return named?.[1]?.trim() ?? rss;
}

/** An Atom `<link rel=…>` href (`alternate` also matches a link without rel). */
function linkOf(node: Element, rel: string): string | undefined {
  const links = childrenNamed(node, "link");
  const hit = links.find((l) => {
    const r = attrOf(l, "rel")?.toLowerCase();
    return attrOf(l, "href") !== undefined && (r === rel || (rel === "alternate" && r === undefined));
  });
  return attrOf(hit, "href");
}

/** The URL held in query parameter `param` of a redirect link, when it is an http(s) URL. */
function unwrap(link: string, param: string, base: string): string {
  try {
    const inner = new URL(link, base).searchParams.get(param);
    if (inner && /^https?:\/\//i.test(inner)) return inner;
  } catch {
    // not a URL: keep it (normalisation reports it)
  }
  return link;
}

/** A one-line value: HTML markup (Atom `type="html"`, `<b>` in Google Alerts titles) reduced to text. */
function plain(node: Element | undefined): string {
  return collapseWhitespace(rich(node).replace(/\n+/g, " "));
}

/** A body as multiline text: HTML (escaped or CDATA) and Atom XHTML turned into visible text. */
function rich(node: Element | undefined): string {
  if (!node) return "";
  const type = attrOf(node, "type")?.toLowerCase();
  if (type === "xhtml") return markupToText(node.children.map((c: AnyNode) => innerMarkup(c)).join(""));
  const text = textOf(node);
  return type === "text" ? text.trim() : markupToText(text);
}
