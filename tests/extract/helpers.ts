/** Test helpers: load a source file as users would, make a Page, find the shared real pages. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { Source } from "../../src/config/source.js";
import type { Page } from "../../src/crawl/types.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function loadSource(id: string): Source {
  return Source.parse(parse(readFileSync(join(root, "sources", `${id}.yaml`), "utf8")));
}

export function htmlPage(
  url: string,
  body: string,
  fetchedAt = "2026-04-22T09:30:00.000Z",
  status = 200,
): Page {
  return {
    url,
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
    body,
    contentType: "text/html",
    fetchedAt,
  };
}

/** `../shared/fixtures/real-pages/<rel>` beside the repository, or undefined (tests then skip, visibly). */
export function realPage(rel: string): string | undefined {
  const path = join(root, "..", "shared", "fixtures", "real-pages", rel);
  if (existsSync(path)) return readFileSync(path, "utf8");
  console.warn(`[skip] real page ${path} is absent: tests on it are skipped`);
  return undefined;
}
