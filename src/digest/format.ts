/**
 * How digest numbers read: counts with thin spaces, shares as percentages, changes with arrows whose
 * colour says good or bad for the brand (more negatives is bad, a higher rating is good, more
 * mentions is neither). Pure; the output is plain text (escape it where it goes).
 */
import type { Metric } from "./model.js";

/** Whether a rise is good news, bad news, or neither. */
export type Polarity = "up-good" | "up-bad" | "neutral";
export type Tone = "good" | "bad" | "flat";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function fmtInt(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
}

export function fmtPct(share: number | null, digits = 0): string {
  return share === null ? "—" : `${(share * 100).toFixed(digits)}%`;
}

export function fmtRating(r: number | null | undefined): string {
  return r === null || r === undefined ? "—" : r.toFixed(1);
}

/** "2026-11-16" → "16 Nov". */
export function fmtDay(ymd: string, withYear = false): string {
  const [y, m, d] = ymd.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]}${withYear ? ` ${y}` : ""}`;
}

/** "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026". */
export function fmtWeekSpan(monday: string, sunday: string): string {
  const [y1, m1] = monday.split("-");
  const [y2, m2] = sunday.split("-");
  if (y1 !== y2) return `${fmtDay(monday, true)} – ${fmtDay(sunday, true)}`;
  if (m1 !== m2) return `${fmtDay(monday)} – ${fmtDay(sunday, true)}`;
  return `${Number(monday.slice(8))}–${fmtDay(sunday, true)}`;
}

/** An instant on the wall clock of `timeZone`: "17 Nov 2026, 09:05". */
export function fmtInstant(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")}, ${get("hour")}:${get("minute")}`;
}

export function fmtAge(days: number): string {
  if (days <= 0) return "today";
  if (days === 1) return "1 day";
  if (days < 14) return `${days} days`;
  return `${Math.floor(days / 7)} weeks`;
}

export function toneOf(delta: number | null, polarity: Polarity, epsilon = 1e-9): Tone {
  if (delta === null || Math.abs(delta) <= epsilon || polarity === "neutral") return "flat";
  return delta > 0 === (polarity === "up-good") ? "good" : "bad";
}

export function arrowOf(delta: number | null, epsilon = 1e-9): "▲" | "▼" | "→" {
  if (delta === null || Math.abs(delta) <= epsilon) return "→";
  return delta > 0 ? "▲" : "▼";
}

export interface ChangeText {
  arrow: "▲" | "▼" | "→";
  /** "+12%", "−4.1 pp", "−0.2", "new", "no change" */
  text: string;
  tone: Tone;
}

const sign = (x: number) => (x > 0 ? "+" : x < 0 ? "−" : "±");

/** Change of a count: relative when there was something before. */
export function volumeChange(m: Metric): ChangeText {
  const cur = m.current ?? 0;
  const prev = m.previous ?? 0;
  if (prev === 0) return { arrow: cur > 0 ? "▲" : "→", text: cur > 0 ? "new" : "no change", tone: "flat" };
  const rel = (cur - prev) / prev;
  if (cur === prev) return { arrow: "→", text: "no change", tone: "flat" };
  return { arrow: arrowOf(rel), text: `${sign(rel)}${Math.abs(rel * 100).toFixed(0)}%`, tone: "flat" };
}

/** Change of a share, in percentage points. */
export function shareChange(m: Metric, polarity: Polarity): ChangeText {
  if (m.delta === null) return { arrow: "→", text: "—", tone: "flat" };
  const pp = m.delta * 100;
  if (Math.abs(pp) < 0.05) return { arrow: "→", text: "no change", tone: "flat" };
  return { arrow: arrowOf(pp), text: `${sign(pp)}${Math.abs(pp).toFixed(1)} pp`, tone: toneOf(pp, polarity) };
}

/** Change of an average rating (1..5). */
export function ratingChange(m: Metric): ChangeText {
  if (m.current !== null && m.previous === null) return { arrow: "→", text: "new", tone: "flat" };
  if (m.delta === null) return { arrow: "→", text: "—", tone: "flat" };
  if (Math.abs(m.delta) < 0.05) return { arrow: "→", text: "no change", tone: "flat" };
  return {
    arrow: arrowOf(m.delta),
    text: `${sign(m.delta)}${Math.abs(m.delta).toFixed(1)}`,
    tone: toneOf(m.delta, "up-good"),
  };
}
