/** Which (brand × source page) pairs to crawl, and which of them are due. Pure. */
import { CronExpressionParser } from "cron-parser";
import type { Brand, BrandTarget } from "../config/brands.js";
import type { Config } from "../config/load.js";
import type { Source } from "../config/source.js";

export interface CrawlTarget {
  brand: Brand;
  source: Source;
  target: BrandTarget;
  startUrl: string;
  /** Key of this target's SourceState. */
  stateKey: string;
}

export function startUrlOf(source: Source, target: BrandTarget): string {
  if (target.url) return target.url;
  if (!source.targetUrl || !target.id) throw new Error(`source ${source.id}: target needs a url`);
  // An id with slashes is several path segments ("msk/banks/<org>", "<slug>/<id>"): each is encoded alone.
  const id = target.id.split("/").map(encodeURIComponent).join("/");
  return source.targetUrl.replaceAll("{id}", id);
}

export function listTargets(config: Config, filter: { source?: string; brand?: string } = {}): CrawlTarget[] {
  const out: CrawlTarget[] = [];
  for (const brand of config.brands) {
    if (filter.brand && brand.id !== filter.brand) continue;
    for (const target of brand.targets) {
      if (filter.source && target.source !== filter.source) continue;
      const source = config.sources.get(target.source);
      if (!source) continue;
      const startUrl = startUrlOf(source, target);
      out.push({ brand, source, target, startUrl, stateKey: `${source.id}|${brand.id}|${startUrl}` });
    }
  }
  return out;
}

/**
 * A target is due when it never ran, or when its source's schedule fired since its last run
 * (the most recent fire time, in the source's time zone, is after the last run's start).
 */
export function isDue(schedule: string, timeZone: string, lastRunAt: string | undefined, now: Date): boolean {
  if (!lastRunAt) return true;
  const prevFire = CronExpressionParser.parse(schedule, { tz: timeZone, currentDate: now }).prev().toDate();
  return new Date(lastRunAt).getTime() < prevFire.getTime();
}
