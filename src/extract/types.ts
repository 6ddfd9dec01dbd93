export type { ExtractFn, PageExtraction } from "../crawl/types.js";
