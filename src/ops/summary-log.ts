/** The run summary as one log line: per target the counts operators graph, no URLs. */
import type { RunSummary } from "../pipeline/run.js";

export function compactSummary(s: RunSummary) {
  return {
    runId: s.runId,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    targets: s.targets
      .filter((t) => t.note !== "not due")
      .map((t) => ({
        source: t.source,
        brand: t.brand,
        status: t.status,
        pages: t.pages,
        items: t.items,
        new: t.new,
        changed: t.changed,
        alerts: t.alerts,
        durationMs: t.durationMs,
        ...(t.note ? { note: t.note } : {}),
      })),
    alerts: s.alerts,
    someFailed: s.someFailed,
    ...(s.interrupted ? { interrupted: true } : {}),
    ...(s.dryRun ? { dryRun: true } : {}),
  };
}
