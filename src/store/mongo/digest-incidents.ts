/**
 * The incidents a digest lists for a brand's week (storms, review attacks, source-health changes): the
 * outbox rows enqueued for them, one record per incident id and rule, first enqueued within the week.
 * Read by range queries on `mentionId` prefixes (`storm:<brand>:`, `attack:<brand>/`,
 * `health:`), which FerretDB 1.24 answers by reading the outbox.
 */
import type { IncidentRecord } from "../digest-port.js";
import type { OutboxState } from "../store.js";
import type { Collections } from "./schema.js";

export async function incidentsOf(
  c: Collections,
  brandId: string,
  from: Date,
  to: Date,
): Promise<IncidentRecord[]> {
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
