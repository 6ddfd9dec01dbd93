/** The fields an extractor can fill in a mention (shared by every extract type). */
import { z } from "zod";

export const FieldName = z.enum([
  "externalId",
  "url",
  "author",
  "publishedAt",
  "rating",
  "title",
  "text",
  "pros",
  "cons",
  "replyText",
  "replyDate",
  "replyAuthor",
  "likes",
  "language",
  "subject",
]);
export type FieldName = z.infer<typeof FieldName>;
