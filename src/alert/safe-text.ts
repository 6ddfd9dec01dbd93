/**
 * Scraped text is hostile. These helpers make it inert for the place it is shown.
 */

/** Zero-width, bidi controls and other invisible format characters. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** C0/C1 control characters except tab and newline (ANSI escapes start with \x1b). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** For terminals and logs: no escape sequences, no invisible reordering. */
export function plainText(s: string): string {
  return s.replace(CONTROL, "").replace(INVISIBLE, "");
}

/** Shorten to at most `max` characters at a word boundary, never inside a surrogate pair, adding "…". */
export function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  let cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
