/**
 * The digest as one self-contained HTML document: inline CSS and SVG, no scripts, nothing fetched
 * (a Content-Security-Policy forbids it, `externalResourceProblems` checks it). Reads on a phone
 * (one column), on a desktop (two), and prints to A4 (the PDF is this page printed by Chromium).
 * Pure: Digest → string.
 */
import { KIND_NAMES, MIN_RATINGS_PER_POINT } from "./aggregate.js";
import {
  fmtInstant,
  fmtInt,
  fmtPct,
  fmtRating,
  fmtWeekSpan,
  ratingChange,
  shareChange,
  volumeChange,
} from "./format.js";
import { CSP, esc, externalResourceProblems } from "./html-safety.js";
import type { Digest } from "./model.js";
import {
  chg,
  competitorsHtml,
  complaintsHtml,
  employerHtml,
  healthHtml,
  incidentsHtml,
  topNegativesHtml,
  unansweredHtml,
} from "./render-lists.js";
import { DIGEST_CSS } from "./styles.js";
import {
  breakdownChart,
  LINE_COLORS,
  type RatingSeries,
  ratingTrendChart,
  SENTIMENT_COLORS,
  sentimentBar,
  sparkline,
  volumeTrendChart,
} from "./svg-charts.js";

/** "a, b, c and 4 more". */
function listSome(items: readonly string[], max: number): string {
  return items.length <= max
    ? items.join(", ")
    : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/** The things that need a decision this week, most urgent first (plain text). */
export function decisions(d: Digest): string[] {
  const out: string[] = [];
  const oldest = d.unanswered.items[0];
  if (d.unanswered.total > 0)
    out.push(
      `${d.unanswered.total} negative mention${d.unanswered.total === 1 ? "" : "s"} without a reply` +
        (oldest ? ` (the oldest waits ${oldest.ageDays} day${oldest.ageDays === 1 ? "" : "s"})` : ""),
    );
  for (const i of d.incidents.filter((x) => x.type !== "health")) out.push(`${i.title} — ${i.detail}`);
  // a fall counts when both weeks have enough ratings to mean something
  const falls = d.platforms
    .filter(
      (p) =>
        p.rating.delta !== null &&
        p.rating.delta <= -0.2 &&
        p.ratingCount >= MIN_RATINGS_PER_POINT &&
        p.previousRatingCount >= MIN_RATINGS_PER_POINT,
    )
    .sort((a, b) => a.rating.delta! - b.rating.delta!)
    .map((p) => `${p.name} ${fmtRating(p.rating.previous)} → ${fmtRating(p.rating.current)}`);
  if (falls.length) out.push(`Rating fell on ${listSome(falls, 3)}`);
  const neg = d.headline.negativeShare;
  if (neg.delta !== null && neg.delta >= 0.05)
    out.push(`Negative share rose ${fmtPct(neg.previous)} → ${fmtPct(neg.current)}`);
  const blind = d.sourceHealth.filter((s) => s.verdict === "down" || s.verdict === "not-watched");
  if (blind.length)
    out.push(
      `Not watched this week: ${blind.length === d.sourceHealth.length ? "no platform at all — " : ""}${listSome(
        blind.map((s) => s.name),
        4,
      )}`,
    );
  return out;
}

function headerHtml(d: Digest): string {
  const week = Number(d.week.iso.slice(6));
  return `<header class="top"><div><div class="eyebrow">repwatch · weekly reputation digest</div>
<h1>${esc(d.brand.name)}</h1><p class="sub">Where the brand stands, what changed, what needs a decision.</p></div>
<div class="week"><b>Week ${week}</b><span>${esc(fmtWeekSpan(d.week.monday, d.week.sunday))}</span><br><small class="sub">${esc(d.week.iso)} · ${esc(d.timezone)}</small></div></header>`;
}

function kpisHtml(d: Digest): string {
  const h = d.headline;
  const share = d.trend.map((w) => (w.counts.total ? w.counts.negative / w.counts.total : null));
  const kpi = (label: string, value: string, change: string, prev: string, spark: string) =>
    `<div class="kpi"><div class="label">${esc(label)}</div><div class="value">${value}</div>${change}<div class="prev">${prev}</div>${spark}</div>`;
  return `<div class="kpis" id="kpis">
${kpi("Mentions", fmtInt(h.volume.current ?? 0), chg(volumeChange(h.volume)), `last week ${fmtInt(h.volume.previous ?? 0)}`, sparkline(d.trend.map((w) => w.counts.total)))}
${kpi("Negative share", esc(fmtPct(h.negativeShare.current, 1)), chg(shareChange(h.negativeShare, "up-bad")), `last week ${esc(fmtPct(h.negativeShare.previous, 1))}`, sparkline(share, SENTIMENT_COLORS.negative))}
${kpi(
  "Average rating",
  `${esc(fmtRating(h.rating.current))}<small> ★</small>`,
  chg(ratingChange(h.rating)),
  `last week ${esc(fmtRating(h.rating.previous))}`,
  sparkline(
    d.trend.map((w) => w.rating.avg),
    "#e0a21b",
  ),
)}
</div>`;
}

function decideHtml(d: Digest): string {
  const items = decisions(d);
  if (items.length === 0) return "";
  return `<section class="decide" id="decide"><h2>Needs a decision</h2><ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul></section>`;
}

const legend = (items: [string, string][]) =>
  `<div class="legend">${items.map(([c, t]) => `<span><i style="background:${c}"></i>${esc(t)}</span>`).join("")}</div>`;

function trendHtml(d: Digest): string {
  const series: RatingSeries[] = [
    { name: "All platforms", points: d.trend.map((w) => w.rating.avg), main: true },
    ...d.ratingTrends.map((t) => ({ name: t.name, points: t.points })),
  ];
  const sentimentLegend = legend([
    [SENTIMENT_COLORS.negative, "negative"],
    [SENTIMENT_COLORS.neutral, "neutral"],
    [SENTIMENT_COLORS.positive, "positive"],
  ]);
  const ratingLegend = legend(
    series.map((s, i) => [s.main ? "#1f2933" : LINE_COLORS[i % LINE_COLORS.length]!, s.name]),
  );
  return `<section class="split" id="trend">
<div><h2>Mentions, ${d.trend.length} weeks</h2>${sentimentLegend}${volumeTrendChart(d.trend)}</div>
<div><h2>Average rating, ${d.trend.length} weeks</h2>${ratingLegend}${ratingTrendChart(d.trend, series)}</div>
</section>`;
}

function platformsHtml(d: Digest): string {
  if (d.platforms.length === 0)
    return `<section id="platforms"><h2>By platform</h2><p class="empty">No mentions this week or the week before.</p></section>`;
  const rows = d.platforms
    .map(
      (p) => `<tr><td><b>${esc(p.name)}</b> <span class="chip kind">${esc(KIND_NAMES[p.kind])}</span></td>
<td class="n">${fmtInt(p.current.total)} ${chg(volumeChange({ current: p.current.total, previous: p.previous.total, delta: null }))}</td>
<td>${sentimentBar(p.current)}</td><td class="n opt">${esc(fmtPct(p.current.total ? p.current.negative / p.current.total : null))}</td>
<td class="n">${p.rating.current === null ? "—" : `<b>${esc(fmtRating(p.rating.current))}</b> ${chg(ratingChange(p.rating))} <small class="sub opt">(${fmtInt(p.ratingCount)})</small>`}</td></tr>`,
    )
    .join("\n");
  return `<section id="platforms"><h2>By platform</h2>
<p class="sub">Average rating per platform this week, and its change — a falling map rating is the first thing to know.</p>
<div class="tbl"><table><thead><tr><th>Platform</th><th class="n">Mentions</th><th>Sentiment</th><th class="n opt">Negative</th><th class="n">Rating</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<h3>By kind of platform</h3>${breakdownChart(d.kinds.map((k) => ({ name: k.name, counts: k.current })))}</section>`;
}

export function renderDigestHtml(d: Digest): string {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(`${d.brand.name} — weekly digest ${d.week.iso}`)}</title>
<style>${DIGEST_CSS}</style></head>
<body><main>
${headerHtml(d)}
${kpisHtml(d)}
${decideHtml(d)}
${trendHtml(d)}
${platformsHtml(d)}
${topNegativesHtml(d)}
${unansweredHtml(d)}
${complaintsHtml(d)}
${employerHtml(d)}
${competitorsHtml(d)}
${healthHtml(d)}
${incidentsHtml(d)}
<footer>Generated by repwatch on ${esc(fmtInstant(d.generatedAt, d.timezone))} (${esc(d.timezone)}) · week ${esc(d.week.iso)}: ${esc(fmtInstant(d.week.from, d.timezone))} – ${esc(fmtInstant(d.week.to, d.timezone))} · mentions counted by publication date</footer>
</main></body></html>
`;
  const problems = externalResourceProblems(html);
  if (problems.length) throw new Error(`digest HTML is not self-contained: ${problems.join("; ")}`);
  return html;
}
