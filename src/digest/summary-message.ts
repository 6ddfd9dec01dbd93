/**
 * The digest's Slack message: the three numbers that matter with arrows, what needs a decision, and
 * who should look; the PDF follows in its thread. Pure. Everything not ours is escaped for mrkdwn;
 * recipients are validated ids (U…/W… users, S… user groups) from rules/digest.yaml.
 */

import type { Block, SlackMessage } from "../alert/slack/blocks.js";
import { escapeSlack, limitMrkdwn, limitPlain } from "../alert/slack/mrkdwn.js";
import {
  type ChangeText,
  fmtInt,
  fmtPct,
  fmtRating,
  fmtWeekSpan,
  ratingChange,
  shareChange,
  volumeChange,
} from "./format.js";
import type { Digest } from "./model.js";
import { decisions } from "./render-html.js";

const TONE: Record<ChangeText["tone"], string> = {
  good: " :large_green_circle:",
  bad: " :red_circle:",
  flat: "",
};

const change = (c: ChangeText) => `${c.arrow} ${escapeSlack(c.text)}${TONE[c.tone]}`;

export function recipientMention(id: string): string {
  return id.startsWith("S") ? `<!subteam^${id}>` : `<@${id}>`;
}

/** One line for notifications and clients without blocks. */
export function summaryText(d: Digest): string {
  const h = d.headline;
  return (
    `Weekly digest ${d.brand.name} ${d.week.iso}: ${fmtInt(h.volume.current ?? 0)} mentions (${volumeChange(h.volume).arrow} ${volumeChange(h.volume).text}), ` +
    `${fmtPct(h.negativeShare.current, 1)} negative (${shareChange(h.negativeShare, "up-bad").arrow} ${shareChange(h.negativeShare, "up-bad").text}), ` +
    `rating ${fmtRating(h.rating.current)} (${ratingChange(h.rating).arrow} ${ratingChange(h.rating).text})`
  );
}

export function summaryMessage(d: Digest, recipients: readonly string[] = []): SlackMessage {
  const h = d.headline;
  const field = (label: string, value: string, c: ChangeText) => ({
    type: "mrkdwn",
    text: `*${label}*\n*${escapeSlack(value)}*   ${change(c)}`,
    verbatim: true,
  });
  const blocks: Block[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: limitPlain(
          `Weekly digest · ${d.brand.name} · ${fmtWeekSpan(d.week.monday, d.week.sunday)}`,
          150,
        ),
      },
    },
    {
      type: "section",
      fields: [
        field("Mentions", fmtInt(h.volume.current ?? 0), volumeChange(h.volume)),
        field("Negative", fmtPct(h.negativeShare.current, 1), shareChange(h.negativeShare, "up-bad")),
        field("Rating", `${fmtRating(h.rating.current)} ★`, ratingChange(h.rating)),
      ],
    },
  ];
  const todo = decisions(d).slice(0, 5);
  if (todo.length)
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: limitMrkdwn(`*Needs a decision*\n${todo.map((t) => `• ${escapeSlack(t)}`).join("\n")}`, 3000),
        verbatim: true,
      },
    });
  const cc = recipients.length ? ` · cc ${recipients.map(recipientMention).join(" ")}` : "";
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: limitMrkdwn(
          `${escapeSlack(d.week.iso)} · ${escapeSlack(d.timezone)} · the full report (PDF) is in the thread${cc}`,
          3000,
        ),
        verbatim: true,
      },
    ],
  });
  return { text: limitPlain(summaryText(d), 3000), blocks };
}
