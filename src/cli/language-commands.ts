/** `repwatch analyse --jsonl` and `repwatch match --brand ID --jsonl`: streaming JSONL on stdin/stdout. */

import { runAnalyseJsonl } from "../analyse/jsonl.js";
import { loadLanguageResources } from "../analyse/load-resources.js";
import { loadConfig } from "../config/load.js";
import { runMatchJsonl } from "../match/jsonl.js";
import { EXIT } from "./exit-codes.js";

export async function analyseCommand(configDir: string): Promise<number> {
  const resources = await loadLanguageResources(configDir);
  const { errors } = await runAnalyseJsonl(process.stdin, process.stdout, resources);
  return errors > 0 ? EXIT.someFailed : EXIT.ok;
}

export async function matchCommand(configDir: string, brandId: string): Promise<number> {
  const config = loadConfig(configDir);
  const brand = config.brands.find((b) => b.id === brandId);
  if (!brand) {
    process.stderr.write(
      `unknown brand "${brandId}" (known: ${config.brands.map((b) => b.id).join(", ")})\n`,
    );
    return EXIT.config;
  }
  const { errors } = await runMatchJsonl(process.stdin, process.stdout, brand);
  return errors > 0 ? EXIT.someFailed : EXIT.ok;
}
