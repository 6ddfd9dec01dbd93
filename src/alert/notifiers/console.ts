/** The console notifier: the embedded default. Prints one readable block per alert to stdout. */
import { ConsoleNotifierConfig } from "../../config/alerts.js";
import { plainLines } from "../plain-render.js";
import type { NotifierProvider } from "./notifier.js";

export const consoleProvider: NotifierProvider<ConsoleNotifierConfig> = {
  type: "console",
  configSchema: ConsoleNotifierConfig,
  create(config, deps) {
    const out = deps.out ?? process.stdout;
    return {
      id: config.id,
      threads: false,
      async send(d) {
        const lines = plainLines(d.content, { edit: d.edits !== undefined });
        const indent = d.threadOf ? "  ↳ " : "";
        out.write(`${lines.map((l) => indent + l).join("\n")}\n\n`);
        return { receipt: `console:${d.key}` };
      },
    };
  },
};
