/**
 * `extract.type: feed`: RSS 2.0, RSS 1.0 (RDF) and Atom feeds, any feed, with no per-site selectors.
 * Each `<item>`/`<entry>` is one mention: guid/id, link, author, date, title, content or summary as text,
 * the feed's title as `subject`. Strict like the rest of the source schema.
 */
import { z } from "zod";
import { Slug } from "./common.js";

export const FeedExtract = z
  .object({
    type: z.literal("feed"),
    /**
     * The item's real link is in this query parameter of its link: Google Alerts link to
     * `https://www.google.com/url?rct=j&sa=t&url=<real>&ct=ga…`, so `unwrapLinkParam: url`. A link
     * without the parameter is kept as it is.
     */
    unwrapLinkParam: z.string().min(1).optional(),
    /**
     * Which body becomes the text: `content` (content:encoded / Atom content, else the summary) or
     * `summary` (description / Atom summary, else the content). An item without either has its title
     * as text. @default "content"
     */
    text: z.enum(["content", "summary"]).optional(),
    /** Platform-specific facts stored under `extra`: key -> a child element of the item (`comments`, `category`). */
    extra: z.record(Slug, z.string().min(1)).optional(),
  })
  .strict();
export type FeedExtract = z.infer<typeof FeedExtract>;
