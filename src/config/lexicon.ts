/** `rules/lexicon/<lang>.yaml`: sentiment weights for one language (the language stage owns the details). */
import { z } from "zod";

export const LexiconFile = z
  .object({
    /** ISO 639-1 code; must equal the file name. */
    language: z.string().regex(/^[a-z]{2}$/),
    /** Where the entries come from and under which licence. */
    source: z.string().optional(),
    /** Single words (matched on their stems) → weight, negative is bad. */
    words: z.record(z.string(), z.number()).default({}),
    /** Multi-word phrases, matched before words → weight. */
    phrases: z.record(z.string(), z.number()).default({}),
  })
  .strict();
export type LexiconFile = z.infer<typeof LexiconFile>;
