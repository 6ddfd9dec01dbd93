/**
 * Scraped text is hostile. These helpers make it inert for the place it is shown.
 */

/** Zero-width, bidi controls and other invisible format characters. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** C0/C1 control characters except tab and newline (ANSI escapes start with \x1b). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** For terminals and logs: no escape sequences, no invisible reordering. */
export function plainText(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(INVISIBLE, "");
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The user-perceived characters of `s` (an emoji with modifiers is one). */
export function graphemesOf(s: string): string[] {
  return Array.from(graphemes.segment(s), (g) => g.segment);
}

/**
 * Shorten to at most `max` UTF-16 units, adding "…": at a word boundary when one is near the end, never
 * inside a surrogate pair or an emoji sequence.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = "";
  for (const g of graphemesOf(s)) {
    if (cut.length + g.length > max - 1) break;
    cut += g;
  }
  const space = cut.lastIndexOf(" ");
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
