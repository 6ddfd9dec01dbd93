/**
 * The environment table: every variable repwatch reads, checked once at start.
 * Secrets (tokens, URIs with passwords) come only from here and are redacted in logs and errors.
 */
import { z } from "zod";

export const Env = z.object({
  /** Which store adapter to use. @default "sqlite" */
  REPWATCH_STORE: z.enum(["sqlite", "mongodb"]).default("sqlite"),
  /** SQLite file of the embedded store. @default "repwatch.db" */
  REPWATCH_DB: z.string().min(1).default("repwatch.db"),
  /** MongoDB connection string (secret: may hold a password). Required when REPWATCH_STORE=mongodb. */
  MONGODB_URI: z.string().optional(),
  /** Slack bot token `xoxb-…` (secret). */
  SLACK_BOT_TOKEN: z.string().optional(),
  /**
   * Base URL of the Slack Web API. @default "https://slack.com/api/"
   * The demo and the tests point it at the fake Slack on 127.0.0.1.
   */
  REPWATCH_SLACK_API_URL: z.string().url().optional(),
  /** pino level. @default "info" */
  REPWATCH_LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** `json` or `pretty`; default: pretty on a TTY, JSON otherwise. */
  REPWATCH_LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** Chromium executable for browser sources. Default: auto-detected (/usr/bin/chromium). */
  REPWATCH_CHROMIUM_PATH: z.string().optional(),
  /** User-Agent the crawler sends (say who is crawling). */
  REPWATCH_USER_AGENT: z.string().default("repwatch/0.1 (+https://github.com/repwatch/repwatch)"),
  /**
   * Origin map, like curl's --resolve: `https://otzovik.com=http://127.0.0.1:8080/otzovik.com,...`.
   * Requests for the left origin are sent to the right base; page URLs keep the left origin.
   * Used by the demo and the tests to serve sources from the replica web.
   */
  REPWATCH_ORIGIN_MAP: z.string().optional(),
  /** Extra `host:port` pairs the private-address guard lets through (the replica web in tests). */
  REPWATCH_ALLOW_ADDRESSES: z.string().optional(),
  /**
   * Time to live of the store leases (one per crawled target, one per source in the daemon), seconds:
   * a dead process's work is taken over this long after it stopped renewing. @default 60
   */
  REPWATCH_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Daemon: serve `/metrics` (Prometheus) and `/healthz` on this port (0: any free port). Unset: no server. */
  REPWATCH_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
});
export type Env = z.infer<typeof Env>;

export const SECRET_ENV_VARS = ["MONGODB_URI", "SLACK_BOT_TOKEN"] as const;

/** Replace every secret value (and the password part of any URI) in a string. */
export function redact(text: string, env: Partial<Env> = {}): string {
  let out = text;
  for (const name of SECRET_ENV_VARS) {
    const v = env[name];
    if (v && v.length >= 4) out = out.split(v).join(`[${name}]`);
  }
  out = out.replace(/\b(xox[abposr]-)[A-Za-z0-9-]+/g, "$1[redacted]");
  out = out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi, "$1[redacted]@");
  return out;
}

export function parseEnv(raw: NodeJS.ProcessEnv = process.env): Env {
  const result = Env.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `env ${i.path.join(".")} — ${i.message}`);
    throw new EnvError(lines);
  }
  return result.data;
}

export class EnvError extends Error {
  constructor(readonly lines: string[]) {
    super(`invalid environment:\n${lines.join("\n")}`);
    this.name = "EnvError";
  }
}
