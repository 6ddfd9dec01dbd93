/**
 * Doctor's Slack checks, with the Web API over plain `fetch` (no retries: a doctor reports, it does
 * not insist): `auth.test` per token, then `conversations.history` (limit 1) per channel, which answers
 * `not_in_channel` when the bot was not invited — the scope the app already has (channels:history).
 */
import type { Config } from "../config/load.js";

export interface SlackProbe {
  /** One line per token and per channel. */
  lines: Array<{ ok: boolean; name: string; detail: string }>;
  /** Slack's `Date` header: a reference clock for the clock check. */
  serverDate?: Date;
}

/** Each token variable with the channels that use it (alert notifiers and digest channels). */
export function slackChannels(config: Config): Map<string, Set<string>> {
  const byToken = new Map<string, Set<string>>();
  const add = (tokenEnv: string, channel: string) => {
    const set = byToken.get(tokenEnv) ?? new Set<string>();
    set.add(channel);
    byToken.set(tokenEnv, set);
  };
  for (const n of config.alerts.notifiers) if (n.type === "slack") add(n.tokenEnv, n.channel);
  for (const c of config.digest.channels) add(c.tokenEnv, c.channel);
  return byToken;
}

const HINTS: Record<string, string> = {
  not_in_channel: "the bot is not a member: /invite the app in that channel",
  channel_not_found: "no such channel for this token (check the id; private channels need an invite)",
  invalid_auth: "the token is not valid (copy the Bot User OAuth Token again)",
  not_authed: "no token was sent",
  account_inactive: "the app or its workspace was deactivated",
  token_revoked: "the token was revoked: reinstall the app",
  missing_scope: "the app lacks a scope: add channels:history (groups:history for private channels)",
};

async function call(
  apiUrl: string,
  method: string,
  token: string,
  body: Record<string, unknown>,
): Promise<{ json: Record<string, unknown>; date?: Date }> {
  const res = await fetch(new URL(method, apiUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const header = res.headers.get("date");
  const date = header ? new Date(header) : undefined;
  if (!res.ok) return { json: { ok: false, error: `HTTP ${res.status}` }, date };
  return { json: (await res.json()) as Record<string, unknown>, date };
}

export async function probeSlack(
  config: Config,
  env: Record<string, string | undefined>,
  apiUrl = env.REPWATCH_SLACK_API_URL || "https://slack.com/api/",
): Promise<SlackProbe> {
  const probe: SlackProbe = { lines: [] };
  const base = apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`;
  for (const [tokenEnv, channels] of slackChannels(config)) {
    const token = env[tokenEnv];
    const list = [...channels].join(", ");
    if (!token) {
      probe.lines.push({
        ok: false,
        name: "slack",
        detail: `${tokenEnv} is not set (used by ${list}): Slack alerts wait in the outbox until it is`,
      });
      continue;
    }
    let auth: Awaited<ReturnType<typeof call>>;
    try {
      auth = await call(base, "auth.test", token, {});
    } catch (err) {
      probe.lines.push({
        ok: false,
        name: "slack",
        detail: `${tokenEnv}: cannot reach ${base}: ${String(err)}`,
      });
      continue;
    }
    probe.serverDate ??= auth.date;
    if (auth.json.ok !== true) {
      const e = String(auth.json.error);
      probe.lines.push({
        ok: false,
        name: "slack",
        detail: `${tokenEnv}: auth.test: ${e} — ${HINTS[e] ?? "see Slack's docs"}`,
      });
      continue;
    }
    probe.lines.push({
      ok: true,
      name: "slack",
      detail: `${tokenEnv}: auth.test ok (bot ${String(auth.json.user ?? "?")} in ${String(auth.json.team ?? "?")})`,
    });
    for (const channel of channels) {
      try {
        const h = await call(base, "conversations.history", token, { channel, limit: 1 });
        const e = String(h.json.error);
        probe.lines.push(
          h.json.ok === true
            ? { ok: true, name: "slack channel", detail: `${channel}: the bot is a member` }
            : {
                ok: false,
                name: "slack channel",
                detail: `${channel}: ${e} — ${HINTS[e] ?? "see Slack's docs"}`,
              },
        );
      } catch (err) {
        probe.lines.push({ ok: false, name: "slack channel", detail: `${channel}: ${String(err)}` });
      }
    }
  }
  return probe;
}
