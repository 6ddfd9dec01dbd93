import { resolve } from "node:path";
import { createAnalyser, type LanguageResources, loadLanguageResources } from "../../src/analyse/index.js";

let cached: Promise<LanguageResources> | undefined;

/** The shipped rules/ (lexicons + risk.yaml), loaded once per test file. */
export function shippedResources(): Promise<LanguageResources> {
  cached ??= loadLanguageResources(resolve(import.meta.dirname, "../.."));
  return cached;
}

export async function shippedAnalyser() {
  return createAnalyser(await shippedResources());
}
