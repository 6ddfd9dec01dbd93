/** `repwatch config check`: load every config file, print all problems at once. */
import { loadConfig } from "../config/load.js";

export function configCheck(configDir: string, out: NodeJS.WritableStream = process.stdout): void {
  const config = loadConfig(configDir); // throws ConfigError → exit 2
  const targets = config.brands.reduce((n, b) => n + b.targets.length, 0);
  out.write(
    `config ok: ${config.sources.size} sources, ${config.brands.length} brands (${targets} targets), ` +
      `${config.alerts.rules.length} alert rules, ${config.lexicons.size} lexicons\n`,
  );
}
