/**
 * `extract.type: json` and `extract.type: schema-org`: reading reviews from JSON (API responses and
 * state embedded in pages) and from schema.org markup (JSON-LD, microdata, the hreview microformat).
 * Path syntax: src/extract/json-path.ts. Strict like the rest of the source schema.
 */
import { z } from "zod";
import { jsonPathProblem } from "../extract/json-path.js";
import { Slug } from "./common.js";
import { FieldName } from "./field-name.js";

/** A path into JSON: `a.b[0].c`, `*` for every value, `[?rel=reviews]` to filter (json-path.ts). */
export const JsonPath = z.string().superRefine((path, ctx) => {
  const problem = jsonPathProblem(path);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** One path, or a list tried in order until one reaches a value (fallbacks). */
export const JsonPaths = z.union([JsonPath, z.array(JsonPath).min(1)]);
export type JsonPaths = z.infer<typeof JsonPaths>;

/** How one field is read from a JSON item. A plain string is shorthand for `{ path }`. */
export const JsonFieldRule = z.union([
  JsonPath,
  z
    .object({
      /** Path from the item (or from the document with `scope: page`). @default the item itself */
      path: JsonPath.optional(),
      /** `page`: read from the whole document (company name, branch). @default "item" */
      scope: z.enum(["item", "page"]).optional(),
      /** Keep the first capture group (or the whole match) of this regex. */
      regex: z.string().optional(),
      /**
       * How to normalise the value; as for HTML fields (numbers stay numbers); `html`: the value is HTML
       * markup (Discourse's `cooked`), read as its visible text. @default by field
       */
      parse: z
        .enum(["text", "html-text", "html", "int", "float", "date", "unix", "rating", "url"])
        .optional(),
      /** For `parse: rating`: the scale the site uses. @default 5 */
      scale: z.number().positive().optional(),
      /** A constant value instead of reading the item. */
      const: z.union([z.string(), z.number()]).optional(),
      /**
       * Build the value from a template: `{}` is the value read (needs `path`), `{$page}` the page URL,
       * any other `{path}` a path from the item: `https://2gis.ru/firm/{object.id}/tab/reviews#{id}`.
       */
      template: z.string().optional(),
    })
    .strict(),
]);
export type JsonFieldRule = z.infer<typeof JsonFieldRule>;

export const JsonFieldSpec = z.union([JsonFieldRule, z.array(JsonFieldRule).min(1)]);
export type JsonFieldSpec = z.infer<typeof JsonFieldSpec>;

/**
 * Where the JSON is. Without `script`/`variable`/`callback` the response body itself is JSON
 * (an anti-hijacking prefix like `)]}'` is dropped). With `path`, the value there is used instead;
 * a string found there is JSON text and is parsed in turn (Google's nested payloads).
 */
export const JsonState = z
  .object({
    /** A `<script>` element (CSS selector) whose text is JSON: `script#__NEXT_DATA__`. */
    script: z.string().min(1).optional(),
    /**
     * A JavaScript variable assigned in an inline script: `var initialState = JSON.parse('…')`,
     * `window.__STATE__ = {…}`, `APP_INITIALIZATION_STATE=[…]`. Give the name without `window.`.
     */
    variable: z
      .string()
      .regex(/^[A-Za-z_$][\w$]*$/, "a JavaScript identifier")
      .optional(),
    /** The `data` of `AF_initDataCallback({key: '<callback>', …, data: …})` (Google). */
    callback: z.string().min(1).optional(),
    path: JsonPath.optional(),
  })
  .strict()
  .refine((s) => [s.script, s.variable, s.callback].filter((x) => x !== undefined).length <= 1, {
    message: "give at most one of script, variable, callback",
  });
export type JsonState = z.infer<typeof JsonState>;

/** A fact the JSON states: `path` reaches a value (equal to `equals`, as text, when given). */
export const JsonSignal = z
  .object({
    path: JsonPath,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  })
  .strict();
export type JsonSignal = z.infer<typeof JsonSignal>;

/** The company's/branch's aggregate rating shown beside the reviews. */
export const JsonAggregate = z
  .object({
    /** Average rating, normalised to 1..5 (`scale` on the rule for other scales). */
    rating: JsonFieldSpec.optional(),
    /** Number of reviews/ratings. */
    count: JsonFieldSpec.optional(),
  })
  .strict();

export const JsonExtract = z
  .object({
    type: z.literal("json"),
    /** Where the JSON is: one locator, or a list tried in order. @default the body is JSON */
    state: z.union([JsonState, z.array(JsonState).min(1)]).optional(),
    /**
     * The items: a path to an array (each element is one item) or a fan-out path (`data.review.*.data`:
     * each value reached is one item). A list of paths is tried until one reaches something.
     */
    items: JsonPaths,
    /**
     * Only values where this path (from the value) reaches something are items: guards positional
     * fallbacks (`[*][0]`) against picking up unrelated arrays.
     */
    itemRequires: JsonPath.optional(),
    fields: z.partialRecord(FieldName, JsonFieldSpec),
    /** Platform-specific scalar facts stored under `extra`. */
    extra: z.record(Slug, JsonFieldSpec).optional(),
    /** Items hidden by the site (moderated, 2GIS `is_hidden`): `skip` them or `mark` them `extra.hidden`. */
    hidden: z
      .object({
        /** A path from the item; a true value (true, 1, "true") means hidden. */
        path: JsonPath,
        /** @default "skip" */
        action: z.enum(["skip", "mark"]).default("skip"),
      })
      .strict()
      .optional(),
    /** The next page's cursor, for `pagination.type: cursor` (from the document root). */
    nextCursor: JsonPaths.optional(),
    /** The next page's URL, when the response links it (from the document root). */
    nextUrl: JsonPaths.optional(),
    /** This is the last page when the value at `page` ≥ the value at `pages` (from the document root). */
    lastPage: z.object({ page: JsonPath, pages: JsonPath }).strict().optional(),
    /** The target does not exist (2GIS `meta.code: 404`): the crawl fails with "not found". */
    notFound: z.array(JsonSignal).optional(),
    aggregate: JsonAggregate.optional(),
  })
  .strict();
export type JsonExtract = z.infer<typeof JsonExtract>;

/** schema.org Review (+ AggregateRating) from JSON-LD, microdata and hreview: no site definition needed. */
export const SchemaOrgExtract = z
  .object({
    type: z.literal("schema-org"),
    /** Which markups to read. @default ["json-ld", "microdata", "hreview"] */
    formats: z
      .array(z.enum(["json-ld", "microdata", "hreview"]))
      .min(1)
      .optional(),
  })
  .strict();
export type SchemaOrgExtract = z.infer<typeof SchemaOrgExtract>;
