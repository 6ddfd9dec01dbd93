/**
 * Daemon metrics in the Prometheus text format (0.0.4), kept in memory: counters fed by each run's
 * summary and each delivery round, gauges of the outbox read when scraped. Small on purpose: no
 * client library, one registry per process.
 */
import type { DeliveryResult } from "../alert/deliver.js";
import type { RunSummary } from "../pipeline/run.js";
import type { OutboxStats } from "./outbox-stats.js";

type Labels = Record<string, string>;
interface Family {
  help: string;
  type: "counter" | "gauge";
  values: Map<string, { labels: Labels; value: number }>;
}

const FAMILIES = {
  repwatch_up: ["gauge", "1 while the daemon runs (0 once it is stopping)"],
  repwatch_crawl_runs_total: ["counter", "Target crawls finished, by source and status"],
  repwatch_crawl_pages_total: ["counter", "Pages fetched, by source"],
  repwatch_crawl_items_total: ["counter", "Items extracted, by source"],
  repwatch_crawl_errors_total: [
    "counter",
    "Target crawls that did not end ok, by source and class (failed, blocked, broken, degraded, deferred)",
  ],
  repwatch_crawl_duration_seconds_total: ["counter", "Time spent crawling, by source"],
  repwatch_mentions_new_total: ["counter", "New mentions stored, by source"],
  repwatch_mentions_changed_total: ["counter", "Edited mentions detected, by source"],
  repwatch_source_last_run_timestamp_seconds: ["gauge", "When a source's last crawl finished (Unix time)"],
  repwatch_lease_busy_total: ["counter", "Scheduled crawls skipped because another process held the lease"],
  repwatch_alerts_sent_total: ["counter", "Alerts delivered"],
  repwatch_alerts_failed_total: ["counter", "Alerts failed for good"],
  repwatch_alerts_retrying_total: ["counter", "Alert deliveries left for a later try"],
  repwatch_outbox_pending: ["gauge", "Alerts waiting in the outbox"],
  repwatch_outbox_due: ["gauge", "Pending alerts whose time has come"],
  repwatch_outbox_failed: ["gauge", "Alerts failed for good (see repwatch status)"],
  repwatch_outbox_lag_seconds: ["gauge", "How long the oldest due alert has waited"],
} as const satisfies Record<string, readonly ["counter" | "gauge", string]>;
export type MetricName = keyof typeof FAMILIES;

export interface Metrics {
  inc(name: MetricName, labels?: Labels, by?: number): void;
  set(name: MetricName, labels: Labels, value: number): void;
  observeRun(summary: RunSummary): void;
  observeDelivery(result: DeliveryResult): void;
  observeOutbox(stats: OutboxStats): void;
  /** The exposition text. */
  render(): string;
}

const keyOf = (labels: Labels) =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

export function createMetrics(): Metrics {
  const families = new Map<MetricName, Family>();
  for (const [name, [type, help]] of Object.entries(FAMILIES))
    families.set(name as MetricName, { type, help, values: new Map() });
  const cell = (name: MetricName, labels: Labels) => {
    const f = families.get(name)!;
    const k = keyOf(labels);
    let c = f.values.get(k);
    if (!c) {
      c = { labels, value: 0 };
      f.values.set(k, c);
    }
    return c;
  };
  const m: Metrics = {
    inc(name, labels = {}, by = 1) {
      cell(name, labels).value += by;
    },
    set(name, labels, value) {
      cell(name, labels).value = value;
    },
    observeRun(s) {
      for (const t of s.targets) {
        if (t.status === "skipped") continue;
        const source = { source: t.source };
        m.inc("repwatch_crawl_runs_total", { source: t.source, status: t.status });
        m.inc("repwatch_crawl_pages_total", source, t.pages);
        m.inc("repwatch_crawl_items_total", source, t.items);
        m.inc("repwatch_crawl_duration_seconds_total", source, t.durationMs / 1000);
        m.inc("repwatch_mentions_new_total", source, t.new);
        m.inc("repwatch_mentions_changed_total", source, t.changed);
        if (t.status !== "ok") m.inc("repwatch_crawl_errors_total", { source: t.source, class: t.status });
        m.set("repwatch_source_last_run_timestamp_seconds", source, Date.parse(s.finishedAt) / 1000);
      }
      m.observeDelivery(s.alerts);
    },
    observeDelivery(r) {
      m.inc("repwatch_alerts_sent_total", {}, r.sent);
      m.inc("repwatch_alerts_failed_total", {}, r.failed);
      m.inc("repwatch_alerts_retrying_total", {}, r.retrying);
    },
    observeOutbox(o) {
      m.set("repwatch_outbox_pending", {}, o.pending);
      m.set("repwatch_outbox_due", {}, o.due);
      m.set("repwatch_outbox_failed", {}, o.failed);
      m.set("repwatch_outbox_lag_seconds", {}, o.lagSeconds);
    },
    render() {
      const lines: string[] = [];
      for (const [name, f] of families) {
        lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
        // a counter with no labels reads 0 before its first event (Prometheus rates need the series)
        if (f.values.size === 0 && (f.type === "counter" || name === "repwatch_up")) lines.push(`${name} 0`);
        for (const { labels, value } of f.values.values()) {
          const l = Object.entries(labels)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => `${k}="${escapeLabel(v)}"`);
          lines.push(`${name}${l.length ? `{${l.join(",")}}` : ""} ${Number.isFinite(value) ? value : 0}`);
        }
      }
      return `${lines.join("\n")}\n`;
    },
  };
  return m;
}
