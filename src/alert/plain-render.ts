/** Alerts as plain text (console, logs): no control, zero-width or bidi characters in scraped values. */
import {
  type AlertContent,
  brandName,
  type HealthAlert,
  type MentionAlert,
  SEVERITY_EMOJI,
  stars,
} from "./content.js";
import { plainText, truncate } from "./safe-text.js";

const oneLine = (s: string, max: number) => truncate(plainText(s).replace(/\s+/g, " ").trim(), max);

function mentionLines(a: MentionAlert, edit: boolean): string[] {
  const m = a.mention;
  const an = m.analysis;
  const what = a.change === "new" ? "New" : "Edited";
  return [
    `[${a.severity.toUpperCase()}] ${what} ${an.label} ${m.kind} about ${brandName(a.brand, m.brandId)} on ${m.platform}${edit ? " (updates the earlier alert)" : ""}`,
    m.rating !== undefined ? `  rating:  ${stars(m.rating)} (${m.rating}/5)` : undefined,
    m.title ? `  title:   ${oneLine(m.title, 200)}` : undefined,
    `  text:    ${oneLine(m.text, 300)}`,
    `  why:     ${
      an.reasons.length
        ? an.reasons
            .slice(0, 5)
            .map((r) => `${oneLine(r.term, 60)} (${r.weight > 0 ? "+" : ""}${r.weight})`)
            .join(", ")
        : "—"
    }`,
    an.risks.length
      ? `  risks:   ${an.risks.map((r) => `${r.flag}: ${oneLine(r.trigger, 60)}`).join("; ")}`
      : undefined,
    `  by:      ${oneLine(m.author ?? "anonymous", 100)}${m.publishedAt ? `, ${m.publishedAt}` : ""}`,
    `  replied: ${m.reply ? "yes" : "no"}`,
    `  link:    ${m.url}`,
    `  rule:    ${a.ruleId}`,
  ].filter((l): l is string => l !== undefined);
}

function healthLines(h: HealthAlert): string[] {
  const target = `${h.sourceId} (${brandName(h.brand, h.brandId)})`;
  return h.state === "down"
    ? [
        `[${h.severity.toUpperCase()}] Source failing: ${target}: ${h.lastStatus ?? "failing"} ${h.runs} runs in a row since ${h.since}`,
        ...(h.lastError ? [`  last error: ${oneLine(h.lastError, 300)}`] : []),
      ]
    : [
        `[${h.severity.toUpperCase()}] Source recovered: ${target} at ${h.at ?? "?"} after ${h.runs} failing runs`,
      ];
}

export function plainLines(c: AlertContent, opts: { edit?: boolean } = {}): string[] {
  switch (c.type) {
    case "mention":
      return mentionLines(c, opts.edit === true);
    case "batch":
      return [`${SEVERITY_EMOJI[c.severity]} ${c.items.length} new alerts`];
    case "storm":
      return [
        `[${c.severity.toUpperCase()}] Storm: negative mentions of ${brandName(c.brand, c.brandId)}: ${c.lastHour} in the last hour, ${c.last24h} in 24 h (usually ${c.mean.toFixed(1)} ± ${c.std.toFixed(1)} a day); ${c.reason}`,
      ];
    case "attack":
      return [
        `[${c.severity.toUpperCase()}] Possible review attack on ${brandName(c.brand, c.brandId)}: ${c.members.length} near-duplicate texts within ${c.windowHours} h`,
        ...c.members
          .slice(0, 30)
          .map((m) => `  - ${m.platform} · ${oneLine(m.author ?? "anonymous", 60)} · ${m.url}`),
      ];
    case "health":
      return healthLines(c);
  }
}
