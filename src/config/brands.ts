/** `rules/brands.yaml`: the brands we watch, how they are named, and their pages on each platform. */
import { z } from "zod";
import { HttpUrl, Slug } from "./common.js";

/** A brand's page on one platform: either the platform's id for it (fills the source's `targetUrl`) or a URL. */
export const BrandTarget = z
  .object({
    /** Source id (a file name in sources/ without .yaml). */
    source: Slug,
    /** The brand's id on that platform (fills `{id}` in the source's targetUrl). */
    id: z.string().min(1).optional(),
    /** Full start URL, instead of `id`. */
    url: HttpUrl.optional(),
    /** Branch/product label to show in alerts ("ул. Ленина, 5"). */
    label: z.string().optional(),
  })
  .strict()
  .refine((t) => Boolean(t.id) !== Boolean(t.url), { message: "give exactly one of `id` or `url`" });
export type BrandTarget = z.infer<typeof BrandTarget>;

/** "A within N words of B": one of `terms` must occur within `within` words of the brand name. */
export const NearRule = z
  .object({
    terms: z.array(z.string().min(1)).min(1),
    /** Distance in words between the brand name and a term. */
    within: z.number().int().positive(),
  })
  .strict();
export type NearRule = z.infer<typeof NearRule>;

export const Brand = z
  .object({
    id: Slug,
    /** Canonical name, shown in alerts and digests. */
    name: z.string().min(1),
    /** Other names and spellings (Latin/Cyrillic, abbreviations). Inflected forms are generated. */
    aliases: z.array(z.string().min(1)).default([]),
    /** Phrases that mean a match is NOT about the brand ("apple pie"). */
    exclusions: z.array(z.string().min(1)).default([]),
    /** When set, a match counts only if one of these words is near it. */
    context: z.array(z.string().min(1)).default([]),
    /** How near (in words) a `context` word must be. @default 12 */
    contextWindow: z.number().int().positive().default(12),
    /** Boolean AND: every one of these words must occur somewhere in the text. @default [] */
    all: z.array(z.string().min(1)).default([]),
    /** Boolean NOT: no match when any of these words occurs anywhere in the text. @default [] */
    none: z.array(z.string().min(1)).default([]),
    /** Proximity rules, all of which must hold for a match ("Сбер" within 5 words of "банк"). @default [] */
    near: z.array(NearRule).default([]),
    /** Generate Russian case forms of Cyrillic names (Сбербанк → Сбербанка, Сбербанком). @default true */
    inflect: z.boolean().default(true),
    /** Tolerate one typo in names of 7+ letters (two in 12+). @default true */
    fuzzy: z.boolean().default(true),
    /** A competitor (shown side by side in the digest), not one of ours. @default false */
    competitor: z.boolean().default(false),
    targets: z.array(BrandTarget).default([]),
  })
  .strict();
export type Brand = z.infer<typeof Brand>;

export const BrandsFile = z.object({ brands: z.array(Brand).min(1) }).strict();
export type BrandsFile = z.infer<typeof BrandsFile>;
