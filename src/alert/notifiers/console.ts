/** The console notifier: the embedded default. Prints one readable block per alert to stdout. */
import { ConsoleNotifierConfig } from "../../config/alerts.js";
import { plainText, truncate } from "../safe-text.js";
import type { NotifierProvider } from "./notifier.js";

const STARS = (r: number) => "★".repeat(Math.round(r)) + "☆".repeat(5 - Math.round(r));

export const consoleProvider: NotifierProvider<ConsoleNotifierConfig> = {
  type: "console",
  configSchema: ConsoleNotifierConfig,
  create(config, deps) {
    const out = deps.out ?? process.stdout;
    return {
      id: config.id,
      async send({ row, mention: m, brand }) {
        const a = m.analysis;
        const lines = [
          `[${row.severity.toUpperCase()}] ${row.change === "new" ? "New" : "Edited"} ${a.label} ${m.kind} about ${brand?.name ?? m.brandId} on ${m.platform}`,
          m.rating !== undefined ? `  rating:  ${STARS(m.rating)} (${m.rating}/5)` : undefined,
          m.title ? `  title:   ${truncate(plainText(m.title), 200)}` : undefined,
          `  text:    ${truncate(plainText(m.text).replace(/\s+/g, " "), 300)}`,
          `  why:     ${
            a.reasons.length
              ? a.reasons
                  .slice(0, 5)
                  .map((r) => `${plainText(r.term)} (${r.weight > 0 ? "+" : ""}${r.weight})`)
                  .join(", ")
              : "—"
          }`,
          a.risks.length
            ? `  risks:   ${a.risks.map((r) => `${r.flag}: ${plainText(r.trigger)}`).join("; ")}`
            : undefined,
          `  by:      ${plainText(m.author ?? "anonymous")}${m.publishedAt ? `, ${m.publishedAt}` : ""}`,
          `  replied: ${m.reply ? "yes" : "no"}`,
          `  link:    ${m.url}`,
          `  rule:    ${row.ruleId}`,
        ].filter((l): l is string => l !== undefined);
        out.write(`${lines.join("\n")}\n\n`);
        return { receipt: `console:${Date.now()}` };
      },
    };
  },
};
