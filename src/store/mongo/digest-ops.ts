/**
 * The weekly digest on the MongoDB store (see ../digest-port.ts for what each part means; every ordering
 * there is reproduced exactly here). Written for MongoDB and FerretDB 1.24 alike:
 *
 * - cells: one aggregation pipeline per week ($match on the brand_at index range, $group by platform ×
 *   kind × label × rating with $sum) — only stages and operators FerretDB 1.24 implements. Grouping by
 *   the rating value (a handful of values) gives both the rated count and the rating sum without $cond.
 * - lists (top negatives, unanswered, complaint terms, employer cons): the analysis lives inside the
 *   mention's JSON string (mention-codec.ts: scraped keys never become BSON keys), so they cannot be
 *   grouped by the server; the week's matching documents are STREAMED (a cursor in batches) and folded
 *   into bounded top lists and a term tally — memory stays bounded by the limits, not by the week.
 * - publication records: digest-records.ts.
 */
import type { Db, Filter } from "mongodb";
import type { MentionKind, SentimentLabel, StoredMention } from "../../domain/mention.js";
import {
  type DigestFacts,
  type DigestFactsQuery,
  type IncidentRecord,
  NON_PHRASE_NOTES,
  rankTerms,
  type VolumeCell,
} from "../digest-port.js";
import type { OutboxState } from "../store.js";
import { digestRecords } from "./digest-records.js";
import { fromMentionDoc, instant, MENTION_PROJECTION, type MentionDoc } from "./mention-codec.js";
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

  async function incidentsOf(brandId: string, from: Date, to: Date): Promise<IncidentRecord[]> {
    const storm = `storm:${brandId}:`;
    const attack = `attack:${brandId}/`;
    const health = new RegExp(
      `^health:(down|up):[a-z0-9-]+:${brandId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`,
    );
    const end = (p: string) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);
    const rows = [];
    for (const [lo, hi] of [
      [storm, end(storm)],
      [attack, end(attack)],
      ["health:", "health;"],
    ] as const)
      rows.push(
        ...(await c.outbox
          .find(
            { mentionId: { $gte: lo, $lt: hi } },
            { projection: { mentionId: 1, ruleId: 1, createdAt: 1, state: 1 } },
          )
          .toArray()),
      );
    const by = new Map<string, IncidentRecord>();
    for (const r of rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      if (r.mentionId.startsWith("health:") && !health.test(r.mentionId)) continue;
      const id = `${r.mentionId}\n${r.ruleId}`;
      const seen = by.get(id);
      if (seen) seen.states.push(r.state as OutboxState);
      else
        by.set(id, {
          id: r.mentionId,
          ruleId: r.ruleId,
          firstCreatedAt: r.createdAt.toISOString(),
          states: [r.state as OutboxState],
        });
    }
    return [...by.values()]
      .filter((i) => i.firstCreatedAt >= from.toISOString() && i.firstCreatedAt < to.toISOString())
      .sort((a, b) =>
        a.firstCreatedAt < b.firstCreatedAt
          ? -1
          : a.firstCreatedAt > b.firstCreatedAt
            ? 1
            : a.id < b.id
              ? -1
              : 1,
      );
  }

  async function facts(q: DigestFactsQuery): Promise<DigestFacts> {
    if (q.bounds.length < 2)
      throw new RangeError("digestFacts: bounds needs at least two instants (one week)");
    const brandId = str("brandId", q.brandId);
    const bounds = q.bounds.map(bound);
    const cells = await cellsOf(brandId, bounds);
    const out: DigestFacts = {
      cells,
      topNegatives: [],
      unanswered: { total: 0, oldest: [] },
      complaints: [],
      employerCons: [],
      incidents: [],
    };
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
      incidents: await incidentsOf(brandId, from, to),
    };
  }

  return {
    facts,
    ...digestRecords(db),
  };
}
