/**
 * The digest roll-up's data model (no I/O; rollup.ts stores it): what one stored version of a mention
 * contributes to its brand's digest, and how contributions add up.
 *
 * A contribution lives in one brand × UTC week (the PARTITION, Monday 00:00 UTC) × 15-minute slot
 * (0..671): a cell (platform, kind, label, rating value → count), the complaint / employer-cons terms
 * of its reasons, and — for a negative — a compact entry (risk flags, rating, likes, at, answered) from
 * which the top negatives and the unanswered ones are chosen without reading mentions. Week bounds
 * are local midnights of a configured zone, which are multiples of 15 minutes in UTC for every zone
 * in use today (the reader falls back to scanning otherwise), so slots are tz-independent and assign
 * to the digest's weeks exactly.
 *
 * Cells are keyed by the rating VALUE (a handful per platform), so counts are integers and subtracting
 * a version's contribution is exact; the rating sum is computed at read time, like the scan did.
 * Stored column-wise (one object per cell or term, with parallel slot / count arrays): compact, and
 * FerretDB 1.24 refuses arrays nested directly in arrays.
 *
 * Negative entries form a last-writer-wins map per partition keyed by mention id, ordered by the
 * version that wrote them (`e: null`: as of that version the mention is no longer a negative of this
 * partition). So deltas can be summed in any order (an edit that moves a review to another week and
 * back included): summing is commutative.
 *
 * Scraped strings (terms, ids) are only ever VALUES, never BSON keys (mention-codec.ts).
 */
import type { ScoredMention } from "../../domain/mention.js";
import { NON_PHRASE_NOTES } from "../digest-port.js";

export const SLOT_MS = 15 * 60_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday of the epoch. */
const MONDAY0 = 4 * DAY_MS;

/** The partition (UTC week start, ms) holding instant `ms`. */
export const partitionOf = (ms: number): number => Math.floor((ms - MONDAY0) / WEEK_MS) * WEEK_MS + MONDAY0;

/** [risk flags, rating | null, likes | null, at (ms), answered 0 | 1] */
export type NegEntry = [number, number | null, number | null, number, 0 | 1];
/** Version `v` of mention `id` is (entry) or is not (null) a negative of this partition. */
export interface NegOp {
  id: string;
  v: number;
  e: NegEntry | null;
}
/** One cell's counts: platform, kind, label, rating | null; `n[j]` mentions in slot `s[j]`. */
export interface CellCol {
  p: string;
  k: string;
  l: string;
  r: number | null;
  s: number[];
  n: number[];
}
/** One term's counts per slot. */
export interface TermCol {
  t: string;
  s: number[];
  n: number[];
}
/** The counts part of a delta (one partition). */
export interface Counts {
  c: CellCol[];
  /** complaint terms (reasons of negatives) */
  t: TermCol[];
  /** employer cons (reasons of employer-kind mentions) */
  e: TermCol[];
}

/** What one version of a mention adds (stored in edit records: what the next edit subtracts). */
export interface Contribution {
  brandId: string;
  /** partition start (ms) */
  part: number;
  /** 0..671 within the partition */
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
  const part = partitionOf(at);
  const terms = reasonTerms(m);
  const negative = d.label === "negative";
  return {
    brandId: d.brandId,
    part,
    slot: Math.floor((at - part) / SLOT_MS),
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

const bump = (m: Map<number, number>, slot: number, n: number) => m.set(slot, (m.get(slot) ?? 0) + n);

function columns<T>(entries: Iterable<[T, Map<number, number>]>): { key: T; s: number[]; n: number[] }[] {
  const out: { key: T; s: number[]; n: number[] }[] = [];
  for (const [key, slots] of entries) {
    const s = [...slots.keys()].filter((k) => slots.get(k) !== 0).sort((a, b) => a - b);
    if (s.length > 0) out.push({ key, s, n: s.map((k) => slots.get(k)!) });
  }
  return out;
}

/** Counts being added up (one partition). */
export class CountsAcc {
  readonly cells = new Map<
    string,
    { cell: [string, string, string, number | null]; n: Map<number, number> }
  >();
  readonly t = new Map<string, Map<number, number>>();
  readonly e = new Map<string, Map<number, number>>();

  private cell(cell: [string, string, string, number | null]) {
    const key = JSON.stringify(cell);
    let c = this.cells.get(key);
    if (!c) {
      c = { cell, n: new Map() };
      this.cells.set(key, c);
    }
    return c.n;
  }

  private static term(map: Map<string, Map<number, number>>, term: string) {
    let m = map.get(term);
    if (!m) {
      m = new Map();
      map.set(term, m);
    }
    return m;
  }

  /** Add (sign 1) or subtract (sign -1) a contribution's counts. */
  add(x: Contribution, sign: 1 | -1): void {
    bump(this.cell(x.cell), x.slot, sign);
    for (const t of x.complaints) bump(CountsAcc.term(this.t, t), x.slot, sign);
    for (const t of x.cons) bump(CountsAcc.term(this.e, t), x.slot, sign);
  }

  get empty(): boolean {
    return this.cells.size === 0 && this.t.size === 0 && this.e.size === 0;
  }

  counts(): Counts {
    const terms = (m: Map<string, Map<number, number>>) =>
      columns(m).map(({ key, s, n }) => ({ t: key, s, n }));
    return {
      c: columns(
        [...this.cells.values()].map((c) => [c.cell, c.n] as [typeof c.cell, Map<number, number>]),
      ).map(({ key: [p, k, l, r], s, n }) => ({ p, k, l, r, s, n })),
      t: terms(this.t),
      e: terms(this.e),
    };
  }
}

/** A last-writer-wins map of negative entries (one partition). */
export class NegMap {
  readonly m = new Map<string, { v: number; e: NegEntry | null }>();
  op(id: string, v: number, e: NegEntry | null): void {
    const cur = this.m.get(id);
    if (cur && cur.v >= v) return;
    this.m.set(id, { v, e });
  }
  ops(): NegOp[] {
    return [...this.m].map(([id, { v, e }]) => ({ id, v, e }));
  }
}

/** What a version's payload copy holds: enough to rebuild the StoredMention (mention-codec.ts). */
export interface Payload {
  doc: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  contentHash: string;
  version: number;
}

export interface PartitionDelta {
  brandId: string;
  part: number;
  counts: CountsAcc;
  neg: NegMap;
  /** payload copies of the negative versions written here, by `<id>#v<version>` */
  payloads: Map<string, Payload>;
}

/** The deltas of one writer (a round, a back-fill), per brand × partition. */
export class DeltaBuilder {
  readonly parts = new Map<string, PartitionDelta>();

  at(brandId: string, part: number): PartitionDelta {
    const key = JSON.stringify([brandId, part]);
    let d = this.parts.get(key);
    if (!d) {
      d = { brandId, part, counts: new CountsAcc(), neg: new NegMap(), payloads: new Map() };
      this.parts.set(key, d);
    }
    return d;
  }

  /** Version `version` of mention `id` now counts as `next`, instead of `prev` (none: it is new). */
  change(
    id: string,
    version: number,
    prev: Contribution | null,
    next: Contribution,
    payload: Payload | null,
  ): void {
    if (prev) {
      const d = this.at(prev.brandId, prev.part);
      d.counts.add(prev, -1);
      if (prev.neg && !(next.neg && prev.part === next.part && prev.brandId === next.brandId))
        d.neg.op(id, version, null);
    }
    const d = this.at(next.brandId, next.part);
    d.counts.add(next, 1);
    if (next.neg) {
      d.neg.op(id, version, next.neg);
      if (payload) d.payloads.set(`${id}#v${version}`, payload);
    }
  }
}
