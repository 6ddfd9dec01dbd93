/**
 * `repwatch analyse --jsonl`: one JSON object per input line → one `Analysis` per output line,
 * streaming (constant memory). A bad line yields `{"error": ...}` on its own line, never a crash,
 * so output lines stay aligned with input lines. Nothing but JSONL is written to `output`.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import { MentionKind } from "../domain/mention.js";
import { createAnalyser } from "./analyser.js";
import type { LanguageResources } from "./resources.js";

export const AnalyseLine = z.object({
  text: z.string(),
  title: z.string().optional(),
  pros: z.string().optional(),
  cons: z.string().optional(),
  rating: z.number().min(1).max(5).optional(),
  lang: z.string().optional(),
  kind: MentionKind.optional(),
});

/** Writes one line, waiting for drain when the consumer is slower than us. */
export async function writeLine(output: Writable, obj: unknown): Promise<void> {
  if (!output.write(`${JSON.stringify(obj)}\n`)) await once(output, "drain");
}

export function parseLine<T>(
  line: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${(e as Error).message}` };
  }
  const r = schema.safeParse(raw);
  if (!r.success)
    return {
      ok: false,
      error: r.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; "),
    };
  return { ok: true, value: r.data };
}

/** Returns the number of lines read and the number that failed. */
export async function runAnalyseJsonl(
  input: Readable,
  output: Writable,
  resources: LanguageResources,
): Promise<{ lines: number; errors: number }> {
  const analyse = createAnalyser(resources);
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lines = 0;
  let errors = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    lines++;
    const parsed = parseLine(line, AnalyseLine);
    if (!parsed.ok) {
      errors++;
      await writeLine(output, { error: parsed.error, line: lines });
      continue;
    }
    const a = analyse(parsed.value);
    await writeLine(output, {
      label: a.label,
      score: a.score,
      confidence: a.confidence,
      lang: a.lang,
      reasons: a.reasons,
      risks: a.risks,
      fingerprint: a.fingerprint,
      ...(a.ratingMismatch ? { ratingMismatch: true } : {}),
    });
  }
  return { lines, errors };
}
