/**
 * `repwatch digest [--brand ID] [--week 2026-W47] [--out DIR] [--due] [--no-slack] [--json]`: the weekly
 * digest (HTML, PDF, PNG of the first page, Markdown, JSON) per brand, posted to the Slack channels of
 * rules/digest.yaml once per brand × week × channel.
 *
 * Exit codes: 0 written (and posted, or deferred to a later run), 1 a publication failed for good,
 * 2 configuration/arguments invalid, 3 the store is unavailable or cannot aggregate digests.
 */
import { openStore } from "../app/open-store.js";
import { parseEnv } from "../config/env.js";
import { ConfigError, loadConfig } from "../config/load.js";
import { fmtInt, fmtPct, fmtRating, ratingChange, shareChange, volumeChange } from "../digest/format.js";
import { openDigestPrinter } from "../digest/pdf.js";
import { type DigestRunResult, runDigest } from "../digest/run-digest.js";
import { parseIsoWeek } from "../digest/week.js";
import { hasDigest } from "../store/digest-port.js";
import { StoreUnavailableError } from "../store/store.js";
import { createLogger } from "../util/logger.js";
import { EXIT } from "./exit-codes.js";

export interface DigestFlags {
  brand?: string;
  week?: string;
  out?: string;
  due?: boolean;
  /** commander's `--no-slack` sets this to false. */
  slack?: boolean;
  json?: boolean;
}

function weekArg(text: string) {
  try {
    return parseIsoWeek(text);
  } catch (err) {
    throw new ConfigError([
      { file: "(arguments)", line: 1, col: 1, path: "--week", message: (err as Error).message },
    ]);
  }
}

export function formatDigestResult(r: DigestRunResult): string {
  const lines = [`digest ${r.week} → ${r.outDir}`];
  for (const b of r.brands) {
    if (b.skipped) {
      lines.push(`  ${b.brandId}: skipped (${b.skipped})`);
      continue;
    }
    const h = b.headline!;
    const v = volumeChange(h.volume);
    const n = shareChange(h.negativeShare, "up-bad");
    const rt = ratingChange(h.rating);
    lines.push(
      `  ${b.brandId}: ${fmtInt(h.volume.current ?? 0)} mentions ${v.arrow} ${v.text} · ` +
        `${fmtPct(h.negativeShare.current, 1)} negative ${n.arrow} ${n.text} · rating ${fmtRating(h.rating.current)} ${rt.arrow} ${rt.text}`,
    );
    lines.push(`    ${b.files!.html}`, `    ${b.files!.pdf}`);
    for (const c of b.channels) {
      const o = c.outcome;
      const detail = "error" in o ? `: ${o.error}` : "";
      lines.push(`    slack ${c.channel}: ${o.status}${detail}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export async function digestCommand(
  configDir: string,
  flags: DigestFlags,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const env = parseEnv();
  const log = createLogger(env).child({ stage: "digest" });
  const config = loadConfig(configDir);
  const week = flags.week ? weekArg(flags.week) : undefined;
  if (flags.brand && !config.brands.some((b) => b.id === flags.brand))
    throw new ConfigError([
      {
        file: "(arguments)",
        line: 1,
        col: 1,
        path: "--brand",
        message: `unknown brand "${flags.brand}" (known: ${config.brands.map((b) => b.id).join(", ")})`,
      },
    ]);
  const store = await openStore(env);
  let result: DigestRunResult;
  try {
    if (!hasDigest(store))
      throw new StoreUnavailableError(
        `the ${env.REPWATCH_STORE} store cannot aggregate digests yet (REPWATCH_STORE=sqlite can)`,
      );
    result = await runDigest({
      store,
      config,
      brand: flags.brand,
      week,
      due: flags.due,
      outDir: flags.out,
      slack: flags.slack,
      printer: () => openDigestPrinter({ chromiumPath: env.REPWATCH_CHROMIUM_PATH }),
      env: process.env,
      log,
    });
  } finally {
    await store.close();
  }
  out.write(flags.json ? `${JSON.stringify(result)}\n` : formatDigestResult(result));
  const failed = result.brands.some((b) => b.channels.some((c) => c.outcome.status === "failed"));
  return failed ? EXIT.someFailed : EXIT.ok;
}
