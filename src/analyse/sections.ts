/**
 * Splits review text that carries its site's section headings ("Достоинства: … Недостатки: … Отзыв: …",
 * "Pros: … Cons: …") into fields, so that each is scored by its own rules and the headings themselves
 * do not count as words.
 */

export interface Sections {
  title?: string;
  text: string;
  pros?: string;
  cons?: string;
}

const HEADINGS: Record<string, "pros" | "cons" | "text" | "skip"> = {
  достоинства: "pros",
  плюсы: "pros",
  преимущества: "pros",
  pros: "pros",
  недостатки: "cons",
  минусы: "cons",
  cons: "cons",
  отзыв: "text",
  комментарий: "text",
  "общие впечатления": "text",
  review: "text",
  "advice to management": "skip",
  "совет руководству": "skip",
  "пожелания руководству": "skip",
};

const HEADING_RE = new RegExp(`(^|\\n|\\s{2,}|[.!?]\\s+)(${Object.keys(HEADINGS).join("|")})\\s*:`, "giu");

/** Splits `text` on known headings; text without headings comes back as `{ text }`. */
export function splitSections(text: string): Sections {
  const marks: { at: number; end: number; kind: "pros" | "cons" | "text" | "skip" }[] = [];
  for (const m of text.matchAll(HEADING_RE)) {
    const lead = m[1] ?? "";
    const name = (m[2] ?? "").toLowerCase();
    const kind = HEADINGS[name];
    if (!kind) continue;
    marks.push({ at: (m.index ?? 0) + lead.length, end: (m.index ?? 0) + m[0].length, kind });
  }
  if (marks.length === 0) {
    // A short first line without final punctuation, followed by more text, is the review's title
    // (Trustpilot, Yelp, forum posts exported as "title\ntext").
    const nl = text.indexOf("\n");
    if (nl > 0 && nl <= 80) {
      const first = text.slice(0, nl).trim();
      const rest = text.slice(nl + 1).trim();
      if (first && rest.length > first.length && !/[.,;:]$/.test(first)) return { title: first, text: rest };
    }
    return { text };
  }
  const out: Sections = { text: "" };
  const head = text.slice(0, marks[0]!.at).trim();
  const parts: Record<"pros" | "cons" | "text", string[]> = { pros: [], cons: [], text: [] };
  marks.forEach((mk, i) => {
    const body = text.slice(mk.end, marks[i + 1]?.at ?? text.length).trim();
    if (mk.kind !== "skip" && body) parts[mk.kind].push(body);
  });
  if (head) {
    // A short first line before the sections is the review's title (otzovik, glassdoor).
    if (head.length <= 200 && !head.includes("\n")) out.title = head;
    else parts.text.unshift(head);
  }
  if (parts.pros.length) out.pros = parts.pros.join("\n");
  if (parts.cons.length) out.cons = parts.cons.join("\n");
  out.text = parts.text.join("\n");
  return out;
}

/** Removes extra headings given by a lexicon (`headings:`), keeping the text after them. */
export function stripHeadings(text: string, headings: RegExp | undefined): string {
  return headings ? text.replace(headings, " ") : text;
}
