/**
 * The digest's list sections as HTML fragments: mention cards, unanswered negatives, complaint terms,
 * employer reputation, competitors, source health, incidents. Pure; every value goes through `esc`
 * (or `safeHref` for links) — scraped text is hostile.
 */
import { KIND_NAMES } from "./aggregate.js";
import {
  type ChangeText,
  fmtAge,
  fmtInstant,
  fmtInt,
  fmtPct,
  fmtRating,
  ratingChange,
  shareChange,
  volumeChange,
} from "./format.js";
import { esc, safeHref } from "./html-safety.js";
import type { CompetitorRow, Digest, MentionCard, TermTrend } from "./model.js";
import { shareOfVoiceChart } from "./svg-charts.js";

export const chg = (c: ChangeText) => `<span class="chg ${c.tone}">${c.arrow} ${esc(c.text)}</span>`;

export function stars(rating: number | undefined): string {
  if (rating === undefined) return "";
  const full = Math.round(rating);
  return `<span class="stars" title="${esc(rating)} of 5">${"★".repeat(full)}${"☆".repeat(Math.max(0, 5 - full))}</span>`;
}

const link = (url: string, label: string) => {
  const href = safeHref(url);
  return href ? `<a href="${href}" rel="noopener noreferrer nofollow">${label}</a>` : label;
};

export function mentionCardHtml(c: MentionCard, tz: string): string {
  const risks = c.risks.map((r) => `<span class="chip risk">${esc(r)}</span>`).join(" ");
  const replied = c.replied
    ? '<span class="chip ok">replied</span>'
    : `<span class="chip no">no reply · ${esc(fmtAge(c.ageDays))}</span>`;
  const why = c.reasons.length
    ? ` · <span>why: ${c.reasons.map((r) => `«${esc(r)}»`).join(", ")}</span>`
    : "";
  return `<article class="card">
<div class="meta"><b>${esc(c.platformName)}</b>${stars(c.rating)}<span>${esc(fmtInstant(c.at, tz))}</span>${
    c.author ? `<span>${esc(c.author)}</span>` : ""
  }${c.likes ? `<span>${esc(c.likes)} likes</span>` : ""}${replied}${risks}</div>
${c.title ? `<div class="title">${esc(c.title)}</div>` : ""}<p class="snippet">${esc(c.snippet)}</p>
<div class="meta">${link(c.url, "Open on the site →")}${why}</div>
</article>`;
}

export function topNegativesHtml(d: Digest): string {
  const body = d.topNegatives.length
    ? `<div class="cards">${d.topNegatives.map((c) => mentionCardHtml(c, d.timezone)).join("\n")}</div>`
    : '<p class="empty">No negative mentions this week.</p>';
  return `<section id="negatives"><h2>Top negative mentions</h2>
<p class="sub">Ordered by severity: risk flags first, then the lowest rating, then reach (likes).</p>${body}</section>`;
}

export function unansweredHtml(d: Digest): string {
  const { total, items } = d.unanswered;
  if (total === 0)
    return `<section id="unanswered"><h2>Unanswered negatives</h2><p class="empty">Every negative mention of the week has a company reply.</p></section>`;
  const rows = items
    .map(
      (
        c,
      ) => `<tr><td class="n"><b>${esc(fmtAge(c.ageDays))}</b></td><td>${esc(c.platformName)}</td><td>${stars(c.rating)}</td>
<td>${link(c.url, esc(c.title ?? c.snippet.slice(0, 90)))}</td></tr>`,
    )
    .join("\n");
  const more = total > items.length ? `<p class="sub">…and ${fmtInt(total - items.length)} more.</p>` : "";
  return `<section id="unanswered" class="decide"><h2>Unanswered negatives: ${fmtInt(total)}</h2>
<p class="sub">Negative mentions of the week without a company reply, oldest first — the longer they wait, the more they are read.</p>
<div class="tbl"><table><thead><tr><th class="n">Waiting</th><th>Platform</th><th>Rating</th><th>Mention</th></tr></thead>
<tbody>${rows}</tbody></table></div>${more}</section>`;
}

export function termsHtml(terms: readonly TermTrend[], emptyText: string): string {
  if (terms.length === 0) return `<p class="empty">${esc(emptyText)}</p>`;
  const max = Math.max(1, ...terms.map((t) => Math.max(t.current, t.previous)));
  const items = terms.map((t) => {
    const delta = t.current - t.previous;
    const note =
      t.current === 0
        ? "gone"
        : t.previous === 0
          ? "new"
          : delta === 0
            ? "="
            : `${delta > 0 ? "+" : "−"}${Math.abs(delta)}`;
    const tone = t.current === 0 || delta < 0 ? "good" : delta > 0 ? "bad" : "flat";
    return `<li${t.current === 0 ? ' class="gone"' : ""}><span class="t" title="${esc(t.term)}">${esc(t.term)}</span>
<span class="track"><span class="fill" style="width:${((t.current / max) * 100).toFixed(1)}%"></span><span class="prev" style="left:${((t.previous / max) * 100).toFixed(1)}%"></span></span>
<span><b>${fmtInt(t.current)}</b> <span class="chg ${tone}">${esc(note)}</span></span></li>`;
  });
  return `<ul class="terms">${items.join("\n")}</ul>`;
}

export function complaintsHtml(d: Digest): string {
  return `<section id="complaints"><h2>What people complain about</h2>
<p class="sub">The most frequent negative phrases in this week's negative mentions; the black tick is last week.</p>
${termsHtml(d.complaints, "No complaint phrases this week.")}</section>`;
}

export function employerHtml(d: Digest): string {
  const e = d.employer;
  if (!e) return "";
  return `<section id="employer"><h2>Employer reputation</h2>
<p class="sub">${esc(e.platforms.join(", ") || KIND_NAMES.employer)}</p>
<div class="kpis">
<div class="kpi"><div class="label">Employer rating</div><div class="value">${esc(fmtRating(e.rating.current))}<small> ★</small></div>${chg(ratingChange(e.rating))}<div class="prev">last week ${esc(fmtRating(e.rating.previous))}</div></div>
<div class="kpi"><div class="label">Employee reviews</div><div class="value">${fmtInt(e.volume.current ?? 0)}</div>${chg(volumeChange(e.volume))}<div class="prev">last week ${fmtInt(e.volume.previous ?? 0)}</div></div>
<div class="kpi"><div class="label">Negative</div><div class="value">${esc(fmtPct(e.negativeShare.current))}</div>${chg(shareChange(e.negativeShare, "up-bad"))}<div class="prev">last week ${esc(fmtPct(e.negativeShare.previous))}</div></div>
</div><h3>Main cons</h3>${termsHtml(e.cons, "No cons named this week.")}</section>`;
}

const compRow = (r: CompetitorRow) => `<tr${r.self ? ' class="self"' : ""}><td>${esc(r.name)}</td>
<td class="n">${fmtInt(r.volume.current ?? 0)} ${chg(volumeChange(r.volume))}</td>
<td class="n">${esc(fmtPct(r.share.current))} ${chg(shareChange(r.share, "up-good"))}</td>
<td class="n">${esc(fmtPct(r.negativeShare.current))} ${chg(shareChange(r.negativeShare, "up-bad"))}</td>
<td class="n">${esc(fmtRating(r.rating.current))} ${chg(ratingChange(r.rating))}</td></tr>`;

export function competitorsHtml(d: Digest): string {
  if (d.competitors.length === 0) return "";
  return `<section id="competitors"><h2>Competitors side by side</h2>
<p class="sub">Share of voice: each brand's part of all mentions of the brands below this week.</p>
${shareOfVoiceChart(d.competitors.map((c) => ({ name: c.name, share: c.share.current, self: c.self })))}
<div class="tbl"><table><thead><tr><th>Brand</th><th class="n">Mentions</th><th class="n">Share of voice</th><th class="n">Negative</th><th class="n">Rating</th></tr></thead>
<tbody>${d.competitors.map(compRow).join("\n")}</tbody></table></div></section>`;
}

const VERDICT: Record<string, [string, string]> = {
  ok: ["health-ok", "watched"],
  partial: ["health-partial", "partly watched"],
  down: ["health-bad", "NOT watched: blocked or broken"],
  "not-watched": ["health-bad", "NOT watched: no crawl ran"],
};

export function healthHtml(d: Digest): string {
  if (d.sourceHealth.length === 0)
    return `<section id="health"><h2>Source health</h2><p class="empty">This brand has no sources configured.</p></section>`;
  const bad = d.sourceHealth.filter((s) => s.verdict !== "ok");
  const rows = d.sourceHealth
    .map((s) => {
      const [cls, text] = VERDICT[s.verdict]!;
      const counts = Object.entries(s.statuses)
        .map(([k, v]) => `${esc(k)} ${fmtInt(v)}`)
        .join(", ");
      return `<tr><td>${esc(s.name)}</td><td class="${cls}">${esc(text)}</td><td class="n">${fmtInt(s.runs)}</td><td>${counts || "—"}${
        s.lastError ? `<br><small>${esc(s.lastError)}</small>` : ""
      }</td></tr>`;
    })
    .join("\n");
  const lead = bad.length
    ? `<p class="sub"><b class="health-bad">${bad.length} of ${d.sourceHealth.length} platforms were not watched properly this week</b> — their silence is not calm.</p>`
    : `<p class="sub">Every platform was watched all week: silence there means nothing was said.</p>`;
  return `<section id="health"${bad.length ? ' class="decide"' : ""}><h2>Source health</h2>${lead}
<div class="tbl"><table><thead><tr><th>Platform</th><th>This week</th><th class="n">Runs</th><th>Statuses</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
}

export function incidentsHtml(d: Digest): string {
  const body = d.incidents.length
    ? `<div class="cards">${d.incidents
        .map(
          (
            i,
          ) => `<div class="card"><div class="meta"><span class="chip risk">${esc(i.type === "attack" ? "review attack" : i.type === "storm" ? "storm" : "source")}</span><span>${esc(fmtInstant(i.at, d.timezone))}</span></div>
<div class="title">${esc(i.title)}</div><p class="snippet">${esc(i.detail)}</p>${i.mention ? mentionCardHtml(i.mention, d.timezone) : ""}</div>`,
        )
        .join("\n")}</div>`
    : '<p class="empty">No review attacks, storms or source outages this week.</p>';
  return `<section id="incidents"><h2>Incidents of the week</h2>${body}</section>`;
}
