/**
 * The weekly digest on the MongoDB store (see ../digest-port.ts for what each part means; every ordering
 * there is reproduced exactly here). Written for MongoDB and FerretDB 1.24 alike — and for FerretDB
 * 1.24's limits: it uses an index only for a bare `_id` equality, so any other filter reads the whole
 * collection (~80 µs per stored mention).
 *
 * - From the roll-ups (rollup.ts), the normal path: the brand's delta collections of the weeks shown
 *   (one per UTC week, 14 for 13 weeks) are read whole; their 15-minute slots are assigned to the
 *   query's weeks, cells summed per platform × kind × label, the terms of the last two weeks
 *   tallied; the top negatives / unanswered are chosen from the compact entries of the one or two
 *   partitions the last week overlaps, and only those K are read, from their payload copies by `_id`.
 *   The mentions collection is not read at all; the cost follows the brand's weeks, not the store.
 * - By scanning mentions (`scanFacts`), the fallback while the roll-ups are not ready (a back-fill
 *   runs) or when a bound is not on the 15-minute grid (no time zone in use today does that): cells by
 *   one aggregation pipeline per week, and the lists by STREAMING the week's negatives / employer
 *   mentions (the analysis lives inside the mention's JSON string, mention-codec.ts) into bounded top
 *   lists and a term tally. Exact too, but a full collection scan per query on FerretDB.
 * - publication records: digest-records.ts.
 */
import type { Db, Filter } from "mongodb";
import type { MentionKind, SentimentLabel, StoredMention } from "../../domain/mention.js";
import {
  type DigestFacts,
  type DigestFactsQuery,
  factsWithCellsOnly,
  NON_PHRASE_NOTES,
  rankTerms,
  type VolumeCell,
} from "../digest-port.js";
import { incidentsOf } from "./digest-incidents.js";
import { digestRecords } from "./digest-records.js";
import { fromMentionDoc, instant, MENTION_PROJECTION, type MentionDoc } from "./mention-codec.js";
import { parallel, readPartitions, readPayload, readyGeneration } from "./rollup.js";
import { partitionOf, SLOT_MS, WEEK_MS } from "./rollup-model.js";
import type { Collections } from "./schema.js";

const BATCH = 2_000;

const str = (name: string, v: unknown): string => {
  if (typeof v !== "string") throw new TypeError(`${name} must be a string, got ${typeof v}`);
  return v;
};

function bound(v: string): Date {
  const d = instant(str("bound", v));
  if (!d) throw new RangeError(`digestFacts: bounds must be ISO instants, got ${JSON.stringify(v)}`);
  return d;
}

interface Ranked {
  m: StoredMention;
  at: number;
}

/** Keeps the `limit` first items under `before` (a bounded, sorted selection). */
function topList(limit: number, before: (a: Ranked, b: Ranked) => number) {
  const items: Ranked[] = [];
  return {
    offer(x: Ranked) {
      if (limit <= 0) return;
      if (items.length === limit && before(x, items[items.length - 1]!) >= 0) return;
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(items[mid]!, x) <= 0) lo = mid + 1;
        else hi = mid;
      }
      items.splice(lo, 0, x);
      if (items.length > limit) items.pop();
    },
    list: () => items.map((x) => x.m),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Cells in the SQL adapter's order: week, platform, kind, label. */
const byCell = (a: VolumeCell, b: VolumeCell) =>
  a.week - b.week || cmp(a.platform, b.platform) || cmp(a.kind, b.kind) || cmp(a.label, b.label);
const byId = (a: Ranked, b: Ranked) => (a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0);
const num = (v: unknown, dflt: number) => (typeof v === "number" && Number.isFinite(v) ? v : dflt);
/** Severity: most risk flags, lowest rating (none = 3), most likes (none = 0), newest, id. */
const severity = (a: Ranked, b: Ranked) =>
  (Array.isArray(b.m.analysis.risks) ? b.m.analysis.risks.length : 0) -
    (Array.isArray(a.m.analysis.risks) ? a.m.analysis.risks.length : 0) ||
  num(a.m.rating, 3) - num(b.m.rating, 3) ||
  num(b.m.likes, 0) - num(a.m.likes, 0) ||
  b.at - a.at ||
  byId(a, b);
const oldest = (a: Ranked, b: Ranked) => a.at - b.at || byId(a, b);

type Tally = Map<string, number>;
function tallyReasons(m: StoredMention, tally: Tally) {
  for (const r of Array.isArray(m.analysis.reasons) ? m.analysis.reasons : []) {
    if (typeof r?.term !== "string" || typeof r.weight !== "number" || !(r.weight < 0)) continue;
    if (r.field === "rating" || (NON_PHRASE_NOTES as readonly unknown[]).includes(r.note)) continue;
    tally.set(r.term, (tally.get(r.term) ?? 0) + 1);
  }
}
function* termRows(tallies: [Tally, Tally]) {
  for (const week of [0, 1] as const) for (const [term, count] of tallies[week]) yield { term, week, count };
}

export function digestOps(c: Collections, db: Db) {
  async function cellsOf(brandId: string, bounds: Date[]): Promise<VolumeCell[]> {
    const cells: VolumeCell[] = [];
    for (let week = 0; week + 1 < bounds.length; week++) {
      const groups = await c.mentions
        .aggregate<{ _id: { p: string; k: string; l: string; r: number | null }; n: number }>([
          { $match: { brandId: { $eq: brandId }, at: { $gte: bounds[week]!, $lt: bounds[week + 1]! } } },
          { $group: { _id: { p: "$platform", k: "$kind", l: "$label", r: "$rating" }, n: { $sum: 1 } } },
        ])
        .toArray();
      const byKey = new Map<string, VolumeCell>();
      for (const g of groups) {
        const key = JSON.stringify([g._id.p, g._id.k, g._id.l]);
        const cell = byKey.get(key) ?? {
          week,
          platform: g._id.p,
          kind: g._id.k as MentionKind,
          label: g._id.l as SentimentLabel,
          count: 0,
          rated: 0,
          ratingSum: 0,
        };
        cell.count += g.n;
        if (typeof g._id.r === "number") {
          cell.rated += g.n;
          cell.ratingSum += g._id.r * g.n;
        }
        byKey.set(key, cell);
      }
      cells.push(...[...byKey.values()].sort(byCell));
    }
    return cells;
  }

  /** Stream the mentions matching `filter`, newest first, calling `each` with the parsed mention. */
  async function stream(filter: Filter<MentionDoc>, each: (m: StoredMention, at: number) => void) {
    const cursor = c.mentions.find(filter, {
      projection: { ...MENTION_PROJECTION, at: 1 },
      batchSize: BATCH,
    });
    for await (const d of cursor) each(fromMentionDoc(d), d.at.getTime());
  }

  /** The pre-roll-up way: aggregate and stream mentions (bounds off the 15-minute grid, or no roll-ups yet). */
  async function scanFacts(q: DigestFactsQuery): Promise<DigestFacts> {
    if (q.bounds.length < 2)
      throw new RangeError("digestFacts: bounds needs at least two instants (one week)");
    const brandId = str("brandId", q.brandId);
    const bounds = q.bounds.map(bound);
    const cells = await cellsOf(brandId, bounds);
    const out = factsWithCellsOnly(cells);
    if (!q.detail) return out;
    const weeks = bounds.length - 1;
    const from = bounds[weeks - 1]!;
    const to = bounds[weeks]!;
    const prev = bounds[Math.max(0, weeks - 2)]!;
    const top = topList(q.detail.top, severity);
    const unanswered = topList(q.detail.unanswered, oldest);
    const complaints: [Tally, Tally] = [new Map(), new Map()];
    let total = 0;
    const brand = { $eq: brandId };
    await stream({ brandId: brand, label: { $eq: "negative" }, at: { $gte: prev, $lt: to } }, (m, at) => {
      const last = at >= from.getTime();
      tallyReasons(m, complaints[last ? 1 : 0]);
      if (!last) return;
      top.offer({ m, at });
      if (m.reply === undefined || m.reply === null) {
        total++;
        unanswered.offer({ m, at });
      }
    });
    const employer: [Tally, Tally] = [new Map(), new Map()];
    await stream({ brandId: brand, kind: { $eq: "employer" }, at: { $gte: prev, $lt: to } }, (m, at) =>
      tallyReasons(m, employer[at >= from.getTime() ? 1 : 0]),
    );
    return {
      cells,
      topNegatives: top.list(),
      unanswered: { total, oldest: unanswered.list() },
      complaints: rankTerms(termRows(complaints), q.detail.terms),
      employerCons: rankTerms(termRows(employer), q.detail.terms),
      incidents: await incidentsOf(c, brandId, from, to),
    };
  }

  /** From the roll-ups (rollup.ts): the brand's week partitions, then the K chosen payloads by `_id`. */
  async function rollupFacts(q: DigestFactsQuery, gen: string, bounds: Date[]): Promise<DigestFacts> {
    const brandId = q.brandId;
    const weeks = bounds.length - 1;
    const b = bounds.map((d) => d.getTime());
    const from = b[weeks - 1]!;
    const to = b[weeks]!;
    const prev = b[Math.max(0, weeks - 2)]!;
    const weekOf = (t: number) => {
      if (t < b[0]! || t >= to) return -1;
      let w = 0;
      while (t >= b[w + 1]!) w++;
      return w;
    };
    const parts: number[] = [];
    for (let p = partitionOf(b[0]!); p < to; p += WEEK_MS) parts.push(p);
    const negParts = q.detail ? parts.filter((p) => p + WEEK_MS > from) : [];

    const cellMap = new Map<string, VolumeCell>();
    const complaints: [Tally, Tally] = [new Map(), new Map()];
    const employer: [Tally, Tally] = [new Map(), new Map()];
    const tally = (
      tallies: [Tally, Tally],
      cols: { t: string; s: number[]; n: number[] }[],
      part: number,
    ) => {
      for (const col of cols)
        for (let j = 0; j < col.s.length; j++) {
          const t = part + col.s[j]! * SLOT_MS;
          if (t < prev || t >= to) continue;
          const w = t >= from ? 1 : 0;
          tallies[w].set(col.t, (tallies[w].get(col.t) ?? 0) + col.n[j]!);
        }
    };
    const { negatives } = await readPartitions(c.db, gen, brandId, parts, negParts, (part, d) => {
      for (const col of d.c)
        for (let j = 0; j < col.s.length; j++) {
          const week = weekOf(part + col.s[j]! * SLOT_MS);
          const n = col.n[j]!;
          if (week < 0 || n === 0) continue;
          const key = JSON.stringify([week, col.p, col.k, col.l]);
          let cell = cellMap.get(key);
          if (!cell) {
            cell = {
              week,
              platform: col.p,
              kind: col.k as MentionKind,
              label: col.l as SentimentLabel,
              count: 0,
              rated: 0,
              ratingSum: 0,
            };
            cellMap.set(key, cell);
          }
          cell.count += n;
          if (col.r !== null) {
            cell.rated += n;
            cell.ratingSum += col.r * n;
          }
        }
      if (!q.detail) return;
      tally(complaints, d.t, part);
      tally(employer, d.e, part);
    });
    const cells = [...cellMap.values()].filter((x) => x.count !== 0).sort(byCell);
    const out = factsWithCellsOnly(cells);
    if (!q.detail) return out;
    const week = negatives.filter((x) => x.e[3] >= from && x.e[3] < to);
    const byId = (x: { id: string }, y: { id: string }) => cmp(x.id, y.id);
    const top = [...week]
      .sort(
        (x, y) =>
          y.e[0] - x.e[0] ||
          (x.e[1] ?? 3) - (y.e[1] ?? 3) ||
          (y.e[2] ?? 0) - (x.e[2] ?? 0) ||
          y.e[3] - x.e[3] ||
          byId(x, y),
      )
      .slice(0, Math.max(0, q.detail.top));
    const open = week.filter((x) => x.e[4] === 0);
    const oldestOpen = [...open]
      .sort((x, y) => x.e[3] - y.e[3] || byId(x, y))
      .slice(0, Math.max(0, q.detail.unanswered));
    const docs = new Map<string, StoredMention>();
    await parallel([...new Map([...top, ...oldestOpen].map((x) => [x.id, x])).values()], async (x) => {
      const p = await readPayload(c.db, gen, brandId, x);
      if (!p) return;
      docs.set(x.id, fromMentionDoc(p)); // lastSeenAt: when this version was stored (rollup.ts)
    });
    const list = (xs: { id: string }[]) => xs.flatMap((x) => (docs.has(x.id) ? [docs.get(x.id)!] : []));
    return {
      cells,
      topNegatives: list(top),
      unanswered: { total: open.length, oldest: list(oldestOpen) },
      complaints: rankTerms(termRows(complaints), q.detail.terms),
      employerCons: rankTerms(termRows(employer), q.detail.terms),
      incidents: await incidentsOf(c, brandId, bounds[weeks - 1]!, bounds[weeks]!),
    };
  }

  async function facts(q: DigestFactsQuery): Promise<DigestFacts> {
    if (q.bounds.length < 2)
      throw new RangeError("digestFacts: bounds needs at least two instants (one week)");
    str("brandId", q.brandId);
    const bounds = q.bounds.map(bound);
    const onGrid = bounds.every((d, i) => d.getTime() % SLOT_MS === 0 && (i === 0 || d > bounds[i - 1]!));
    const gen = onGrid ? await readyGeneration(c) : undefined;
    return gen ? rollupFacts({ ...q }, gen, bounds) : scanFacts(q);
  }

  return {
    facts,
    ...digestRecords(db),
  };
}
