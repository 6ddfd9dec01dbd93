/**
 * Source tools for people writing `sources/<id>.yaml`:
 * - `repwatch extract --source ID --file F [--url U] [--json]`: the mentions one saved page yields;
 * - `repwatch sources check ID [--url U | --file F] [--json]`: one page's items, field coverage,
 *   warnings and page facts (blocked, not found, next page, aggregate rating);
 * - `repwatch sources list [--json]`: every source with its kind, name, fetch mode and extract type.
 * Exit codes: 0 ok; 1 the page yielded no items (or was blocked/not found, or the fetch failed);
 * 2 configuration error (unknown source id too).
 */
import { parseEnv } from "../config/env.js";
import { type Config, ConfigError, loadConfig } from "../config/load.js";
import type { Source } from "../config/source.js";
import { coverageOf } from "../crawl/crawl-target.js";
import type { Page, PageExtraction } from "../crawl/types.js";
import { extractPage } from "../extract/extract-page.js";
import { startUrlOf } from "../pipeline/targets.js";
import { createLogger } from "../util/logger.js";
import { EXIT } from "./exit-codes.js";
import { fetcherFor, pageFromFile } from "./page-input.js";

type Out = NodeJS.WritableStream;

function sourceOf(config: Config, id: string): Source {
  const source = config.sources.get(id);
  if (source) return source;
  throw new ConfigError([
    {
      file: "sources/",
      line: 1,
      col: 1,
      path: "(source)",
      message: `unknown source id "${id}" (known: ${[...config.sources.keys()].join(", ")})`,
    },
  ]);
}

export interface ExtractFlags {
  source: string;
  file: string;
  url?: string;
  fetchedAt?: string;
  json?: boolean;
}

export function extractCommand(configDir: string, o: ExtractFlags, out: Out = process.stdout): number {
  const source = sourceOf(loadConfig(configDir), o.source);
  const page = pageFromFile(o.file, {
    url: o.url ?? source.homepage,
    fetchedAt: o.fetchedAt,
    charset: source.fetch.charset,
  });
  const ext = extractPage(page, source);
  for (const w of ext.warnings) process.stderr.write(`warning: ${w}\n`);
  if (o.json) out.write(`${JSON.stringify(ext.items, null, 2)}\n`);
  else
    for (const m of ext.items)
      out.write(
        `${m.publishedAt ?? "-"}  ${m.rating ?? "-"}★  ${m.author ?? "-"}  ${m.url}\n  ${oneLine(m.text, 100)}\n`,
      );
  return ext.items.length > 0 ? EXIT.ok : EXIT.someFailed;
}

export interface CheckFlags {
  url?: string;
  file?: string;
  fetchedAt?: string;
  json?: boolean;
}

export interface CheckReport {
  source: string;
  url: string;
  status?: number;
  items: number;
  itemNodes: number;
  blocked: boolean;
  notFound?: string;
  noData?: string;
  nextUrl?: string;
  nextCursor?: string;
  lastPage?: boolean;
  aggregate?: PageExtraction["aggregate"];
  coverage: Record<string, number>;
  warnings: string[];
  error?: string;
}

export async function sourcesCheck(
  configDir: string,
  id: string,
  o: CheckFlags,
  out: Out = process.stdout,
): Promise<number> {
  const config = loadConfig(configDir);
  const source = sourceOf(config, id);
  let page: Page;
  let url: string;
  if (o.file) {
    url = o.url ?? source.homepage;
    page = pageFromFile(o.file, { url, fetchedAt: o.fetchedAt, charset: source.fetch.charset });
  } else {
    url = o.url ?? defaultUrl(config, source);
    const env = parseEnv();
    const fetcher = await fetcherFor(source, env, createLogger(env));
    try {
      page = await fetcher.fetch(url, source.fetch);
    } catch (err) {
      const e = err as { page?: Page; message?: string };
      if (!e.page) return report(out, o.json, emptyReport(source.id, url, String(e.message ?? err)));
      page = e.page; // an error page (403 captcha, 404): still worth extracting
    } finally {
      await fetcher.close();
    }
  }
  const ext = extractPage(page, source);
  const r: CheckReport = {
    source: source.id,
    url: page.url,
    status: page.status,
    items: ext.items.length,
    itemNodes: ext.itemNodes,
    blocked: ext.blocked,
    coverage: coverageOf(ext.items),
    warnings: ext.warnings,
  };
  for (const k of ["notFound", "noData", "nextUrl", "nextCursor", "lastPage", "aggregate"] as const)
    if (ext[k] !== undefined) Object.assign(r, { [k]: ext[k] });
  return report(out, o.json, r);
}

function emptyReport(source: string, url: string, error: string): CheckReport {
  return { source, url, items: 0, itemNodes: 0, blocked: false, coverage: {}, warnings: [], error };
}

/** The first brand target on this source, else its homepage. */
function defaultUrl(config: Config, source: Source): string {
  for (const b of config.brands)
    for (const t of b.targets) if (t.source === source.id) return startUrlOf(source, t);
  return source.homepage;
}

function report(out: Out, json: boolean | undefined, r: CheckReport): number {
  const ok = r.items > 0 && !r.blocked && !r.notFound && !r.error;
  if (json) {
    out.write(`${JSON.stringify(r, null, 2)}\n`);
    return ok ? EXIT.ok : EXIT.someFailed;
  }
  const lines = [`${r.source}  ${r.url}${r.status ? `  (HTTP ${r.status})` : ""}`];
  if (r.error) lines.push(`fetch failed: ${r.error}`);
  if (r.blocked) lines.push("BLOCKED: an anti-bot/captcha page");
  if (r.notFound) lines.push(`NOT FOUND: ${r.notFound}`);
  if (r.noData) lines.push(`NO DATA: ${r.noData}`);
  lines.push(`items: ${r.items} valid of ${r.itemNodes} found`);
  if (r.aggregate)
    lines.push(`aggregate: rating ${r.aggregate.rating ?? "-"}, count ${r.aggregate.count ?? "-"}`);
  if (r.nextUrl) lines.push(`next page: ${r.nextUrl}`);
  if (r.nextCursor) lines.push(`next cursor: ${r.nextCursor}`);
  if (r.lastPage) lines.push("last page: yes");
  if (Object.keys(r.coverage).length > 0) {
    lines.push("field coverage:");
    for (const [f, share] of Object.entries(r.coverage))
      lines.push(`  ${f.padEnd(12)} ${String(Math.round(share * 100)).padStart(3)}%`);
  }
  lines.push(`warnings: ${r.warnings.length}`);
  for (const w of r.warnings.slice(0, 50)) lines.push(`  ${w}`);
  if (r.warnings.length > 50) lines.push(`  … ${r.warnings.length - 50} more`);
  out.write(`${lines.join("\n")}\n`);
  return ok ? EXIT.ok : EXIT.someFailed;
}

export function sourcesList(configDir: string, json: boolean | undefined, out: Out = process.stdout): number {
  const rows = [...loadConfig(configDir).sources.values()].map((s) => ({
    id: s.id,
    kind: s.kind,
    name: s.name,
    mode: s.fetch.mode,
    extract: s.extract.type,
  }));
  if (json) out.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    const w = (k: "id" | "kind" | "mode" | "extract") => Math.max(k.length, ...rows.map((r) => r[k].length));
    const line = (r: Record<"id" | "kind" | "mode" | "extract" | "name", string>) =>
      `${r.id.padEnd(w("id"))}  ${r.kind.padEnd(w("kind"))}  ${r.mode.padEnd(w("mode"))}  ${r.extract.padEnd(w("extract"))}  ${r.name}`;
    out.write(
      `${[line({ id: "id", kind: "kind", mode: "mode", extract: "extract", name: "name" }), ...rows.map(line)].join("\n")}\n`,
    );
  }
  return EXIT.ok;
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
