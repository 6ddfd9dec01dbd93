/**
 * `repwatch digest`: for each digest brand, build the week (store aggregates), write
 * `<out>/<brand>-<week>.{html,pdf,png,md,json}`, and publish to the configured Slack channels.
 *
 * - The week: `--week`, else (with `due`) the week the schedule's last firing reports, else the last
 *   complete week, all in the configured time zone.
 * - With `due`, a brand whose every channel already has the week published (without channels: whose
 *   files exist) is skipped, so a job that runs hourly does nothing between Mondays.
 * - Without a token the files are still written and the summary says why nothing was posted.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createSlackApi } from "../alert/slack/api.js";
import type { DigestChannel } from "../config/digest.js";
import { type DigestStore, digestKeyOf } from "../store/digest-port.js";
import type { Store } from "../store/store.js";
import type { Logger } from "../util/logger.js";
import { collectDigest, type DigestConfigView, digestBrands } from "./collect.js";
import type { Digest } from "./model.js";
import type { DigestPrinter } from "./pdf.js";
import { type PublishOutcome, publishDigest } from "./publish.js";
import { renderDigestHtml } from "./render-html.js";
import { renderDigestMarkdown } from "./render-markdown.js";
import { dueWeek } from "./schedule.js";
import { formatIsoWeek, type IsoWeek, lastCompleteWeek } from "./week.js";

export interface DigestRunOptions {
  store: Store & DigestStore;
  config: DigestConfigView;
  /** Only this brand. */
  brand?: string;
  week?: IsoWeek;
  /** Report the week the schedule last fired for, skipping brands already published everywhere. */
  due?: boolean;
  outDir?: string;
  /** Post to the channels in rules/digest.yaml. @default true */
  slack?: boolean;
  /** Opens Chromium once for all brands (injected by tests to share one browser). */
  printer: () => Promise<DigestPrinter>;
  /** Where tokens and REPWATCH_SLACK_API_URL are read. */
  env: Record<string, string | undefined>;
  now?: Date;
  log?: Logger;
}

export interface ChannelResult {
  channel: string;
  outcome: PublishOutcome | { status: "no-token"; key: string; error: string };
}

export interface BrandResult {
  brandId: string;
  skipped?: string;
  files?: { html: string; pdf: string; png: string; markdown: string; json: string };
  headline?: Digest["headline"];
  channels: ChannelResult[];
}

export interface DigestRunResult {
  week: string;
  outDir: string;
  brands: BrandResult[];
  /** Deferred or failed publications, one line each. */
  problems: string[];
}

function channelsFor(channels: readonly DigestChannel[], brandId: string): DigestChannel[] {
  return channels.filter((c) => !c.brands || c.brands.includes(brandId));
}

export async function runDigest(o: DigestRunOptions): Promise<DigestRunResult> {
  const { config, store } = o;
  const now = o.now ?? new Date();
  const tz = config.digest.timezone;
  const week = o.week ?? (o.due ? dueWeek(config.digest.schedule, tz, now).week : lastCompleteWeek(now, tz));
  const iso = formatIsoWeek(week);
  const outDir = resolve(o.outDir ?? config.digest.out);
  const known = digestBrands(config);
  if (o.brand && !config.brands.some((b) => b.id === o.brand))
    throw new Error(`unknown brand "${o.brand}" (known: ${config.brands.map((b) => b.id).join(", ")})`);
  const brands = o.brand ? [o.brand] : known;
  const result: DigestRunResult = { week: iso, outDir, brands: [], problems: [] };
  const holder = `digest-${randomUUID()}`;
  let printer: DigestPrinter | undefined;
  try {
    for (const brandId of brands) {
      const channels = o.slack === false ? [] : channelsFor(config.digest.channels, brandId);
      if (o.due) {
        const records = await Promise.all(
          channels.map((c) => store.getDigest(digestKeyOf(brandId, iso, c.channel))),
        );
        const done =
          channels.length > 0
            ? records.every((r) => r?.state === "sent")
            : existsSync(join(outDir, `${brandId}-${iso}.pdf`));
        if (done) {
          result.brands.push({
            brandId,
            skipped: channels.length > 0 ? "already published to every channel" : "already written",
            channels: [],
          });
          continue;
        }
      }
      const digest = await collectDigest({ store, config, brandId, week, now });
      const html = renderDigestHtml(digest);
      printer ??= await o.printer();
      const printed = await printer.print(html);
      if (printed.blockedRequests.length)
        throw new Error(`the digest tried to load ${printed.blockedRequests.join(", ")}`);
      mkdirSync(outDir, { recursive: true });
      const base = join(outDir, `${brandId}-${iso}`);
      const files = {
        html: `${base}.html`,
        pdf: `${base}.pdf`,
        png: `${base}.png`,
        markdown: `${base}.md`,
        json: `${base}.json`,
      };
      writeFileSync(files.html, html);
      writeFileSync(files.pdf, printed.pdf);
      writeFileSync(files.png, printed.png);
      writeFileSync(files.markdown, renderDigestMarkdown(digest));
      writeFileSync(files.json, `${JSON.stringify(digest, null, 2)}\n`);
      o.log?.info({ brand: brandId, week: iso, out: base }, "digest written");
      const br: BrandResult = { brandId, files, headline: digest.headline, channels: [] };
      for (const c of channels) br.channels.push(await publishTo(o, c, digest, printed.pdf, holder));
      for (const c of br.channels)
        if (
          c.outcome.status === "deferred" ||
          c.outcome.status === "failed" ||
          c.outcome.status === "no-token"
        )
          result.problems.push(
            `digest ${brandId} ${iso} → ${c.channel}: ${c.outcome.status}: ${c.outcome.error}`,
          );
      result.brands.push(br);
    }
  } finally {
    await printer?.close();
  }
  return result;
}

async function publishTo(
  o: DigestRunOptions,
  c: DigestChannel,
  digest: Digest,
  pdf: Buffer,
  holder: string,
): Promise<ChannelResult> {
  const key = digestKeyOf(digest.brand.id, digest.week.iso, c.channel);
  const token = o.env[c.tokenEnv];
  if (!token)
    return {
      channel: c.channel,
      outcome: { status: "no-token", key, error: `${c.tokenEnv} is not set: not posted (run again with it)` },
    };
  const api = createSlackApi({
    token,
    apiUrl: o.env.REPWATCH_SLACK_API_URL || undefined,
    timeoutMs: c.timeoutMs,
    log: o.log,
  });
  const outcome = await publishDigest({
    store: o.store,
    api,
    policy: { attempts: c.attempts, maxWaitSeconds: c.maxWaitSeconds },
    channel: c.channel,
    recipients: c.recipients,
    digest,
    pdf,
    holder,
    timeoutMs: c.timeoutMs,
  });
  o.log?.info(
    { brand: digest.brand.id, week: digest.week.iso, channel: c.channel, status: outcome.status },
    "digest publication",
  );
  return { channel: c.channel, outcome };
}
