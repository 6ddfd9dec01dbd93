/** `repwatch status [--source ID] [--json]`: exit 0, or 1 when something needs attention (see ops/status.ts). */
import { openStore } from "../app/open-store.js";
import { parseEnv } from "../config/env.js";
import { loadConfig } from "../config/load.js";
import { collectStatus, formatStatus } from "../ops/status.js";
import { EXIT } from "./exit-codes.js";

export async function statusCommand(
  o: { configDir: string; source?: string; json?: boolean },
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const env = parseEnv();
  const config = loadConfig(o.configDir);
  const store = await openStore(env);
  try {
    const report = await collectStatus(store, config, { source: o.source });
    out.write(o.json ? `${JSON.stringify(report)}\n` : formatStatus(report));
    return report.attention ? EXIT.someFailed : EXIT.ok;
  } finally {
    await store.close();
  }
}
