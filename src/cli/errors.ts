/** Map an error escaping a command to a message on stderr and an exit code. */

import { EnvError, redact } from "../config/env.js";
import { ConfigError } from "../config/load.js";
import { StoreUnavailableError } from "../store/store.js";
import { EXIT } from "./exit-codes.js";

export function reportFatal(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof ConfigError) {
    stderr.write(`${err.message}\n`);
    return EXIT.config;
  }
  if (err instanceof EnvError) {
    stderr.write(`${err.message}\n`);
    return EXIT.config;
  }
  if (err instanceof StoreUnavailableError) {
    stderr.write(`store unavailable: ${redact(err.message, process.env)}\n`);
    return EXIT.store;
  }
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  stderr.write(`repwatch: ${redact(text, process.env)}\n`);
  return EXIT.someFailed;
}
