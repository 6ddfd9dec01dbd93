/**
 * The digest's charts as inline SVG strings. Pure, no scripts, no external references: each chart is
 * sized by its viewBox and scales to the width of its container (phone or A4), text included. Every
 * label passes through `esc`.
 */
import type { SentimentLabel } from "../domain/mention.js";
import { fmtDay, fmtInt, fmtRating } from "./format.js";
import { esc } from "./html-safety.js";
import type { SentimentCounts, TrendWeek } from "./model.js";

export const SENTIMENT_COLORS: Record<SentimentLabel, string> = {
  negative: "#e0524d",
  neutral: "#b4bcc7",
  positive: "#2fa37a",
};
export const LINE_COLORS = ["#3557d4", "#e08a1e", "#8e44ad", "#17a2b8", "#c0392b"];
const INK = "#1f2933";
const MUTED = "#7b8794";
const GRID = "#e4e7eb";
/** Bottom to top in stacked bars: negatives sit on the baseline, where they are easiest to compare. */
const STACK: SentimentLabel[] = ["negative", "neutral", "positive"];

const r1 = (x: number) => Math.round(x * 10) / 10;

function svg(width: number, height: number, label: string, body: string, cls = "chart"): string {
  return (
    `<svg class="${cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" ` +
    `width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-label="${esc(label)}">` +
    `<title>${esc(label)}</title>${body}</svg>`
  );
}

const text = (x: number, y: number, s: string, attrs = "") =>
  `<text x="${r1(x)}" y="${r1(y)}" ${attrs}>${esc(s)}</text>`;

/** A round axis maximum with at most 5 whole-number steps: 404 → 500 (step 100), 7 → 8 (step 2). */
export function niceMax(value: number): { max: number; step: number } {
  if (value <= 0) return { max: 4, step: 1 };
  const mag = 10 ** Math.floor(Math.log10(value / 5));
  for (const k of [1, 2, 2.5, 5, 10, 20, 25, 50]) {
    const step = k * mag;
    if (step >= 1 && Number.isInteger(step) && Math.ceil(value / step) <= 5)
      return { max: Math.ceil(value / step) * step, step };
  }
  return { max: Math.ceil(value), step: Math.ceil(value / 5) };
}

/** Label every week when a week is wide enough for "30 Sep" at 12.5 px, else every second or third. */
const labelEvery = (band: number) => (band >= 46 ? 1 : band >= 23 ? 2 : 3);

/** Weekly volume, stacked by sentiment; the reported (last) week stands out. */
export function volumeTrendChart(trend: readonly TrendWeek[]): string {
  const W = 480;
  const H = 290;
  const L = 44;
  const R = 8;
  const T = 24;
  const B = 30;
  const pw = W - L - R;
  const ph = H - T - B;
  const { max, step } = niceMax(Math.max(...trend.map((w) => w.counts.total), 0));
  const y = (v: number) => T + ph - (v / max) * ph;
  const band = pw / Math.max(1, trend.length);
  const bw = Math.min(44, band * 0.64);
  let body = "";
  for (let v = 0; v <= max; v += step) {
    body += `<line x1="${L}" x2="${W - R}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="${GRID}"/>`;
    body += text(L - 6, y(v) + 4, fmtInt(v), `text-anchor="end" font-size="12.5" fill="${MUTED}"`);
  }
  const every = labelEvery(band);
  trend.forEach((w, i) => {
    const x = L + band * i + (band - bw) / 2;
    const last = i === trend.length - 1;
    let base = 0;
    for (const label of STACK) {
      const v = w.counts[label];
      if (v > 0) {
        const top = y(base + v);
        body +=
          `<rect class="bar bar-${label}" x="${r1(x)}" y="${r1(top)}" width="${r1(bw)}" ` +
          `height="${r1(y(base) - top)}" fill="${SENTIMENT_COLORS[label]}"${last ? "" : ' opacity="0.72"'}/>`;
      }
      base += v;
    }
    if (w.counts.total > 0 && (last || band >= 30))
      body += text(
        x + bw / 2,
        y(w.counts.total) - 6,
        fmtInt(w.counts.total),
        `text-anchor="middle" font-size="${last ? 15 : 11.5}" font-weight="${last ? 700 : 400}" fill="${last ? INK : MUTED}"`,
      );
    if ((trend.length - 1 - i) % every === 0)
      body += text(
        x + bw / 2,
        H - B + 19,
        fmtDay(w.monday),
        `text-anchor="middle" font-size="12.5" fill="${last ? INK : MUTED}"${last ? ' font-weight="700"' : ""}`,
      );
  });
  body += `<line x1="${L}" x2="${W - R}" y1="${r1(y(0))}" y2="${r1(y(0))}" stroke="${MUTED}"/>`;
  return svg(W, H, "Mentions per week by sentiment", body, "chart chart-volume");
}

export interface RatingSeries {
  name: string;
  points: (number | null)[];
  /** The overall average: drawn thick. */
  main?: boolean;
}

/** Average rating per week: the overall line, and a thinner one per rated platform. */
export function ratingTrendChart(weeks: readonly TrendWeek[], series: readonly RatingSeries[]): string {
  const W = 480;
  const H = 290;
  const L = 34;
  const R = 40;
  const T = 16;
  const B = 30;
  const pw = W - L - R;
  const ph = H - T - B;
  const values = series.flatMap((s) => s.points).filter((v): v is number => v !== null);
  const lo = values.length ? Math.max(1, Math.min(4, Math.floor(Math.min(...values) - 0.3))) : 1;
  const y = (v: number) => T + ph - ((v - lo) / (5 - lo)) * ph;
  const step = pw / Math.max(1, weeks.length - 1);
  const x = (i: number) => L + (weeks.length === 1 ? pw / 2 : step * i);
  let body = "";
  for (let v = lo; v <= 5; v += lo <= 2 ? 1 : 0.5) {
    body += `<line x1="${L}" x2="${W - R}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="${GRID}"/>`;
    body += text(
      L - 6,
      y(v) + 4,
      v.toFixed(v % 1 ? 1 : 0),
      `text-anchor="end" font-size="12.5" fill="${MUTED}"`,
    );
  }
  const every = labelEvery(step);
  weeks.forEach((w, i) => {
    if ((weeks.length - 1 - i) % every === 0)
      body += text(
        x(i),
        H - B + 19,
        fmtDay(w.monday),
        `text-anchor="middle" font-size="12.5" fill="${MUTED}"`,
      );
  });
  series.forEach((s, si) => {
    const color = s.main ? INK : LINE_COLORS[si % LINE_COLORS.length]!;
    const width = s.main ? 3.5 : 2;
    let d = "";
    let pen = false;
    s.points.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${r1(x(i))} ${r1(y(v))}`;
      pen = true;
    });
    if (d)
      body += `<path class="line${s.main ? " line-main" : ""}" d="${d}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"${s.main ? "" : ' opacity="0.9"'}/>`;
    s.points.forEach((v, i) => {
      if (v !== null)
        body += `<circle cx="${r1(x(i))}" cy="${r1(y(v))}" r="${s.main ? 3.6 : 2.6}" fill="#fff" stroke="${color}" stroke-width="${s.main ? 2 : 1.5}"/>`;
    });
    const lastIndex = s.points.findLastIndex((v) => v !== null);
    if (lastIndex >= 0 && s.main)
      body += text(
        x(lastIndex) + 8,
        y(s.points[lastIndex]!) + 4,
        fmtRating(s.points[lastIndex]!),
        `font-size="15" font-weight="700" fill="${color}"`,
      );
  });
  if (values.length === 0)
    body += text(
      W / 2,
      H / 2,
      "no ratings in these weeks",
      `text-anchor="middle" font-size="13" fill="${MUTED}"`,
    );
  return svg(W, H, "Average rating per week", body, "chart chart-rating");
}

/** A one-line 100% bar of sentiment shares (for tables). */
export function sentimentBar(c: SentimentCounts, width = 160): string {
  const H = 12;
  let x = 0;
  let body = `<rect x="0" y="0" width="${width}" height="${H}" rx="3" fill="${GRID}"/>`;
  if (c.total > 0)
    for (const label of STACK) {
      const w = (c[label] / c.total) * width;
      if (w > 0)
        body += `<rect x="${r1(x)}" y="0" width="${r1(w)}" height="${H}" fill="${SENTIMENT_COLORS[label]}"/>`;
      x += w;
    }
  const label = `${c.negative} negative, ${c.neutral} neutral, ${c.positive} positive`;
  return svg(width, H, label, body, "chart chart-sentiment");
}

/** Horizontal stacked bars, one per row, scaled to the largest total. */
export function breakdownChart(rows: readonly { name: string; counts: SentimentCounts }[]): string {
  const W = 480;
  const row = 30;
  const L = 128;
  const R = 48;
  const H = Math.max(1, rows.length) * row + 6;
  const max = Math.max(1, ...rows.map((r) => r.counts.total));
  let body = "";
  rows.forEach((r, i) => {
    const yy = 4 + i * row;
    body += text(
      L - 10,
      yy + 16,
      r.name.length > 16 ? `${r.name.slice(0, 15)}…` : r.name,
      `text-anchor="end" font-size="13.5" fill="${INK}"`,
    );
    let x = L;
    for (const label of STACK) {
      const w = (r.counts[label] / max) * (W - L - R);
      if (w > 0)
        body += `<rect class="bar bar-${label}" x="${r1(x)}" y="${yy + 4}" width="${r1(w)}" height="${row - 12}" fill="${SENTIMENT_COLORS[label]}"/>`;
      x += w;
    }
    body += text(x + 6, yy + 16, fmtInt(r.counts.total), `font-size="13" font-weight="600" fill="${INK}"`);
  });
  return svg(W, H, "Mentions by sentiment", body, "chart chart-breakdown");
}

/** Share of voice: one 100% bar, a segment per brand (ours first, in the accent colour). */
export function shareOfVoiceChart(
  rows: readonly { name: string; share: number | null; self: boolean }[],
): string {
  const W = 480;
  const H = 40;
  const palette = ["#9aa5b1", "#c3cad3", "#7b8794", "#d9dde3", "#616e7c"];
  let x = 0;
  let body = "";
  rows.forEach((r, i) => {
    const w = (r.share ?? 0) * W;
    if (w <= 0) return;
    const fill = r.self ? LINE_COLORS[0]! : palette[i % palette.length]!;
    body += `<rect class="sov" x="${r1(x)}" y="0" width="${r1(w)}" height="${H}" fill="${fill}" stroke="#fff" stroke-width="2"/>`;
    const pct = `${Math.round((r.share ?? 0) * 100)}%`;
    const full = `${r.name} ${pct}`;
    // ~8 px per character at 13 px bold: the name when it fits, else the share alone
    const label = full.length * 8 + 16 <= w ? full : pct.length * 8 + 12 <= w ? pct : "";
    if (label)
      body += text(x + 8, 25, label, `font-size="13" font-weight="600" fill="${r.self ? "#fff" : INK}"`);
    x += w;
  });
  if (!body)
    body = text(W / 2, 25, "no mentions this week", `text-anchor="middle" font-size="13" fill="${MUTED}"`);
  return svg(W, H, "Share of voice", body, "chart chart-sov");
}

/** A tiny trend line for a KPI card. */
export function sparkline(points: readonly (number | null)[], color = LINE_COLORS[0]!): string {
  const W = 120;
  const H = 28;
  const vals = points.filter((v): v is number => v !== null);
  if (vals.length < 2) return svg(W, H, "trend", "", "spark");
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const y = (v: number) => (hi === lo ? H / 2 : 3 + (H - 6) * (1 - (v - lo) / (hi - lo)));
  const x = (i: number) => 2 + ((W - 4) * i) / Math.max(1, points.length - 1);
  let d = "";
  let pen = false;
  points.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${r1(x(i))} ${r1(y(v))}`;
    pen = true;
  });
  const li = points.findLastIndex((v) => v !== null);
  const dot = li >= 0 ? `<circle cx="${r1(x(li))}" cy="${r1(y(points[li]!))}" r="2.5" fill="${color}"/>` : "";
  return svg(
    W,
    H,
    "12-week trend",
    `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.8"/>${dot}`,
    "spark",
  );
}
