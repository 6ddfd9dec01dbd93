/**
 * Field coverage against the usual: a field most items used to have (rating on 98% of reviews) that
 * is now mostly missing means the site changed under one selector/path while the rest still works.
 * crawlTarget then reports `degraded` instead of `ok`, naming the fields. Pure.
 *
 * A field counts as dropped when all hold:
 * - it was usual: present on at least `minUsual` of the items (default 0.5);
 * - it fell to less than `ratio` of that share (default 0.5: 0.98 → under 0.49);
 * - the run read at least `minItems` items (default 5), so a few odd reviews are not a trend.
 * Fields absent from `usual` (never measured) are ignored; so is an empty `current` (0 items is
 * the broken check's business, not this one's). `reply` and `likes` are never compared: they grow
 * with a review's age, and an incremental run reads mostly fresh reviews nobody answered or liked yet.
 */
/** Fields whose share depends on how old the reviews read are, not on the markup. */
const AGE_DEPENDENT = new Set(["reply", "likes"]);

export interface CoverageDropOptions {
  /** @default 0.5 */
  minUsual?: number;
  /** @default 0.5 */
  ratio?: number;
  /** @default 5 */
  minItems?: number;
}

export interface CoverageDrop {
  field: string;
  usual: number;
  now: number;
}

export function coverageDrops(
  usual: Record<string, number> | undefined,
  current: Record<string, number>,
  items: number,
  opts: CoverageDropOptions = {},
): CoverageDrop[] {
  const minUsual = opts.minUsual ?? 0.5;
  const ratio = opts.ratio ?? 0.5;
  if (!usual || items < (opts.minItems ?? 5) || Object.keys(current).length === 0) return [];
  const drops: CoverageDrop[] = [];
  for (const [field, was] of Object.entries(usual)) {
    if (!(was >= minUsual) || AGE_DEPENDENT.has(field)) continue;
    const now = current[field] ?? 0;
    if (now < was * ratio) drops.push({ field, usual: was, now });
  }
  return drops;
}

/** "rating 0.98 → 0, text 1 → 0.2" */
export function describeDrops(drops: CoverageDrop[]): string {
  return drops.map((d) => `${d.field} ${d.usual} → ${d.now}`).join(", ");
}
