/** The human-readable run summary: one line per target, then totals. */
import type { RunSummary } from "../pipeline/run.js";

export function formatSummary(s: RunSummary): string {
  const rows = s.targets.map((t) =>
    [
      t.source.padEnd(18),
      t.brand.padEnd(14),
      t.status.padEnd(9),
      `pages ${String(t.pages).padStart(3)}`,
      `items ${String(t.items).padStart(4)}`,
      `new ${String(t.new).padStart(4)}`,
      `changed ${String(t.changed).padStart(3)}`,
      `alerts ${String(t.alerts).padStart(3)}`,
      `${(t.durationMs / 1000).toFixed(1)}s`,
      t.error ? ` ${t.error}` : "",
      t.note && t.note !== "not due" ? ` (${t.note})` : "",
    ].join("  "),
  );
  const a = s.alerts;
  if (s.dryRun)
    return [
      "run summary (dry run: nothing was stored, nothing was alerted)",
      ...rows.map((r) => `  ${r}`),
      `would store: ${s.mentions.new} new, ${s.mentions.changed} changed (${s.mentions.unchanged} unchanged)`,
      `would queue: ${a.queued} alerts`,
      "",
    ].join("\n");
  return [
    s.interrupted ? "run summary (cut short by a shutdown: what was not done stays due)" : "run summary",
    ...rows.map((r) => `  ${r}`),
    `mentions: ${s.mentions.new} new, ${s.mentions.changed} changed, ${s.mentions.unchanged} unchanged`,
    `alerts: ${a.queued} queued${a.incidents ? ` (+${a.incidents} incident ${a.incidents === 1 ? "message" : "messages"})` : ""}, ${a.sent} sent, ${a.retrying} retrying, ${a.failed} failed${a.held ? `, ${a.held} held` : ""}`,
    ...(a.problems ?? []).map((p) => `  alert problem: ${p}`),
    "",
  ].join("\n");
}
