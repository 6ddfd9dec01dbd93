/**
 * Block Kit messages with a text fallback, for every kind of alert. Every text object holding scraped
 * content is mrkdwn with `verbatim: true` (Slack then parses no mentions, channels or bare links in it)
 * and escaped; limits: header 150, section 3,000, field 2,000, at most 10 fields and 50 blocks.
 */
import type { StoredMention } from "../../domain/mention.js";
import {
  type AlertContent,
  type AttackAlert,
  type BatchAlert,
  brandName,
  type HealthAlert,
  type MentionAlert,
  SEVERITY_EMOJI,
  type StormAlert,
  stars,
} from "../content.js";
import { escapeSlack, limitMrkdwn, limitPlain, scrapedMrkdwn, slackLink } from "./mrkdwn.js";

export type Block = Record<string, unknown>;
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const LIMITS = {
  header: 150,
  section: 3000,
  field: 2000,
  fields: 10,
  blocks: 50,
  text: 3000,
} as const;

const mrkdwn = (text: string, limit: number = LIMITS.section) => ({
  type: "mrkdwn",
  text: limitMrkdwn(text, limit),
  verbatim: true,
});
const header = (text: string): Block => ({
  type: "header",
  text: { type: "plain_text", text: limitPlain(text, LIMITS.header), emoji: true },
});
const section = (text: string): Block => ({ type: "section", text: mrkdwn(text) });
const context = (text: string): Block => ({ type: "context", elements: [mrkdwn(text)] });

function fieldsBlock(fields: [string, string][]): Block {
  return {
    type: "section",
    fields: fields
      .slice(0, LIMITS.fields)
      .map(([name, value]) => mrkdwn(`*${escapeSlack(name)}*\n${value}`, LIMITS.field)),
  };
}

function finish(text: string, blocks: Block[]): SlackMessage {
  const capped =
    blocks.length <= LIMITS.blocks
      ? blocks
      : [
          ...blocks.slice(0, LIMITS.blocks - 1),
          context(`…and ${blocks.length - LIMITS.blocks + 1} more blocks`),
        ];
  return { text: limitMrkdwn(text, LIMITS.text), blocks: capped };
}

const KIND: Record<string, string> = {
  review: "review",
  map: "map review",
  employer: "employer review",
  forum: "forum post",
  feed: "mention",
};

function headline(a: MentionAlert): string {
  const m = a.mention;
  const what = `${a.change === "changed" ? "Edited" : "New"} ${m.analysis.label} ${KIND[m.kind] ?? m.kind}`;
  return `${SEVERITY_EMOJI[a.severity]} ${what} · ${brandName(a.brand, m.brandId)} · ${m.platform}`;
}

function highlightTerms(a: MentionAlert): string[] {
  return [a.brand?.name, ...(a.brand?.aliases ?? []), a.mention.match?.alias].filter(
    (t): t is string => typeof t === "string",
  );
}

function formatInstant(iso: string | undefined): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "—" : `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function signed(n: number): string {
  return `${n > 0 ? "+" : n < 0 ? "−" : ""}${Math.abs(n).toFixed(2)}`;
}

/** The alert for one mention: what people need to act on it. */
export function mentionMessage(a: MentionAlert): SlackMessage {
  const m = a.mention;
  const an = m.analysis;
  const blocks: Block[] = [header(headline(a))];
  if (a.userGroup)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `<!subteam^${a.userGroup}>` } });
  const fields: [string, string][] = [
    ["Rating", m.rating !== undefined ? `${stars(m.rating)} ${m.rating}/5` : "—"],
    ["Sentiment", `${an.label} (${signed(an.score)}, confidence ${Math.round(an.confidence * 100)}%)`],
    ["Author", m.author ? scrapedMrkdwn(m.author, { max: 200, singleLine: true }) : "anonymous"],
    ["Published", formatInstant(m.publishedAt ?? m.firstSeenAt)],
    ["Company replied", m.reply ? "yes" : "no"],
  ];
  if (an.risks.length)
    fields.push([
      "Risks",
      an.risks
        .slice(0, 6)
        .map((r) => `${escapeSlack(r.flag)}: ${scrapedMrkdwn(r.trigger, { max: 80, singleLine: true })}`)
        .join("\n"),
    ]);
  if (m.subject) fields.push(["About", scrapedMrkdwn(m.subject, { max: 300, singleLine: true })]);
  blocks.push(fieldsBlock(fields));

  const highlight = highlightTerms(a);
  const title = m.title ? `*${scrapedMrkdwn(m.title, { max: 300, singleLine: true })}*\n` : "";
  blocks.push(section(`${title}${scrapedMrkdwn(m.text, { max: 2400, highlight })}`));
  if (m.cons) blocks.push(section(`*Cons:* ${scrapedMrkdwn(m.cons, { max: 800, highlight })}`));
  if (an.reasons.length) {
    const reasons = an.reasons
      .slice(0, 8)
      .map(
        (r) =>
          `• ${scrapedMrkdwn(r.term, { max: 80, singleLine: true })} (${signed(r.weight)}${r.field ? `, ${r.field}` : ""})`,
      );
    blocks.push(section(`*Why ${an.label}:*\n${reasons.join("\n")}`));
  }
  blocks.push(section(slackLink(m.url, `Open the ${KIND[m.kind] ?? "mention"} on ${m.platform}`)));
  blocks.push(context(`rule \`${escapeSlack(a.ruleId)}\` · version ${m.version}`));

  const snippet = scrapedMrkdwn(m.title ?? m.text, { max: 200, singleLine: true });
  const rating = m.rating !== undefined ? `${stars(m.rating)} ` : "";
  const ping = a.userGroup ? `<!subteam^${a.userGroup}> ` : "";
  return finish(
    `${ping}${escapeSlack(headline(a))}: ${rating}“${snippet}” ${slackLink(m.url, "link")}`,
    blocks,
  );
}

/** The thread note under an original alert when its review was edited on the site. */
export function editNote(a: MentionAlert): SlackMessage {
  const m = a.mention;
  const rating = m.rating !== undefined ? `, now ${stars(m.rating)} ${m.rating}/5` : "";
  const text = `✏️ The ${KIND[m.kind] ?? "mention"} was edited on ${escapeSlack(m.platform)} (version ${m.version}${rating}, ${m.analysis.label}). The message above shows the new text.`;
  return finish(text, [section(text)]);
}

function itemLine(a: MentionAlert): string {
  const m = a.mention;
  const rating = m.rating !== undefined ? ` ${stars(m.rating)}` : "";
  const snippet = scrapedMrkdwn(m.title ?? m.text, { max: 90, singleLine: true });
  return `• ${SEVERITY_EMOJI[a.severity]} ${escapeSlack(brandName(a.brand, m.brandId))} · ${escapeSlack(m.platform)}${rating} “${snippet}”`;
}

export function batchMessage(b: BatchAlert): SlackMessage {
  const shown = b.items.slice(0, 25);
  const more = b.items.length - shown.length;
  const list = shown.map(itemLine).join("\n") + (more > 0 ? `\n…and ${more} more` : "");
  const title = `${SEVERITY_EMOJI[b.severity]} ${b.items.length} new alerts`;
  return finish(`${title}: each one is a reply in this thread`, [
    header(title),
    section(list),
    context("Each alert is a reply in this thread."),
  ]);
}

export function stormMessage(s: StormAlert): SlackMessage {
  const name = brandName(s.brand, s.brandId);
  const title = `🌪️ Storm: negative mentions of ${name}`;
  const body =
    `*${s.lastHour}* negative mentions in the last hour, *${s.last24h}* in 24 hours; usually ` +
    `${s.mean.toFixed(1)} ± ${s.std.toFixed(1)} a day (last ${s.trailingDays} days). ${escapeSlack(s.reason)}.\n` +
    `New negative alerts about ${escapeSlack(name)} follow in this thread.`;
  return finish(`${SEVERITY_EMOJI[s.severity]} ${escapeSlack(title)}: ${body}`, [
    header(title),
    section(body),
  ]);
}

function memberLine(m: StoredMention): string {
  const who = m.author ? scrapedMrkdwn(m.author, { max: 60, singleLine: true }) : "anonymous";
  const rating = m.rating !== undefined ? ` ${stars(m.rating)}` : "";
  return `• ${escapeSlack(m.platform)} · ${who}${rating} · ${formatInstant(m.publishedAt ?? m.firstSeenAt)} · ${slackLink(m.url, "open")}`;
}

export function attackMessage(a: AttackAlert): SlackMessage {
  const name = brandName(a.brand, a.brandId);
  const sites = new Set(a.members.map((m) => m.platform)).size;
  const accounts = new Set(a.members.map((m) => `${m.platform}|${m.author ?? ""}`)).size;
  const title = `🧪 Possible review attack on ${name}`;
  const summary = `*${a.members.length}* near-duplicate texts on ${sites} site(s) from ${accounts} account(s) within ${a.windowHours} hours:`;
  const shown = a.members.slice(0, 30);
  const list =
    shown.map(memberLine).join("\n") + (a.members.length > 30 ? `\n…and ${a.members.length - 30} more` : "");
  const sample = a.members[0] ? `>${scrapedMrkdwn(a.members[0].text, { max: 500, singleLine: true })}` : "";
  return finish(`${SEVERITY_EMOJI[a.severity]} ${escapeSlack(title)}: ${a.members.length} near-duplicates`, [
    header(title),
    section(summary),
    section(list),
    section(`*The text:*\n${sample}`),
  ]);
}

export function healthMessage(h: HealthAlert): SlackMessage {
  const target = `${h.sourceId} (${brandName(h.brand, h.brandId)})`;
  const title = h.state === "down" ? `🔴 Source failing: ${target}` : `🟢 Source recovered: ${target}`;
  const body =
    h.state === "down"
      ? `${escapeSlack(h.lastStatus ?? "failing")} ${h.runs} runs in a row since ${formatInstant(h.since)}.` +
        (h.lastError ? `\n*Last error:* ${scrapedMrkdwn(h.lastError, { max: 1500 })}` : "")
      : `Working again since ${formatInstant(h.at)} after ${h.runs} failing runs (from ${formatInstant(h.since)}).`;
  return finish(`${escapeSlack(title)}: ${body}`, [header(title), section(body)]);
}

export function messageFor(c: AlertContent): SlackMessage {
  switch (c.type) {
    case "mention":
      return mentionMessage(c);
    case "batch":
      return batchMessage(c);
    case "storm":
      return stormMessage(c);
    case "attack":
      return attackMessage(c);
    case "health":
      return healthMessage(c);
  }
}
