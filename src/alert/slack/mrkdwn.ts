/**
 * Slack mrkdwn from hostile text. Slack reads `<…>` as links and mentions (`<!channel>`,
 * `<@U1>`, `<!subteam^S1>`) and `&…;` as entities, so scraped text is cleaned (no control, zero-width
 * or bidi characters) and escaped (`&` `<` `>`), and every cut keeps Slack's limits without splitting an
 * entity, a link, a surrogate pair or an emoji.
 */
import { graphemesOf, plainText } from "../safe-text.js";

export function escapeSlack(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Ranges [start, end) of words starting with one of `terms` (case-insensitive, ё = е), whole word. */
export function highlightRanges(text: string, terms: readonly string[]): [number, number][] {
  const alts = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length >= 2))]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[её]/gi, "[её]"));
  if (alts.length === 0) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})[\\p{L}\\p{N}]*`, "giu");
  return Array.from(text.matchAll(re), (m) => [m.index, m.index + m[0].length] as [number, number]);
}

interface Unit {
  out: string;
  bold: boolean;
  space: boolean;
}

export interface ScrapedOptions {
  /** Most UTF-16 units of the result. */
  max: number;
  /** Words to set in bold (the brand's names). */
  highlight?: readonly string[];
  /** Collapse all whitespace to single spaces. */
  singleLine?: boolean;
}

function render(units: readonly Unit[]): string {
  let out = "";
  let inBold = false;
  for (const u of units) {
    if (u.bold !== inBold) {
      out += "*";
      inBold = u.bold;
    }
    out += u.out;
  }
  return inBold ? `${out}*` : out;
}

/** Scraped text as safe mrkdwn of at most `max` units, cut with "…" at a safe boundary. */
export function scrapedMrkdwn(raw: string, opts: ScrapedOptions): string {
  let text = plainText(raw);
  text = opts.singleLine ? text.replace(/\s+/g, " ").trim() : text.replace(/\n{3,}/g, "\n\n").trim();
  const ranges = highlightRanges(text, opts.highlight ?? []);
  const units: Unit[] = [];
  let at = 0;
  for (const g of graphemesOf(text)) {
    const bold = ranges.some(([s, e]) => at >= s && at < e);
    units.push({ out: escapeSlack(g), bold, space: /^\s+$/.test(g) });
    at += g.length;
  }
  const full = render(units);
  if (full.length <= opts.max) return full;
  // Longest prefix whose rendering (with a closing "*" and "…") fits.
  const budget = opts.max - 2;
  let cost = 0;
  let cut = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const opens = u.bold && !(i > 0 && units[i - 1]!.bold) ? 2 : 0;
    if (cost + u.out.length + opens > budget) break;
    cost += u.out.length + opens;
    cut = i + 1;
  }
  let space = -1;
  for (let i = cut - 1; i >= Math.floor(cut * 0.8); i--) {
    if (units[i]!.space) {
      space = i;
      break;
    }
  }
  if (space > 0) cut = space;
  return `${render(units.slice(0, cut)).trimEnd()}…`;
}

/**
 * Cut assembled mrkdwn (our markup around escaped pieces) to `max` units: never inside an entity
 * (`&amp;`), a link or mention (`<…>`), a surrogate pair or an emoji sequence.
 */
export function limitMrkdwn(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = "";
  for (const g of graphemesOf(s)) {
    if (out.length + g.length > max - 1) break;
    out += g;
  }
  const amp = out.lastIndexOf("&");
  if (amp >= 0 && out.indexOf(";", amp) < 0) out = out.slice(0, amp);
  const lt = out.lastIndexOf("<");
  if (lt >= 0 && out.indexOf(">", lt) < 0) out = out.slice(0, lt);
  return `${out.trimEnd()}…`;
}

/** Plain text (header, button) cut to `max` units at a grapheme boundary. */
export function limitPlain(s: string, max: number): string {
  const clean = plainText(s).replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  let out = "";
  for (const g of graphemesOf(clean)) {
    if (out.length + g.length > max - 1) break;
    out += g;
  }
  return `${out.trimEnd()}…`;
}

/** A link Slack cannot misread: http(s) only, `|` and angle brackets encoded, label escaped. */
export function slackLink(url: string, label: string): string {
  let href: string;
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return escapeSlack(label);
    href = u.href;
  } catch {
    return escapeSlack(label);
  }
  href = href.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/&/g, "&amp;");
  return `<${href}|${escapeSlack(label)}>`;
}
