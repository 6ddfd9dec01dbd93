/**
 * Structured logs: pino JSON on stderr when not a TTY (containers, CI); readable lines on a TTY.
 * stdout stays free for command output (run summary, JSONL streams).
 * Secrets are redacted from every message and error (see config/env.ts `redact`).
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { type Env, redact } from "../config/env.js";

export type { Logger };

export function createLogger(
  env: Pick<Env, "REPWATCH_LOG_LEVEL" | "REPWATCH_LOG_FORMAT"> & Partial<Env>,
): Logger {
  const usePretty = env.REPWATCH_LOG_FORMAT
    ? env.REPWATCH_LOG_FORMAT === "pretty"
    : process.stderr.isTTY === true;
  const options: pino.LoggerOptions = {
    level: env.REPWATCH_LOG_LEVEL,
    base: undefined,
    redact: {
      paths: ["token", "*.token", "uri", "*.uri", "password", "*.password", "headers.authorization"],
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? redact(a, env) : a)) as Parameters<typeof method>,
        );
      },
    },
    serializers: {
      err: (e: unknown) => {
        const s = pino.stdSerializers.err(e as Error);
        return { ...s, message: redact(s.message, env), stack: s.stack ? redact(s.stack, env) : undefined };
      },
    },
  };
  const stream = usePretty
    ? pretty({
        destination: 2,
        sync: true,
        colorize: true,
        ignore: "pid,hostname",
        translateTime: "HH:MM:ss",
      })
    : pino.destination({ dest: 2, sync: true });
  return pino(options, stream);
}

/** A logger that drops everything (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
