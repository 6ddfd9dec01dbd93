/**
 * The digest roll-up's data model (no I/O; rollup.ts stores it): what one stored version of a mention
 * contributes to its brand's digest, and how contributions add up.
 *
 * A contribution lives in one brand × UTC day × 15-minute slot: a cell (platform, kind, label, rating
 * value → count), the complaint / employer-cons terms of its reasons, and — for a negative — a compact
 * entry (risk flags, rating, likes, at, answered) from which the top negatives and the unanswered ones
 * are chosen without reading mentions. Week bounds are local midnights of a configured zone, which are
 * multiples of 15 minutes in UTC for every zone in use today (the reader falls back to scanning
 * otherwise), so slots are tz-independent and assign to weeks exactly.
 *
 * Cells are keyed by the rating VALUE (a handful per platform), so counts are integers and subtracting
 * a version's contribution is exact; the rating sum is computed at read time, like the scan did.
 *
 * Negative entries form a last-writer-wins map per day keyed by mention id, ordered by the version
 * that wrote them: `[id, version, entry | null]` (null: as of that version the mention is no longer a
 * negative of this day). So deltas can be folded in any order (an edit that moves a review to another
 * day and back included), and counts are plain sums: folding is commutative.
 *
 * Scraped strings (terms, ids) are only ever array VALUES, never BSON keys (mention-codec.ts).
 */
import type { ScoredMention } from "../../domain/mention.js";
import { NON_PHRASE_NOTES } from "../digest-port.js";

export const SLOT_MS = 15 * 60_000;
export const DAY_MS = 86_400_000;

/** [risk flags, rating | null, likes | null, at (ms), answered 0 | 1] */
export type NegEntry = [number, number | null, number | null, number, 0 | 1];
/** Mention id, version, entry | null. (Objects: FerretDB 1.24 refuses arrays nested in arrays.) */
export interface NegOp {
  id: string;
  v: number;
  e: NegEntry | null;
}
/** Platform, kind, label, rating | null, count. */
export interface CellRow {
  p: string;
  k: string;
  l: string;
  r: number | null;
  n: number;
}
/** Term (as written), count. */
export interface TermRow {
  t: string;
  n: number;
}

/** One 15-minute slot of a day: `i` = 0..95 from 00:00 UTC. */
export interface SlotPart {
  i: number;
  c: CellRow[];
  /** complaint terms (reasons of negatives) */
  t: TermRow[];
  /** employer cons (reasons of employer-kind mentions) */
  e: TermRow[];
}

/** What a delta or a state holds for one brand × day. */
export interface Parts {
  s: SlotPart[];
  g: NegOp[];
}

/** What one version of a mention adds (stored in edit records: what the next edit subtracts). */
export interface Contribution {
  brandId: string;
  day: string;
  slot: number;
  cell: [string, string, string, number | null];
  complaints: string[];
  cons: string[];
  neg: NegEntry | null;
}

/** The stored fields a contribution reads (MentionDoc's typed fields). */
export interface ContributionFields {
  brandId: string;
  platform: string;
  kind: string;
  label: string;
  at: Date;
}

export const dayOf = (ms: number): string =>
  new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

const finite = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The terms of a mention's negative reasons that the digest counts (digest-port.ts table). */
export function reasonTerms(m: ScoredMention): string[] {
  const out: string[] = [];
  for (const r of Array.isArray(m.analysis?.reasons) ? m.analysis.reasons : []) {
    if (typeof r?.term !== "string" || typeof r.weight !== "number" || !(r.weight < 0)) continue;
    if (r.field === "rating" || (NON_PHRASE_NOTES as readonly unknown[]).includes(r.note)) continue;
    out.push(r.term);
  }
  return out;
}

export function contributionOf(d: ContributionFields, m: ScoredMention): Contribution {
  const at = d.at.getTime();
  const day = dayOf(at);
  const terms = reasonTerms(m);
  const negative = d.label === "negative";
  return {
    brandId: d.brandId,
    day,
    slot: Math.floor((at - dayStart(day)) / SLOT_MS),
    cell: [d.platform, d.kind, d.label, finite(m.rating)],
    complaints: negative ? terms : [],
    cons: d.kind === "employer" ? terms : [],
    neg: negative
      ? [
          Array.isArray(m.analysis?.risks) ? m.analysis.risks.length : 0,
          finite(m.rating),
          finite(m.likes),
          at,
          m.reply === undefined || m.reply === null ? 0 : 1,
        ]
      : null,
  };
}

interface Slot {
  c: Map<string, CellRow>;
  t: Map<string, number>;
  e: Map<string, number>;
}

/** Parts being added up (one brand × day). */
export class Acc {
  readonly slots = new Map<number, Slot>();
  readonly neg = new Map<string, [number, NegEntry | null]>();

  private slot(i: number): Slot {
    let s = this.slots.get(i);
    if (!s) {
      s = { c: new Map(), t: new Map(), e: new Map() };
      this.slots.set(i, s);
    }
    return s;
  }

  private cell(i: number, p: string, k: string, l: string, r: number | null, n: number) {
    const s = this.slot(i);
    const key = JSON.stringify([p, k, l, r]);
    const row = s.c.get(key);
    if (row) row.n += n;
    else s.c.set(key, { p, k, l, r, n });
  }

  private static term(map: Map<string, number>, term: string, n: number) {
    map.set(term, (map.get(term) ?? 0) + n);
  }

  negOp(id: string, version: number, entry: NegEntry | null): void {
    const cur = this.neg.get(id);
    if (cur && cur[0] >= version) return;
    this.neg.set(id, [version, entry]);
  }

  /** Add (sign 1) or subtract (sign -1) a contribution's counts (not its negative entry). */
  counts(x: Contribution, sign: 1 | -1): void {
    this.cell(x.slot, x.cell[0], x.cell[1], x.cell[2], x.cell[3], sign);
    const s = this.slot(x.slot);
    for (const t of x.complaints) Acc.term(s.t, t, sign);
    for (const t of x.cons) Acc.term(s.e, t, sign);
  }

  add(p: Pick<Parts, "s"> & { g?: NegOp[] }): void {
    for (const part of p.s) {
      for (const x of part.c) this.cell(part.i, x.p, x.k, x.l, x.r, x.n);
      const s = this.slot(part.i);
      for (const x of part.t) Acc.term(s.t, x.t, x.n);
      for (const x of part.e) Acc.term(s.e, x.t, x.n);
    }
    for (const x of p.g ?? []) this.negOp(x.id, x.v, x.e);
  }

  parts(): Parts {
    const s: SlotPart[] = [];
    for (const i of [...this.slots.keys()].sort((a, b) => a - b)) {
      const slot = this.slots.get(i)!;
      const part: SlotPart = {
        i,
        c: [...slot.c.values()].filter((r) => r.n !== 0),
        t: [...slot.t].filter(([, n]) => n !== 0).map(([t, n]) => ({ t, n })),
        e: [...slot.e].filter(([, n]) => n !== 0).map(([t, n]) => ({ t, n })),
      };
      if (part.c.length + part.t.length + part.e.length > 0) s.push(part);
    }
    return { s, g: [...this.neg].map(([id, [v, e]]) => ({ id, v, e })) };
  }
}

/** The deltas of one writer (a round, an import, a back-fill), per brand × day. */
export class DeltaBuilder {
  readonly days = new Map<string, { brandId: string; day: string; acc: Acc }>();

  private at(brandId: string, day: string): Acc {
    const key = JSON.stringify([brandId, day]);
    let d = this.days.get(key);
    if (!d) {
      d = { brandId, day, acc: new Acc() };
      this.days.set(key, d);
    }
    return d.acc;
  }

  /** Version `version` of mention `id` now counts as `next`, instead of `prev` (none: it is new). */
  change(id: string, version: number, prev: Contribution | null, next: Contribution): void {
    if (prev) {
      const acc = this.at(prev.brandId, prev.day);
      acc.counts(prev, -1);
      if (prev.neg && !(next.neg && prev.day === next.day && prev.brandId === next.brandId))
        acc.negOp(id, version, null);
    }
    const acc = this.at(next.brandId, next.day);
    acc.counts(next, 1);
    if (next.neg) acc.negOp(id, version, next.neg);
  }
}
