/** What an outbox row says: its mention (or incident) re-read from the store at send time. */
import type { AlertsFile } from "../config/alerts.js";
import type { Brand } from "../config/brands.js";
import type { StoredMention } from "../domain/mention.js";
import type { OutboxRow, Store } from "../store/store.js";
import { findAttackGroups } from "./attack.js";
import type { AlertContent, HealthAlert } from "./content.js";
import { sourcesOf, stormCounts } from "./detect-incidents.js";
import { isIncidentId, parseIncidentId } from "./incident-ids.js";
import type { HealthRun } from "./source-health.js";
import { stormVerdict } from "./storm.js";

export interface ContentDeps {
  store: Store;
  brands: Map<string, Brand>;
  alerts?: AlertsFile;
  now: Date;
}

const HOUR = 3_600_000;

/** The content, or a string saying why there is none (the row then fails for good). */
export async function loadContent(row: OutboxRow, deps: ContentDeps): Promise<AlertContent | string> {
  if (!isIncidentId(row.mentionId)) {
    const mention = await deps.store.getMention(row.mentionId);
    if (!mention) return "mention no longer stored";
    const rule = deps.alerts?.rules.find((r) => r.id === row.ruleId);
    return {
      type: "mention",
      mention,
      brand: deps.brands.get(mention.brandId),
      ruleId: row.ruleId,
      severity: row.severity,
      change: row.change,
      userGroup: row.severity === "critical" ? rule?.mention : undefined,
    };
  }
  const ref = parseIncidentId(row.mentionId);
  if (ref?.type === "storm") {
    const cfg = deps.alerts?.storm;
    if (!cfg) return "storm alerts are no longer configured";
    const sources = sourcesOf([...deps.brands.values()], ref.brandId);
    const counts = await stormCounts(deps.store, ref.brandId, sources, deps.now, cfg.trailingDays);
    const v = stormVerdict(counts, cfg);
    return {
      type: "storm",
      severity: row.severity,
      brandId: ref.brandId,
      brand: deps.brands.get(ref.brandId),
      lastHour: counts.lastHour,
      last24h: counts.last24h,
      mean: v.mean,
      std: v.std,
      trailingDays: cfg.trailingDays,
      reason: v.reason,
    };
  }
  if (ref?.type === "attack") {
    const cfg = deps.alerts?.attack;
    if (!cfg) return "review-attack alerts are no longer configured";
    const anchor = await deps.store.getMention(ref.anchorId);
    if (!anchor) return "mention no longer stored";
    const from = new Date(deps.now.getTime() - cfg.windowHours * HOUR).toISOString();
    const recent = await deps.store.findMentions({ brandId: anchor.brandId, from, limit: 2000 });
    const pool: StoredMention[] = recent.some((m) => m.id === anchor.id) ? recent : [anchor, ...recent];
    const group = findAttackGroups(pool, { ...cfg, minSize: 1 }).find((g) =>
      g.some((m) => m.id === anchor.id),
    );
    return {
      type: "attack",
      severity: row.severity,
      brandId: anchor.brandId,
      brand: deps.brands.get(anchor.brandId),
      members: group ?? [anchor],
      windowHours: cfg.windowHours,
    };
  }
  if (ref?.type === "health") return healthContent(row, ref, deps);
  return `unknown incident id "${row.mentionId}"`;
}

async function healthContent(
  row: OutboxRow,
  ref: { state: "down" | "up"; sourceId: string; brandId: string; at: string },
  deps: ContentDeps,
): Promise<HealthAlert> {
  const cfg = deps.alerts?.sourceHealth;
  const failing = (r: HealthRun) =>
    r.status !== undefined && (cfg?.statuses as string[] | undefined)?.includes(r.status);
  const runs = (await deps.store.listRuns({ sourceId: ref.sourceId, limit: 200 })).filter(
    (r) => r.brandId === ref.brandId,
  );
  // down: the failing runs from the streak's first on; up: the failing runs just before the recovery.
  const chronological = [...runs].reverse();
  const streak: HealthRun[] = [];
  const walk =
    ref.state === "down"
      ? chronological.filter((r) => r.startedAt >= ref.at)
      : runs.filter((r) => r.startedAt < ref.at);
  for (const r of walk) {
    if (failing(r)) streak.push(r);
    else if (r.status === "ok" || r.status === "degraded") break;
  }
  const last = ref.state === "down" ? streak.at(-1) : streak[0];
  const since = ref.state === "down" ? ref.at : (streak.at(-1)?.startedAt ?? ref.at);
  return {
    type: "health",
    severity: row.severity,
    state: ref.state,
    sourceId: ref.sourceId,
    brandId: ref.brandId,
    brand: deps.brands.get(ref.brandId),
    since,
    at: ref.state === "up" ? ref.at : undefined,
    runs: streak.length,
    lastStatus: last?.status,
    lastError: last?.error,
  };
}
