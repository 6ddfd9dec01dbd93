/** HTML markup held in a string (a feed's description, Discourse's `cooked`) -> its visible text. Pure. */
import { load } from "cheerio/slim";
import { nodeMultilineText, type TextNode } from "./text.js";

const MARKUP_RE = /<\/?[a-z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);/i;

/** Whether the string holds tags or character references (else it is plain text already). */
export function looksLikeMarkup(s: string): boolean {
  return MARKUP_RE.test(s);
}

/** Visible text of an HTML fragment, line structure kept (paragraphs -> blank lines, `<br>` -> newline). */
export function markupToText(html: string): string {
  if (!looksLikeMarkup(html)) return html.trim();
  return nodeMultilineText(load(html).root()[0] as unknown as TextNode);
}
