/**
 * The digest as a Markdown summary (for a wiki, an e-mail, a PR comment). Pure. Scraped text is
 * escaped for Markdown and for the HTML a Markdown renderer may let through; links are plain http(s).
 */
import { plainText } from "../alert/safe-text.js";
import { clip } from "./cards.js";
import {
  type ChangeText,
  fmtAge,
  fmtInt,
  fmtPct,
  fmtRating,
  fmtWeekSpan,
  ratingChange,
  shareChange,
  volumeChange,
} from "./format.js";
import type { Digest, MentionCard, TermTrend } from "./model.js";
import { decisions } from "./render-html.js";

/** Markdown- and HTML-inert text on one line. */
export function md(value: string | number): string {
  return plainText(String(value))
    .replace(/\s+/g, " ")
    .replace(/[\\`*_[\]#|<>~&]/g, (c) => `\\${c}`);
}

function mdLink(label: string, url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:")
      return `[${label}](<${u.href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
  } catch {
    // not a URL: the label alone
  }
  return label;
}

const ch = (c: ChangeText) => `${c.arrow} ${c.text}`;

function mentionLine(c: MentionCard): string {
  const stars = c.rating === undefined ? "" : ` ${"★".repeat(Math.round(c.rating))}`;
  const flags = c.risks.length ? ` — **${c.risks.map(md).join(", ")}**` : "";
  const reply = c.replied ? "replied" : `no reply for ${fmtAge(c.ageDays)}`;
  return `- ${md(c.platformName)}${stars}: ${mdLink(md(clip(c.title ?? c.snippet, 90)), c.url)} (${reply})${flags}`;
}

function termsTable(terms: readonly TermTrend[]): string[] {
  if (terms.length === 0) return ["_none_"];
  return [
    "| phrase | this week | last week |",
    "|---|---:|---:|",
    ...terms.map((t) => `| ${md(t.term)} | ${t.current} | ${t.previous} |`),
  ];
}

export function renderDigestMarkdown(d: Digest): string {
  const h = d.headline;
  const out: string[] = [
    `# ${md(d.brand.name)} — weekly digest, ${d.week.iso}`,
    "",
    `${fmtWeekSpan(d.week.monday, d.week.sunday)} (${d.timezone})`,
    "",
    `- **Mentions:** ${fmtInt(h.volume.current ?? 0)} (${ch(volumeChange(h.volume))}; last week ${fmtInt(h.volume.previous ?? 0)})`,
    `- **Negative share:** ${fmtPct(h.negativeShare.current, 1)} (${ch(shareChange(h.negativeShare, "up-bad"))}; last week ${fmtPct(h.negativeShare.previous, 1)})`,
    `- **Average rating:** ${fmtRating(h.rating.current)} ★ (${ch(ratingChange(h.rating))}; last week ${fmtRating(h.rating.previous)})`,
  ];
  const todo = decisions(d);
  if (todo.length) out.push("", "## Needs a decision", "", ...todo.map((t) => `- ${md(t)}`));
  out.push("", "## By platform", "", "| platform | mentions | negative | rating |", "|---|---:|---:|---:|");
  for (const p of d.platforms)
    out.push(
      `| ${md(p.name)} | ${fmtInt(p.current.total)} (${ch(volumeChange({ current: p.current.total, previous: p.previous.total, delta: null }))}) | ${fmtPct(p.current.total ? p.current.negative / p.current.total : null)} | ${fmtRating(p.rating.current)} ${p.rating.current === null ? "" : `(${ch(ratingChange(p.rating))})`} |`,
    );
  out.push("", "## Top negative mentions", "");
  out.push(...(d.topNegatives.length ? d.topNegatives.map(mentionLine) : ["_none this week_"]));
  out.push("", `## Unanswered negatives: ${d.unanswered.total}`, "");
  out.push(...(d.unanswered.items.length ? d.unanswered.items.map(mentionLine) : ["_none_"]));
  out.push("", "## What people complain about", "", ...termsTable(d.complaints));
  if (d.employer) {
    const e = d.employer;
    out.push(
      "",
      "## Employer reputation",
      "",
      `Rating ${fmtRating(e.rating.current)} (${ch(ratingChange(e.rating))}), ${fmtInt(e.volume.current ?? 0)} reviews, ${fmtPct(e.negativeShare.current)} negative. Main cons:`,
      "",
      ...termsTable(e.cons),
    );
  }
  if (d.competitors.length) {
    out.push(
      "",
      "## Competitors",
      "",
      "| brand | mentions | share of voice | negative | rating |",
      "|---|---:|---:|---:|---:|",
    );
    for (const c of d.competitors)
      out.push(
        `| ${c.self ? `**${md(c.name)}**` : md(c.name)} | ${fmtInt(c.volume.current ?? 0)} | ${fmtPct(c.share.current)} | ${fmtPct(c.negativeShare.current)} | ${fmtRating(c.rating.current)} |`,
      );
  }
  out.push("", "## Source health", "");
  for (const s of d.sourceHealth)
    out.push(
      `- ${md(s.name)}: ${s.verdict}${s.runs ? ` (${s.runs} runs)` : ""}${s.lastError ? ` — ${md(s.lastError)}` : ""}`,
    );
  out.push("", "## Incidents", "");
  out.push(
    ...(d.incidents.length ? d.incidents.map((i) => `- ${md(i.title)}: ${md(i.detail)}`) : ["_none_"]),
  );
  return `${out.join("\n")}\n`;
}
