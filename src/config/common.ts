import cron from "node-cron";
import { z } from "zod";

/** Lower-case id used for sources, brands, rules and notifiers: `otzovik`, `hh-ru`. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case id of letters, digits and '-' (e.g. \"hh-ru\")");

export const HttpUrl = z.string().refine(
  (u) => {
    try {
      return /^https?:$/.test(new URL(u).protocol);
    } catch {
      return false;
    }
  },
  {
    error: (iss) =>
      `expected an absolute http(s) URL like https://example.com/path, got "${String(iss.input)}"`,
  },
);

/** A 5- or 6-field cron expression, checked by node-cron (the daemon's scheduler). */
export const CronExpression = z
  .string()
  .refine((s) => cron.validate(s), { error: (iss) => `invalid cron expression "${String(iss.input)}"` });

export const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: (iss) => `unknown IANA time zone "${String(iss.input)}"` },
);

/** Values that look like secrets must come from the environment, never from YAML files. */
export const SECRET_PATTERNS: { pattern: RegExp; envVar: string; what: string }[] = [
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{8,}/, envVar: "SLACK_BOT_TOKEN", what: "a Slack token" },
  { pattern: /\bxapp-[A-Za-z0-9-]{8,}/, envVar: "SLACK_APP_TOKEN", what: "a Slack app token" },
  {
    pattern: /^mongodb(\+srv)?:\/\/[^/\s:@]+:[^/\s@]+@/,
    envVar: "MONGODB_URI",
    what: "a MongoDB URI with a password",
  },
];
