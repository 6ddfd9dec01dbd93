/**
 * Read one brand's week from the store (aggregated there, see src/store/digest-port.ts), resolve its
 * incidents, and aggregate the digest. The only I/O of building a digest; memory stays bounded by the
 * limits in rules/digest.yaml, not by the number of mentions.
 */
import { findAttackGroups } from "../alert/attack.js";
import { parseIncidentId } from "../alert/incident-ids.js";
import type { AttackConfig } from "../config/alerts.js";
import type { Brand } from "../config/brands.js";
import type { DigestFile } from "../config/digest.js";
import type { DigestFacts, DigestStore, IncidentRecord } from "../store/digest-port.js";
import type { Store } from "../store/store.js";
import { aggregateDigest, type CompetitorFacts } from "./aggregate.js";
import { mentionAt, mentionCard } from "./cards.js";
import { fmtDay } from "./format.js";
import type { Digest, IncidentItem } from "./model.js";
import { type IsoWeek, trailingWeeks, type WeekRange } from "./week.js";

const HOUR = 3_600_000;
/** Crawl runs read per source to find the week's (newest first). */
const RUNS_PER_SOURCE = 10_000;

/** What building a digest reads of the configuration (a loaded `Config` is one). */
export interface DigestConfigView {
  brands: readonly Brand[];
  sources: ReadonlyMap<string, { name: string }>;
  alerts: { attack?: AttackConfig };
  digest: DigestFile;
}

export interface CollectOptions {
  store: Store & DigestStore;
  config: DigestConfigView;
  brandId: string;
  week: IsoWeek;
  now: Date;
}

/** The brands that get a digest: `digest.brands`, else every brand not marked competitor. */
export function digestBrands(config: Pick<DigestConfigView, "brands" | "digest">): string[] {
  return config.digest.brands ?? config.brands.filter((b) => !b.competitor).map((b) => b.id);
}

/** The competitors shown beside `brandId`: `digest.competitors`, else every brand marked competitor. */
export function competitorsOf(
  config: Pick<DigestConfigView, "brands" | "digest">,
  brandId: string,
): string[] {
  const ids = config.digest.competitors ?? config.brands.filter((b) => b.competitor).map((b) => b.id);
  return ids.filter((id) => id !== brandId);
}

/** A source's name for the report: "Правда сотрудников — отзывы о работодателях" → "Правда сотрудников". */
export function shortName(name: string): string {
  return name.split(/\s+[—–]\s+|\s+\(/)[0]!.trim() || name;
}

export function boundsOf(weeks: readonly WeekRange[]): string[] {
  return [...weeks.map((w) => w.from), weeks[weeks.length - 1]!.to];
}

async function incidentItems(
  o: CollectOptions,
  records: readonly IncidentRecord[],
  names: Map<string, string>,
): Promise<IncidentItem[]> {
  const items: IncidentItem[] = [];
  for (const r of records) {
    const ref = parseIncidentId(r.id);
    if (!ref) continue;
    const base = { id: r.id, at: r.firstCreatedAt };
    if (ref.type === "storm") {
      const from = `${ref.day}T00:00:00.000Z`;
      const to = new Date(Date.parse(from) + 24 * HOUR).toISOString();
      const n = await o.store.countMentions({ brandId: o.brandId, label: "negative", from, to });
      items.push({
        ...base,
        type: "storm",
        title: `Storm of negative mentions on ${fmtDay(ref.day)}`,
        detail: `${n} negative mention${n === 1 ? "" : "s"} that day (UTC), far above the usual rate`,
      });
    } else if (ref.type === "attack") {
      const anchor = await o.store.getMention(ref.anchorId);
      if (!anchor) continue;
      const cfg = o.config.alerts.attack;
      let members = 1;
      let platforms = new Set([anchor.platform]);
      if (cfg) {
        const t = Date.parse(mentionAt(anchor));
        const pool = await o.store.findMentions({
          brandId: o.brandId,
          from: new Date(t - cfg.windowHours * HOUR).toISOString(),
          to: new Date(t + cfg.windowHours * HOUR).toISOString(),
          limit: 2000,
        });
        const group = findAttackGroups(pool.some((m) => m.id === anchor.id) ? pool : [anchor, ...pool], {
          ...cfg,
          minSize: 1,
        }).find((g) => g.some((m) => m.id === anchor.id));
        members = group?.length ?? 1;
        platforms = new Set(group?.map((m) => m.platform) ?? [anchor.platform]);
      }
      items.push({
        ...base,
        type: "attack",
        title: `Review attack: ${members} near-identical texts`,
        detail: `on ${[...platforms].map((p) => names.get(p) ?? p).join(", ")}`,
        mention: mentionCard(anchor, o.now, names.get(anchor.platform) ?? anchor.platform),
      });
    } else {
      const name = names.get(ref.sourceId) ?? ref.sourceId;
      items.push({
        ...base,
        type: "health",
        title: ref.state === "down" ? `${name} stopped being watched` : `${name} is watched again`,
        detail:
          ref.state === "down"
            ? `blocked or broken since ${ref.at.slice(0, 16).replace("T", " ")} UTC`
            : `recovered at ${ref.at.slice(0, 16).replace("T", " ")} UTC`,
      });
    }
  }
  return items;
}

export async function collectDigest(o: CollectOptions): Promise<Digest> {
  const { config, store } = o;
  const brand = config.brands.find((b) => b.id === o.brandId);
  if (!brand)
    throw new Error(`unknown brand "${o.brandId}" (known: ${config.brands.map((b) => b.id).join(", ")})`);
  const tz = config.digest.timezone;
  const weeks = trailingWeeks(o.week, config.digest.trendWeeks, tz);
  const last = weeks[weeks.length - 1]!;
  const limits = config.digest.limits;
  const facts: DigestFacts = await store.digestFacts({
    brandId: brand.id,
    bounds: boundsOf(weeks),
    detail: { top: limits.negatives, unanswered: limits.unanswered, terms: limits.terms },
  });
  const competitors: CompetitorFacts[] = [];
  for (const id of competitorsOf(config, brand.id)) {
    const other = config.brands.find((b) => b.id === id);
    if (!other) continue;
    const f = await store.digestFacts({ brandId: id, bounds: boundsOf(weeks.slice(-2)) });
    competitors.push({ brand: { id, name: other.name }, cells: f.cells });
  }
  const sourceIds = [...new Set(brand.targets.map((t) => t.source))];
  const runs = [];
  for (const sourceId of sourceIds) {
    for (const r of await store.listRuns({ sourceId, limit: RUNS_PER_SOURCE }))
      if (r.brandId === brand.id && r.startedAt >= last.from && r.startedAt < last.to) runs.push(r);
  }
  const names = new Map([...config.sources].map(([id, s]) => [id, shortName(s.name)]));
  return aggregateDigest({
    brand: { id: brand.id, name: brand.name },
    timezone: tz,
    weeks,
    facts,
    competitors,
    runs,
    sources: sourceIds.map((id) => ({ id, name: names.get(id) ?? id })),
    incidents: await incidentItems(o, facts.incidents, names),
    platformNames: names,
    now: o.now,
  });
}
