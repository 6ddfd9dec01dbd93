/**
 * List pages often show a teaser ("…читать далее") of a review whose full version we stored when
 * it was new. A teaser must neither trigger a page fetch on every crawl nor overwrite the stored
 * full review (that would look like an edit and alert again). Pure.
 */
import type { RawMention } from "../domain/mention.js";

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** Fields a list page may leave out that the review's own page had (irecommend shows no pros/cons). */
const FILLED_FROM_STORED = [
  "title",
  "pros",
  "cons",
  "reply",
  "likes",
  "author",
  "publishedAt",
  "subject",
  "language",
] as const satisfies readonly (keyof RawMention)[];

export function isTeaser(item: RawMention): boolean {
  return item.extra?.truncated === true;
}

/** The stored full text still begins with the teaser: the review's text was not edited. */
export function teaserContinues(storedText: string, teaser: string): boolean {
  const t = squash(teaser);
  return t.length > 0 && squash(storedText).startsWith(t);
}

/** Follow a teaser's own page when it is new, or when its text no longer matches what is stored. */
export function shouldFollow(item: RawMention, isNew: boolean, stored: RawMention | undefined): boolean {
  if (!isTeaser(item)) return false;
  return isNew || stored === undefined || !teaserContinues(stored.text, item.text);
}

/**
 * A teaser of an unedited stored review becomes the stored review updated with what the list does
 * show (a changed rating or a new company reply still count as edits); anything else is returned as is.
 */
export function withStoredFull(item: RawMention, stored: RawMention | undefined): RawMention {
  if (!isTeaser(item) || stored === undefined || !teaserContinues(stored.text, item.text)) return item;
  const { truncated: _dropped, ...extra } = item.extra ?? {};
  const out: RawMention = { ...item, text: stored.text, extra: { ...stored.extra, ...extra } };
  for (const field of FILLED_FROM_STORED) {
    if (out[field] === undefined && stored[field] !== undefined)
      Object.assign(out, { [field]: stored[field] });
  }
  if (out.extra && Object.keys(out.extra).length === 0) out.extra = undefined;
  return out;
}
