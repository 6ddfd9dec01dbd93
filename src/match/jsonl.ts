/**
 * `repwatch match --brand <id> --jsonl`: one `{"text", "title"?, "pros"?, "cons"?}` per input line →
 * one `{"matched": true, "field", "alias", "start", "end", "snippet"}` or `{"matched": false}` per
 * output line, streaming. Bad lines give `{"error": ...}`; nothing but JSONL is written to `output`.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import { parseLine, writeLine } from "../analyse/jsonl.js";
import type { Brand } from "../config/brands.js";
import { compileBrandMatcher } from "./compile.js";
import { matchFields } from "./find.js";

export const MatchLine = z.object({
  text: z.string(),
  title: z.string().optional(),
  pros: z.string().optional(),
  cons: z.string().optional(),
});

export async function runMatchJsonl(
  input: Readable,
  output: Writable,
  brand: Brand,
): Promise<{ lines: number; matched: number; errors: number }> {
  const matcher = compileBrandMatcher(brand);
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lines = 0;
  let matched = 0;
  let errors = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    lines++;
    const parsed = parseLine(line, MatchLine);
    if (!parsed.ok) {
      errors++;
      await writeLine(output, { error: parsed.error, line: lines });
      continue;
    }
    const hit = matchFields(matcher, parsed.value);
    if (hit) matched++;
    await writeLine(
      output,
      hit ? { matched: true, brand: brand.id, ...hit } : { matched: false, brand: brand.id },
    );
  }
  return { lines, matched, errors };
}
