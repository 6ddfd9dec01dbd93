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
    /** A competitor (shown side by side in the digest), not one of ours. @default false */
    competitor: z.boolean().default(false),
    targets: z.array(BrandTarget).default([]),
  })
  .strict();
export type Brand = z.infer<typeof Brand>;

export const BrandsFile = z.object({ brands: z.array(Brand).min(1) }).strict();
export type BrandsFile = z.infer<typeof BrandsFile>;
