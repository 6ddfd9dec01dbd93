/** The outbox as operators watch it: how much waits, how long the oldest due alert has waited. */
import type { OutboxRow, Store } from "../store/store.js";

export interface OutboxStats {
  pending: number;
  /** Pending rows whose time has come (not held by quiet hours or a retry backoff). */
  due: number;
  /** Seconds the oldest due pending alert has waited past its `notBefore` (0: none waits). */
  lagSeconds: number;
  sending: number;
  failed: number;
  /** The distinct errors of failed alerts, most frequent first, with how many alerts each hit. */
  failures: Array<{ error: string; count: number }>;
}

export async function outboxStats(store: Store, now = new Date()): Promise<OutboxStats> {
  const [pending, sending, failed] = await Promise.all([
    store.listAlerts({ state: "pending" }),
    store.listAlerts({ state: "sending" }),
    store.listAlerts({ state: "failed" }),
  ]);
  const due = pending.filter((r) => Date.parse(r.notBefore) <= now.getTime());
  const oldest = Math.min(...due.map((r) => Date.parse(r.notBefore)));
  return {
    pending: pending.length,
    due: due.length,
    lagSeconds: due.length > 0 ? Math.max(0, Math.round((now.getTime() - oldest) / 1000)) : 0,
    sending: sending.length,
    failed: failed.length,
    failures: countErrors(failed),
  };
}

function countErrors(rows: readonly OutboxRow[]): Array<{ error: string; count: number }> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const e = r.lastError ?? "(no error recorded)";
    counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  return [...counts].map(([error, count]) => ({ error, count })).sort((a, b) => b.count - a.count);
}
