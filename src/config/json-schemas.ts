/**
 * JSON Schemas generated from the zod schemas, written to schemas/*.schema.json and referenced
 * from the YAML files (`# yaml-language-server: $schema=...`) so editors autocomplete them.
 * `npm run schemas` regenerates them; a test fails when the committed copies are stale.
 */
import { z } from "zod";
import { AlertsFile } from "./alerts.js";
import { BrandsFile } from "./brands.js";
import { DigestFile } from "./digest.js";
import { LexiconFile } from "./lexicon.js";
import { RiskFile } from "./risk.js";
import { Source } from "./source.js";

export const CONFIG_SCHEMAS: Record<string, z.ZodType> = {
  "source.schema.json": Source,
  "brands.schema.json": BrandsFile,
  "alerts.schema.json": AlertsFile,
  "lexicon.schema.json": LexiconFile,
  "risk.schema.json": RiskFile,
  "digest.schema.json": DigestFile,
};

/** The schema text exactly as committed under schemas/. */
export function renderJsonSchema(schema: z.ZodType): string {
  // io "input": what a person writes (fields with defaults are optional).
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify(json, null, 2)}\n`;
}
