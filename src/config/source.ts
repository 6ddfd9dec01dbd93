/**
 * `sources/<id>.yaml`: one file per platform, saying how to fetch and how to extract.
 * Strict: an unknown key is an error (a typo must fail loudly, not be ignored).
 */
import { z } from "zod";
import { MentionKind } from "../domain/mention.js";
import { CronExpression, HttpUrl, Slug, TimeZone } from "./common.js";
import { FeedExtract } from "./feed-extract.js";
import { FieldName } from "./field-name.js";
import { JsonExtract, SchemaOrgExtract } from "./json-extract.js";

/**
 * How one field is read from an item. A plain string is shorthand for `{ selector }`.
 * Without `selector` the item element itself is read.
 */
export const FieldRule = z.union([
  z.string(),
  z
    .object({
      /** CSS selector relative to the item (or to the page with `scope: page`). @default the item itself */
      selector: z.string().optional(),
      /** `page`: select from the whole page (thread title, product name in the header). @default "item" */
      scope: z.enum(["item", "page"]).optional(),
      /** Read this attribute instead of the text. */
      attr: z.string().optional(),
      /** Keep the first capture group (or the whole match) of this regex. */
      regex: z.string().optional(),
      /**
       * How to normalise the value. @default by field: `date` for publishedAt/replyDate, `rating` for
       * rating, `url` for url, `int` for likes, `html-text` for text/replyText, `text` otherwise
       */
      parse: z
        .enum(["text", "html-text", "int", "float", "date", "unix", "rating", "count", "url"])
        .optional(),
      /** For `parse: rating`: the scale the site uses (5, 10, 100 for width %). @default 5 */
      scale: z.number().positive().optional(),
      /** A constant value instead of reading the page. */
      const: z.union([z.string(), z.number()]).optional(),
    })
    .strict(),
]);
export type FieldRule = z.infer<typeof FieldRule>;

/** One rule, or a list of rules tried in order until one yields a value (fallbacks). */
export const FieldSpec = z.union([FieldRule, z.array(FieldRule).min(1)]);
export type FieldSpec = z.infer<typeof FieldSpec>;

export { FieldName } from "./field-name.js";

export const HtmlExtract = z
  .object({
    type: z.literal("html"),
    /** CSS selector of one review/post. */
    item: z.string().min(1),
    fields: z.partialRecord(FieldName, FieldSpec),
    /** Platform-specific scalar facts (position, city, sub-ratings) stored under `extra`. */
    extra: z.record(Slug, FieldSpec).optional(),
    /** The company's aggregate rating and review count shown in the page header (page-scoped rules). */
    aggregate: z.object({ rating: FieldSpec.optional(), count: FieldSpec.optional() }).strict().optional(),
  })
  .strict();
export type HtmlExtract = z.infer<typeof HtmlExtract>;

export const Extract = z.discriminatedUnion("type", [
  HtmlExtract,
  JsonExtract,
  SchemaOrgExtract,
  FeedExtract,
]);
export type Extract = z.infer<typeof Extract>;

export const Pagination = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }).strict(),
  z
    .object({
      type: z.literal("next-link"),
      /** Selector of the link to the next page (its href is followed). */
      selector: z.string().min(1),
      /**
       * Read the next URL from this attribute instead of `href`: "show more" buttons that carry the
       * URL of the next chunk (`data-url`, `data-href`). @default "href"
       */
      attr: z.string().min(1).optional(),
      /** @default 20 */
      maxPages: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("page-param"),
      param: z.string().min(1),
      /** @default 1 */
      start: z.number().int().optional(),
      /** @default 20 */
      maxPages: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      /** Offset APIs (`?offset=0`, `?offset=20`, …). */
      type: z.literal("offset"),
      param: z.string().min(1),
      /** @default 0 */
      start: z.number().int().nonnegative().optional(),
      /** Offset step per page. @default the number of items the page held */
      step: z.number().int().positive().optional(),
      /** @default 20 */
      maxPages: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      /** Cursor APIs: the next page is `param=<cursor>`, the cursor coming from extraction (`nextCursor`). */
      type: z.literal("cursor"),
      param: z.string().min(1),
      /** @default 20 */
      maxPages: z.number().int().positive().optional(),
    })
    .strict(),
]);
export type Pagination = z.infer<typeof Pagination>;

/** A page matching any of these is an anti-bot/captcha page: status `blocked`, never "no new reviews". */
export const BlockedSignal = z
  .object({
    selector: z.string().optional(),
    titleIncludes: z.string().optional(),
    textIncludes: z.string().optional(),
    status: z.number().int().optional(),
  })
  .strict()
  .refine((b) => b.selector || b.titleIncludes || b.textIncludes || b.status, {
    message: "a blocked signal needs at least one of selector, titleIncludes, textIncludes, status",
  });

/** What the browser does on each page before reading it (browser mode only). All optional. */
export const BrowserSteps = z
  .object({
    /** Wait until this selector is in the DOM before reading the page. */
    waitFor: z.string().min(1).optional(),
    /**
     * Click these once each, in order, after `waitFor` and before scrolling: set up the page, e.g. open
     * the sort menu and pick "newest first". A selector that does not appear within `settleMs` of the
     * scroll step (default 1500 ms) is skipped: the page is then read as it is.
     */
    clicks: z.array(z.string().min(1)).optional(),
    /** Infinite scroll: scroll to the bottom until no new `item` elements appear. */
    scroll: z
      .object({
        item: z.string().min(1),
        /** @default 20 */
        maxScrolls: z.number().int().positive().default(20),
        /** How long to wait for new items after a scroll, ms. @default 1500 */
        settleMs: z.number().int().positive().default(1500),
      })
      .strict()
      .optional(),
    /** Load more: click `selector` until `untilItems` items are there, or no button is left. */
    clickMore: z
      .object({
        selector: z.string().min(1),
        item: z.string().min(1),
        /** Stop once this many items are on the page. */
        untilItems: z.number().int().positive().optional(),
        /** @default 20 */
        maxClicks: z.number().int().positive().default(20),
        /** How long to wait for new items after a click, ms. @default 1500 */
        settleMs: z.number().int().positive().default(1500),
      })
      .strict()
      .optional(),
    /**
     * Read an embedded state object instead of the DOM: a global (`initialState`,
     * `APP_INITIALIZATION_STATE`, `a.b.c`) or a JSON script element (`#__NEXT_DATA__`). The page body is
     * then that state as JSON (content type application/json), also given as `page.state`.
     */
    state: z.string().min(1).optional(),
    /** Resource types never loaded. @default ["image", "font", "media"] */
    block: z
      .array(z.enum(["image", "font", "media", "stylesheet", "other"]))
      .default(["image", "font", "media"]),
  })
  .strict();
export type BrowserSteps = z.infer<typeof BrowserSteps>;

export const FetchSettings = z
  .object({
    /** `http`: fetch + cheerio; `browser`: Chromium via playwright-core. @default "http" */
    mode: z.enum(["http", "browser"]).default("http"),
    /** Minimum interval between two requests to the same host, in ms. @default 1000 */
    minIntervalMs: z.number().int().nonnegative().default(1000),
    /** Parallel requests to the same host. @default 1 */
    concurrency: z.number().int().positive().default(1),
    /** Whole-request deadline in ms. @default 30000 */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Maximum decoded body size in bytes. @default 5 MiB */
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024),
    /** Force a charset when the site lies about it. */
    charset: z.string().optional(),
    /** Ignore robots.txt for this source (off by default; logged when used). @default false */
    ignoreRobots: z.boolean().default(false),
    headers: z.record(z.string(), z.string()).optional(),
    /** Browser steps (wait, scroll, click "more", embedded state), for `mode: browser`. */
    browser: BrowserSteps.optional(),
  })
  .strict();
export type FetchSettings = z.infer<typeof FetchSettings>;

export const Source = z
  .object({
    id: Slug,
    name: z.string().min(1),
    kind: MentionKind,
    homepage: HttpUrl,
    /** What the replica in tests/web/<id>/ was modeled on, and when. */
    modeledOn: z.string().optional(),
    /** Language the site mostly writes in. */
    language: z.string().optional(),
    /** Time zone in which the site shows dates. @default "Europe/Moscow" */
    timezone: TimeZone.default("Europe/Moscow"),
    /** When the source is due (cron, in `timezone`). @default hourly */
    schedule: CronExpression.default("0 * * * *"),
    /**
     * How a brand's target on this platform becomes a start URL: `{id}` is replaced by the
     * target's id from rules/brands.yaml (a target may give a full `url` instead).
     */
    targetUrl: z.string().optional(),
    /** Items are about the brand by construction (a brand's own page): skip brand matching. @default true */
    targeted: z.boolean().default(true),
    fetch: FetchSettings.prefault({}),
    pagination: Pagination.default({ type: "none" }),
    blocked: z.array(BlockedSignal).default([]),
    extract: Extract,
  })
  .strict();
export type Source = z.infer<typeof Source>;
