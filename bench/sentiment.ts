/**
 * `npm run bench:sentiment`: accuracy of the analyser on the labeled development sets in
 * ../shared/datasets/sentiment/ (text only, no rating, language detected), one JSON object per line.
 *
 *   tsx bench/sentiment.ts [--data DIR] [--only NAME] [--errors N]
 *
 * `--errors N` prints N misclassified rows per set to stderr (for reading, never for fitting).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createAnalyser, loadLanguageResources } from "../src/analyse/index.js";

type Label = "negative" | "neutral" | "positive";
const LABELS: Label[] = ["negative", "neutral", "positive"];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const root = resolve(import.meta.dirname, "..");
const dataDir = resolve(arg("--data") ?? join(root, "..", "shared", "datasets", "sentiment"));
const only = arg("--only");
const showErrors = Number(arg("--errors") ?? 0);

const analyse = createAnalyser(await loadLanguageResources(root));
const r3 = (x: number) => Math.round(x * 1000) / 1000;

const files = readdirSync(dataDir)
  .filter((f) => f.endsWith(".jsonl") && (!only || f.startsWith(only)))
  .sort();
for (const f of files) {
  const rows = readFileSync(join(dataDir, f), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; text: string; label: Label });
  const confusion: Record<Label, Record<Label, number>> = {
    negative: { negative: 0, neutral: 0, positive: 0 },
    neutral: { negative: 0, neutral: 0, positive: 0 },
    positive: { negative: 0, neutral: 0, positive: 0 },
  };
  const errors: string[] = [];
  const t0 = performance.now();
  const preds = rows.map((r) => analyse({ text: r.text }));
  const ms = performance.now() - t0;
  rows.forEach((r, i) => {
    const p = preds[i]!;
    confusion[r.label][p.label]++;
    if (p.label !== r.label && errors.length < showErrors) {
      const why = p.reasons
        .slice(0, 6)
        .map((x) => `${x.term}:${x.weight}`)
        .join(" ");
      errors.push(
        `[${r.label}→${p.label} ${p.score}] ${r.text.replace(/\s+/g, " ").slice(0, 300)}\n    ${why}`,
      );
    }
  });
  const present = LABELS.filter((l) => LABELS.some((p) => confusion[l][p] > 0));
  const f1 = (l: Label) => {
    const tp = confusion[l][l];
    const fp = LABELS.reduce((s, g) => s + (g === l ? 0 : confusion[g][l]), 0);
    const fn = LABELS.reduce((s, p) => s + (p === l ? 0 : confusion[l][p]), 0);
    const prec = tp + fp ? tp / (tp + fp) : 0;
    const rec = tp + fn ? tp / (tp + fn) : 0;
    return { prec, rec, f1: prec + rec ? (2 * prec * rec) / (prec + rec) : 0, fp };
  };
  const neg = f1("negative");
  const negTotal = LABELS.reduce((s, p) => s + confusion.negative[p], 0);
  const nonNeg = rows.length - negTotal;
  // Precision of negative alerts in a stream where 10% of texts are negative.
  const fpr = nonNeg ? neg.fp / nonNeg : 0;
  const prec10 = neg.rec * 0.1 + fpr * 0.9 > 0 ? (neg.rec * 0.1) / (neg.rec * 0.1 + fpr * 0.9) : 0;
  const correct = LABELS.reduce((s, l) => s + confusion[l][l], 0);
  console.log(
    JSON.stringify({
      dataset: f.replace(/\.jsonl$/, ""),
      n: rows.length,
      accuracy: r3(correct / rows.length),
      macro_f1: r3(present.reduce((s, l) => s + f1(l).f1, 0) / present.length),
      neg_precision: r3(neg.prec),
      neg_recall: r3(neg.rec),
      neg_f1: r3(neg.f1),
      neg_precision_at_10pct: r3(prec10),
      docs_per_s: Math.round(rows.length / (ms / 1000)),
      confusion,
    }),
  );
  for (const e of errors) console.error(e);
}

// Throughput on review-length texts, single-threaded, after warm-up.
const reviews = [
  "ru_otzovik_sberbank.jsonl",
  "ru_banki_bank_reviews.jsonl",
  "en_trustpilot_pet_insurance.jsonl",
]
  .filter((f) => files.includes(f) || !only)
  .flatMap((f) =>
    readFileSync(join(dataDir, f), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
if (reviews.length > 0) {
  for (const t of reviews.slice(0, 200)) analyse({ text: t });
  let n = 0;
  let chars = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    const t = reviews[n % reviews.length]!;
    analyse({ text: t });
    chars += t.length;
    n++;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      throughput: "review-length",
      docs: n,
      avg_chars: Math.round(chars / n),
      docs_per_s: Math.round(n / s),
    }),
  );
}
