/**
 * Scores one field (title, text, pros or cons) with one lexicon: phrases before words, negation
 * scope, intensifiers/diminishers, contrast ("но": the later clause weighs more), concession ("хотя"),
 * exclamation, CAPS, questions, emoji and emoticons, names, the closing sentence. The field is cut into
 * sentences, clauses and words in one pass; its words and stems are returned for risk flags. Pure.
 */
import type { Reason } from "../domain/mention.js";
import { extractEmoji } from "./emoji.js";
import type { CompiledLexicon } from "./lexicon.js";
import type { Lang } from "./nlp.js";
import { scoreClause, type Token } from "./score-clause.js";

export type Field = NonNullable<Reason["field"]>;

export interface FieldScore {
  /** Sum of positive contributions. */
  pos: number;
  /** Sum of negative contributions, as a positive number. */
  neg: number;
  reasons: Reason[];
  /** Number of words seen. */
  words: number;
  /** Lower-cased words of the field, in order (for risk flags). */
  tokens: string[];
  /** Their stems. */
  stems: string[];
}

export interface Contribution {
  reason: Reason;
  clause: number;
}

const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.4;
/**
 * Per language, what the clause after "but" weighs. English keeps it at its own weight: the English
 * decision already weighs a complaint 2.5× (decide.ts), so "Good price but the wait is frustrating" is
 * read as the balanced three-star remark it is once the praise before "but" is halved.
 */
const CONTRAST_AFTER_LANG: Partial<Record<Lang, number>> = { en: 1 };
const CONCESSIVE = 0.5;
const QUESTION = 0.6;
const EXCLAMATION = 1.25;
/** The closing sentence of a review is its verdict. */
const LAST_SENTENCE = 1.25;
/** A sentence that opens as the author's overall verdict (lexicon `verdicts`: "Overall, …", "В общем, …") weighs as a title. */
const VERDICT = 1.5;
/** A clause denied by the one before it ("не могу сказать, что книга плохая"): praise flips, a complaint turns mild praise. */
const DENIED_POSITIVE = -0.5;
const DENIED_NEGATIVE = -0.4;
/** Weight of a question that is a complaint ("Почему я должна ждать месяц?"). */
const RHETORICAL = -1;
const RHETORICAL_START = new Set("почему зачем доколе сколько неужели why защо чому навіщо невже".split(" "));

/** Words, sentence ends and clause breaks, in one pass. */
const PIECE_RE = /([\p{L}\p{M}\p{N}]+)|([.!?…\n]+)|([,;:()\u2014\u2013"«»“”„]|\s-\s)/gu;

/** Whether a text's start is all capitals (a text in CAPS: no single word stands out). */
function isMostlyCaps(text: string): boolean {
  const head = text.length > 300 ? text.slice(0, 300) : text;
  return head === head.toUpperCase() && /\p{L}{3}/u.test(head) && head !== head.toLowerCase();
}

function isCaps(raw: string): boolean {
  return raw.length >= 3 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
}

/** First letter upper-case, the rest lower-case (`lower` is `raw` lower-cased). */
function isCapitalised(raw: string, lower: string): boolean {
  return raw !== lower && raw.length > 1 && raw[0] !== lower[0] && raw.slice(1) === lower.slice(1);
}

/**
 * Capitalised words next to each other inside a sentence are a name ("Pets Best", "Healthy Paws",
 * "Хоум Кредит"), not sentiment; Title Case lines are left alone.
 */
function markNames(tokens: Token[]): void {
  if (tokens.length < 3) return;
  let capital = 0;
  for (const t of tokens) if (t.raw !== t.w && isCapitalised(t.raw, t.w)) capital++;
  if (capital < 2 || capital * 2 > tokens.length) return;
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1]!;
    const b = tokens[i]!;
    if (b.raw === b.w || a.raw === a.w) continue;
    if (isCapitalised(b.raw, b.w) && (isCapitalised(a.raw, a.w) || isCaps(a.raw))) {
      a.name = true;
      b.name = true;
    }
  }
}

/** Links and @handles: no sentiment, and "://" must not read as the emoticon ":/". */
const LINK_RE =
  /(?:https?:\/\/|www\.)\S*|\b[a-z0-9-]+\.(?:ru|com|net|org|co|me|ly|рф)\/\S*|@[\p{L}\p{N}_]+/giu;

export function scoreField(text: string, lex: CompiledLexicon, field: Field): FieldScore {
  const out: FieldScore = { pos: 0, neg: 0, reasons: [], words: 0, tokens: [], stems: [] };
  const { hits, rest } = extractEmoji(
    text.includes("/") || text.includes("@") ? text.replace(LINK_RE, " ") : text,
  );
  for (const h of hits) out.reasons.push({ term: h.term, weight: h.weight, field, note: "emoji" });
  const body = rest.replace(/[’ʼ`´]/g, "'").replace(/n't\b/gi, " not");
  // Lower-case once; per-token slices of it are valid while lower-casing keeps lengths (it nearly always does).
  const lowered = body.toLowerCase().replace(/ё/g, "е");
  const sameLength = lowered.length === body.length;
  const mostlyCaps = isMostlyCaps(body);

  const sentences: Contribution[][] = [];
  let clauses: Token[][] = [];
  let clause: Token[] = [];
  let prevSentence: Contribution[] = [];
  const endClause = () => {
    if (clause.length > 0) clauses.push(clause);
    clause = [];
  };
  const endSentence = (punct: string) => {
    endClause();
    if (clauses.length === 0) return;
    const contribs = scoreSentence(clauses, punct, lex, field, mostlyCaps, prevSentence, out);
    clauses = [];
    if (contribs.length > 0) sentences.push(contribs);
    prevSentence = contribs;
  };
  let quoted: Token[] | undefined;
  for (const m of body.matchAll(PIECE_RE)) {
    if (m[1] !== undefined) {
      const raw = m[1];
      const w = sameLength
        ? lowered.slice(m.index, m.index + raw.length)
        : raw.toLowerCase().replace(/ё/g, "е");
      const tok: Token = { raw, w, s: "" };
      clause.push(tok);
      if (quoted) quoted.push(tok);
    } else if (m[2] !== undefined) {
      endSentence(m[2]);
      if (m[2].includes("\n")) quoted = undefined;
    } else {
      endClause();
      const q = m[3];
      const toggle = q === '"' || q === "“";
      if (q === "«" || q === "„" || (toggle && !quoted)) quoted = [];
      else if (q === "»" || q === "”" || toggle) {
        // A closed quotation: how many words it held (a short one is scare quotes, a long one a slogan or speech).
        for (const t of quoted ?? []) t.quote = quoted!.length;
        quoted = undefined;
      }
    }
  }
  endSentence("");

  const last = sentences.at(-1);
  if (field === "text" && last && sentences.length >= 3) {
    for (const c of last) {
      c.reason.weight *= LAST_SENTENCE;
      c.reason.note = c.reason.note ? `${c.reason.note}, closing` : "closing";
    }
  }
  for (const s of sentences) for (const c of s) out.reasons.push(c.reason);
  for (const r of out.reasons) {
    r.weight = Math.round(r.weight * 100) / 100;
    if (r.weight > 0) out.pos += r.weight;
    else out.neg -= r.weight;
  }
  return out;
}

/**
 * Whether one of `seqs` ends right before position `k` of `tokens` (a sentence's words, across its
 * clause breaks: "не могу сказать, что" is one denial).
 */
function endsAt(tokens: Token[], k: number, seqs: string[][]): boolean {
  return seqs.some((q) => q.length <= k && q.every((w, i) => tokens[k - q.length + i]?.w === w));
}

function scoreSentence(
  clauses: Token[][],
  punct: string,
  lex: CompiledLexicon,
  field: Field,
  mostlyCaps: boolean,
  prevSentence: Contribution[],
  out: FieldScore,
): Contribution[] {
  const excl = punct.includes("!");
  const question = !excl && punct.includes("?");
  const flat = clauses.flat();
  markNames(flat);
  const contribs: Contribution[] = [];
  let clauseIdx = 0;
  let contrastAt = -1;
  const concessiveClauses = new Set<number>();
  const deniedClauses = new Set<number>();
  /** Index in `flat` of the current clause's first word. */
  let offset = 0;
  for (const tokens of clauses) {
    // A clause may hold its own contrast word mid-way ("хорошо но дорого"), or a denial may end mid-way
    // ("не скажу что плохо"): split there too.
    let start = 0;
    for (let k = 0; k <= tokens.length; k++) {
      const t = tokens[k];
      const boundary =
        k === tokens.length ||
        (k > start && t !== undefined && (lex.contrast.has(t.w) || endsAt(flat, offset + k, lex.denials)));
      if (!boundary) continue;
      const part = tokens.slice(start, k);
      const first = part[0]?.w;
      // The part right after a denial ("не могу сказать, что" + "книга плохая") is denied.
      if (endsAt(flat, offset + start, lex.denials)) deniedClauses.add(clauseIdx);
      if (first !== undefined && lex.contrast.has(first)) {
        if (clauseIdx === 0 && contribs.length === 0) {
          for (const c of prevSentence) c.reason.weight *= CONTRAST_BEFORE;
        }
        contrastAt = clauseIdx;
      }
      if (first !== undefined && lex.concessive.has(first)) concessiveClauses.add(clauseIdx);
      scoreClause(part, lex, !mostlyCaps, field, clauseIdx, contribs, out);
      clauseIdx++;
      start = k;
    }
    offset += tokens.length;
  }
  const contrastAfter = CONTRAST_AFTER_LANG[lex.lang] ?? CONTRAST_AFTER;
  const opener = clauses[0]?.[0]?.w;
  if (question && opener !== undefined && RHETORICAL_START.has(opener) && field !== "title") {
    contribs.push({
      reason: {
        term: `${clauses[0]!.map((t) => t.w).join(" ")}?`,
        weight: RHETORICAL,
        field,
        note: "rhetorical",
      },
      clause: 0,
    });
  }
  const head = clauses[0] ?? [];
  const verdict =
    field === "text" &&
    lex.verdicts.some((o) => o.length <= head.length && o.every((w, i) => head[i]?.w === w));
  for (const c of contribs) {
    let f = verdict ? VERDICT : 1;
    if (deniedClauses.has(c.clause)) {
      f *= c.reason.weight > 0 ? DENIED_POSITIVE : DENIED_NEGATIVE;
      c.reason.note = c.reason.note ? `${c.reason.note}, denied` : "denied";
    }
    if (contrastAt >= 0) f *= c.clause < contrastAt ? CONTRAST_BEFORE : contrastAfter;
    if (concessiveClauses.has(c.clause)) f *= CONCESSIVE;
    if (excl) f *= EXCLAMATION;
    if (question && c.reason.note !== "rhetorical") f *= QUESTION;
    c.reason.weight *= f;
    if (contrastAt >= 0 && c.clause >= contrastAt)
      c.reason.note = c.reason.note ? `${c.reason.note}, contrast` : "contrast";
  }
  return contribs;
}
