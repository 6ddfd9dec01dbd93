/**
 * Finds a compiled brand in text: whole words only (a short name inside a longer word never matches),
 * joined across hyphens/spaces/quotes, with typo tolerance for long names, then exclusions, boolean
 * (all / none) and proximity (context, near) rules. Pure.
 */
import type { Brand } from "../config/brands.js";
import type { BrandMatch, RawMention } from "../domain/mention.js";
import { type BrandMatcher, compileBrandMatcher, stemAny } from "./compile.js";
import { editDistance, joinableGap, type WordToken, wordTokens } from "./normalize.js";

interface Occurrence {
  alias: string;
  first: number;
  last: number;
}

const SNIPPET_RADIUS = 90;

function occurrences(m: BrandMatcher, text: string, toks: WordToken[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (let i = 0; i < toks.length; i++) {
    let joined = "";
    let found: Occurrence | undefined;
    for (let k = i; k < Math.min(toks.length, i + m.maxWords + 1); k++) {
      if (k > i && !joinableGap(text.slice(toks[k - 1]!.end, toks[k]!.start))) break;
      joined += toks[k]!.n;
      const alias = m.keys.get(joined);
      if (alias !== undefined) found = { alias, first: i, last: k };
    }
    if (!found && m.fuzzy.length > 0) {
      const w = toks[i]!.n;
      if (w.length >= 6) {
        for (const f of m.fuzzy) {
          if (f.form[0] !== w[0] || Math.abs(f.form.length - w.length) > f.maxDistance) continue;
          if (editDistance(w, f.form, f.maxDistance) <= f.maxDistance) {
            found = { alias: f.alias, first: i, last: i };
            break;
          }
        }
      }
    }
    if (found) {
      out.push(found);
      i = found.last;
    }
  }
  return out;
}

function findStems(stems: string[], phrase: string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + phrase.length <= stems.length; i++) {
    if (phrase.every((p, k) => stems[i + k] === p)) at.push(i);
  }
  return at;
}

function snippetOf(text: string, start: number, end: number): string {
  let from = Math.max(0, start - SNIPPET_RADIUS);
  let to = Math.min(text.length, end + SNIPPET_RADIUS);
  if (from > 0) {
    const sp = text.indexOf(" ", from);
    if (sp !== -1 && sp < start) from = sp + 1;
  }
  if (to < text.length) {
    const sp = text.lastIndexOf(" ", to);
    if (sp > end) to = sp;
  }
  const body = text.slice(from, to).replace(/\s+/g, " ").trim();
  return `${from > 0 ? "…" : ""}${body}${to < text.length ? "…" : ""}`;
}

function near(positions: number[], occ: Occurrence, within: number): boolean {
  return positions.some((p) => p >= occ.first - within && p <= occ.last + within);
}

/** Every accepted occurrence of the brand in `text`, in order. */
export function findBrandMatches(m: BrandMatcher, text: string): BrandMatch[] {
  if (!text) return [];
  const toks = wordTokens(text);
  let occs = occurrences(m, text, toks);
  if (occs.length === 0) return [];
  const needsStems =
    m.exclusions.length + m.context.length + m.all.length + m.none.length + m.near.length > 0;
  if (needsStems) {
    const stems = toks.map((t) => stemAny(t.n));
    if (m.none.some((p) => findStems(stems, p).length > 0)) return [];
    if (!m.all.every((p) => findStems(stems, p).length > 0)) return [];
    for (const ex of m.exclusions) {
      const at = findStems(stems, ex.stems);
      if (at.length === 0) continue;
      occs = occs.filter((o) =>
        ex.hasName
          ? !at.some((a) => a <= o.last && a + ex.stems.length - 1 >= o.first)
          : !near(at, o, m.contextWindow),
      );
    }
    if (m.context.length > 0) {
      const pos = m.context.flatMap((p) => findStems(stems, p));
      occs = occs.filter((o) => near(pos, o, m.contextWindow));
    }
    for (const rule of m.near) {
      const pos = rule.terms.flatMap((p) => findStems(stems, p));
      occs = occs.filter((o) => near(pos, o, rule.within));
    }
  }
  return occs.map((o) => {
    const start = toks[o.first]!.start;
    const end = toks[o.last]!.end;
    return { alias: o.alias, start, end, snippet: snippetOf(text, start, end) };
  });
}

/** The first accepted occurrence of the brand in `text`. */
export function matchBrand(m: BrandMatcher, text: string): BrandMatch | undefined {
  return findBrandMatches(m, text)[0];
}

export type MatchField = "title" | "text" | "pros" | "cons";

/** Matches title, text, pros and cons in that order; offsets are within the field named. */
export function matchFields(
  m: BrandMatcher,
  item: Partial<Record<MatchField, string | undefined>>,
): (BrandMatch & { field: MatchField }) | undefined {
  for (const field of ["title", "text", "pros", "cons"] as const) {
    const v = item[field];
    const hit = v ? matchBrand(m, v) : undefined;
    if (hit) return { ...hit, field };
  }
  return undefined;
}

/**
 * The pipeline's `MatchBrand` port: `(brand, raw) → BrandMatch | undefined`, compiling each brand once.
 * The match's offsets refer to the field it was found in (text first, then title, pros, cons).
 */
export function createBrandMatchFn(): (
  brand: Brand,
  m: Pick<RawMention, "title" | "text" | "pros" | "cons">,
) => BrandMatch | undefined {
  const cache = new Map<Brand, BrandMatcher>();
  return (brand, raw) => {
    let matcher = cache.get(brand);
    if (!matcher) {
      matcher = compileBrandMatcher(brand);
      cache.set(brand, matcher);
    }
    for (const v of [raw.text, raw.title, raw.pros, raw.cons]) {
      const hit = v ? matchBrand(matcher, v) : undefined;
      if (hit) return hit;
    }
    return undefined;
  };
}
