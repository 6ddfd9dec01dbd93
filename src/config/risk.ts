/** `rules/risk.yaml`: risk flags raised independently of sentiment (legal threats, fraud, safety, ...). */
import { z } from "zod";
import { Slug } from "./common.js";

export const RiskRule = z
  .object({
    /** Flag id stored on the mention and shown in alerts, e.g. `legal-threat`. */
    id: Slug,
    description: z.string().optional(),
    /**
     * Trigger terms in any language. A single word matches on its stem ("суд" matches "суда", "судом");
     * a trailing `*` matches any word starting with it ("роспотребнадзор*"); several words form a phrase
     * matched word by word on stems ("задержка зарплаты").
     */
    terms: z.array(z.string().min(1)).min(1),
    /** Phrases that cancel a trigger they overlap ("судя по" is not a court). @default [] */
    exclude: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type RiskRule = z.infer<typeof RiskRule>;

export const RiskFile = z.object({ flags: z.array(RiskRule).min(1) }).strict();
export type RiskFile = z.infer<typeof RiskFile>;
