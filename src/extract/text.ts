/**
 * Text cleanup for scraped values: visible text of a DOM subtree (`<br>` and block ends -> newline),
 * whitespace collapsing, control-character removal, and truncation markers ("читать далее", "…").
 */

/** The parts of a DOM node we read (domhandler/htmlparser2 nodes fit this shape). */
export interface TextNode {
  type: string;
  name?: string;
  data?: string;
  children?: TextNode[];
}

const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "button", "select"]);
/** Elements that end a line. */
const BLOCKS = new Set([
  "div",
  "li",
  "dt",
  "dd",
  "tr",
  "section",
  "article",
  "header",
  "footer",
  "aside",
  "figure",
  "figcaption",
  "hr",
]);
/** Elements that end a paragraph (a blank line in multiline text). */
const PARAGRAPHS = new Set([
  "p",
  "blockquote",
  "pre",
  "ul",
  "ol",
  "dl",
  "table",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
]);
const LINE = "\u0001";
const PARAGRAPH = "\u0002";

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]/g;
const SPACES_RE = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/** Visible text of a node on one line: whitespace (newlines included) collapsed to single spaces. */
export function nodeText(node: TextNode): string {
  const out: string[] = [];
  collect(node, out, false);
  return collapseWhitespace(out.join(""));
}

/** Visible text keeping line structure: `<br>` and block boundaries become newlines, blank lines squeezed. */
export function nodeMultilineText(node: TextNode): string {
  const out: string[] = [];
  collect(node, out, true);
  // A run of block boundaries is one line break, or a blank line when a paragraph ends in it.
  const text = out
    .join("")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the boundary marks are control characters
    .replace(/[ \u0001\u0002]*[\u0001\u0002][ \u0001\u0002]*/g, (run) =>
      run.includes(PARAGRAPH) ? "\n\n" : "\n",
    );
  return tidyLines(text);
}

function collect(node: TextNode, out: string[], lines: boolean, pre = false): void {
  if (node.type === "text") {
    // HTML rules: source line breaks are spaces, except inside <pre>.
    const data = node.data ?? "";
    if (!lines) out.push(data);
    else {
      const clean = data.replace(CONTROL_RE, ""); // our boundary marks are control characters
      out.push(pre ? clean : clean.replace(/[\t\n\r\f ]+/g, " "));
    }
    return;
  }
  if (node.type === "comment" || (node.name !== undefined && SKIPPED.has(node.name))) return;
  if (node.type === "cdata") {
    for (const child of node.children ?? []) collect(child, out, lines, pre);
    return;
  }
  const name = node.name;
  if (lines && name === "br") {
    out.push("\n");
    return;
  }
  const boundary =
    name === undefined ? undefined : PARAGRAPHS.has(name) ? PARAGRAPH : BLOCKS.has(name) ? LINE : undefined;
  const mark = boundary === undefined ? undefined : lines ? boundary : " ";
  if (mark) out.push(mark);
  const inPre = pre || name === "pre" || name === "textarea";
  for (const child of node.children ?? []) collect(child, out, lines, inPre);
  if (mark) out.push(mark);
  else if (!lines && name === "br") out.push(" ");
}

/** One line: control characters dropped, every whitespace run -> one space, trimmed. */
export function collapseWhitespace(s: string): string {
  return s.replace(CONTROL_RE, "").replace(/\s+/g, " ").trim();
}

/** Several lines from markup (an attribute, a JSON field): `<br>` tags -> newline, then `tidyLines`. */
export function cleanMultiline(s: string): string {
  return tidyLines(s.replace(/<br\s*\/?>/gi, "\n"));
}

/** Several lines: control characters dropped, spaces collapsed per line, at most one blank line. */
export function tidyLines(s: string): string {
  return s
    .replace(CONTROL_RE, "")
    .replace(/\r\n?/g, "\n")
    .replace(SPACES_RE, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const MARKER_RE =
  /\s*(?:\.{3}|…)?\s*[([]?\s*(?:читать\s+(?:далее|дальше|полностью|весь\s+отзыв|отзыв\s+полностью|ещё|еще)|показать\s+(?:полностью|весь\s+текст|ещё|еще)|развернуть|подробнее|прочети\s+(?:още|повече)|виж\s+още|read\s+(?:more|the\s+full\s+review|full\s+review)|see\s+more|show\s+more|continue\s+reading)\s*[)\]]?\s*(?:»|›|→|>>|>)?\s*$/i;
const ELLIPSIS_MORE_RE = /\s*(?:\.{3}|…)\s*(?:ещё|еще|more|още)\s*$/i;
const ELLIPSIS_RE = /\s*(?:\.{3}|…)\s*$/;
const TAIL = 120;

export interface Untruncated {
  text: string;
  /** A marker was found: the text is a teaser and the item's own page holds the full text. */
  truncated: boolean;
}

/**
 * Strip a trailing truncation marker: "читать далее", "Читать весь отзыв", "read more", "… ещё",
 * or a bare trailing "…"/"...". Flags the text as truncated so the crawler may follow the item's page.
 */
export function stripTruncation(text: string): Untruncated {
  // Markers sit at the very end: looking at the tail only keeps the cost flat on long texts.
  const offset = Math.max(0, text.length - TAIL);
  const tail = text.slice(offset);
  for (const re of [MARKER_RE, ELLIPSIS_MORE_RE, ELLIPSIS_RE]) {
    const m = re.exec(tail);
    if (m) return { text: text.slice(0, offset + m.index).trimEnd(), truncated: true };
  }
  return { text, truncated: false };
}
