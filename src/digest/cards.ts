/** Mentions as digest cards, and crawl runs as source-health rows. Pure. */
import type { StoredMention } from "../domain/mention.js";
import { NON_PHRASE_NOTES } from "../store/digest-port.js";
import type { CrawlRun, SourceStatus } from "../store/store.js";
import type { HealthVerdict, MentionCard, SourceHealthRow } from "./model.js";

const DAY_MS = 86_400_000;
const SNIPPET_CHARS = 320;

/** Shorten at a word boundary near `max`, with "…". */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** When a mention happened for the digest: published, else first seen. */
export function mentionAt(m: Pick<StoredMention, "publishedAt" | "firstSeenAt">): string {
  const t = m.publishedAt ? Date.parse(m.publishedAt) : Number.NaN;
  return Number.isNaN(t) ? m.firstSeenAt : new Date(t).toISOString();
}

export function mentionCard(m: StoredMention, now: Date, platformName: string = m.platform): MentionCard {
  const at = mentionAt(m);
  const body =
    m.match?.snippet || [m.text, m.cons ? `Cons: ${m.cons}` : ""].filter(Boolean).join(" ") || m.title || "";
  const reasons = m.analysis.reasons
    .filter(
      (r) =>
        r.weight < 0 && r.field !== "rating" && !(NON_PHRASE_NOTES as readonly unknown[]).includes(r.note),
    )
    .sort((a, b) => a.weight - b.weight)
    .map((r) => r.term)
    .filter((t, i, all) => all.indexOf(t) === i)
    .slice(0, 3);
  const card: MentionCard = {
    id: m.id,
    platform: m.platform,
    platformName,
    kind: m.kind,
    url: m.url,
    snippet: clip(body, SNIPPET_CHARS),
    risks: [...new Set(m.analysis.risks.map((r) => r.flag))],
    replied: Boolean(m.reply?.text),
    at,
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / DAY_MS)),
    reasons,
  };
  if (m.title) card.title = clip(m.title, 140);
  if (m.author) card.author = clip(m.author, 60);
  if (m.rating !== undefined) card.rating = m.rating;
  if (m.likes !== undefined) card.likes = m.likes;
  return card;
}

const FAILING: readonly SourceStatus[] = ["blocked", "broken", "failed"];
const WORKING: readonly SourceStatus[] = ["ok", "degraded"];

/**
 * How well each of the brand's sources was watched during the week:
 *
 *   runs in the week                        | verdict
 *   ----------------------------------------+-------------
 *   none                                    | not-watched  (silence is not calm)
 *   none working (ok/degraded)              | down
 *   some failing or degraded                | partial
 *   all ok (deferred runs ignored)          | ok
 */
export function sourceHealthRows(
  sources: readonly { id: string; name: string }[],
  runs: readonly CrawlRun[],
): SourceHealthRow[] {
  return sources.map((s) => {
    const mine = runs
      .filter((r) => r.sourceId === s.id)
      .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
    const statuses: Partial<Record<SourceStatus, number>> = {};
    for (const r of mine) if (r.status) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const count = (list: readonly SourceStatus[]) => list.reduce((n, st) => n + (statuses[st] ?? 0), 0);
    const counted = mine.filter((r) => r.status && r.status !== "deferred");
    let verdict: HealthVerdict;
    if (counted.length === 0) verdict = "not-watched";
    else if (count(WORKING) === 0) verdict = "down";
    else if (count(FAILING) > 0 || (statuses.degraded ?? 0) > 0) verdict = "partial";
    else verdict = "ok";
    const last = counted.at(-1);
    const lastFailing = [...counted].reverse().find((r) => FAILING.includes(r.status!));
    const row: SourceHealthRow = { sourceId: s.id, name: s.name, runs: mine.length, statuses, verdict };
    if (last?.status) row.lastStatus = last.status;
    if (lastFailing?.error) row.lastError = clip(lastFailing.error, 200);
    return row;
  });
}
