/**
 * The alert decision: which rules fire for one stored mention. Pure.
 *
 * Truth table, per rule (every row must hold for the rule to fire; an absent condition is "any"):
 *
 *   change          | rule.match.on            | fires?
 *   ----------------+--------------------------+-------
 *   new             | includes "new" (default) | yes
 *   changed         | includes "changed"       | yes
 *   other           | —                        | no
 *
 *   condition   | holds when
 *   ------------+---------------------------------------------------------------------------
 *   brands      | mention.brandId is listed
 *   platforms   | mention.platform is listed
 *   kinds       | mention.kind is listed
 *   sentiment   | mention.analysis.label is listed
 *   maxScore    | analysis.score <= maxScore
 *   minScore    | analysis.score >= minScore
 *   maxRating   | mention has a rating and rating <= maxRating
 *   minRating   | mention has a rating and rating >= minRating
 *               | (a mention without a rating never satisfies maxRating or minRating)
 *   risks       | analysis.risks has at least one listed flag
 *   keywords    | one keyword starts a word in title, text, pros or cons (case-insensitive, ё = е)
 *   languages   | analysis.lang is listed
 *
 * When a rule gives several conditions, all must hold. To alert on "negative text OR low rating",
 * write two rules. Each firing rule yields one intent per notifier it names (one channel each).
 *
 *   several firing rules name the same notifier | one intent: the most severe rule (the first on a tie)
 *
 * so a review that is both negative and a legal threat is one message in the channel, not two.
 * Quiet hours do not change the decision: they only delay delivery (see quiet-hours.ts).
 */
import type { AlertRule } from "../config/alerts.js";
import type { StoredMention } from "../domain/mention.js";
import type { AlertIntent } from "../store/store.js";

/** Lower case, ё → е, so keywords match however the review spells them. */
export function foldText(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е");
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True when `keyword` (already folded) starts at a word boundary somewhere in `text` (folded). */
export function hasKeyword(text: string, keyword: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(keyword, from);
    if (at < 0) return false;
    if (at === 0 || !WORD_CHAR.test(text[at - 1] ?? "")) return true;
    from = at + 1;
  }
}

function keywordsMatch(keywords: readonly string[], m: StoredMention): boolean {
  const text = foldText([m.title, m.text, m.pros, m.cons].filter(Boolean).join("\n"));
  return keywords.some((k) => hasKeyword(text, foldText(k.trim())));
}

export function ruleMatches(rule: AlertRule, m: StoredMention, change: "new" | "changed"): boolean {
  const c = rule.match;
  const a = m.analysis;
  if (!c.on.includes(change)) return false;
  if (c.brands && !c.brands.includes(m.brandId)) return false;
  if (c.platforms && !c.platforms.includes(m.platform)) return false;
  if (c.kinds && !c.kinds.includes(m.kind)) return false;
  if (c.sentiment && !c.sentiment.includes(a.label)) return false;
  if (c.maxScore !== undefined && !(a.score <= c.maxScore)) return false;
  if (c.minScore !== undefined && !(a.score >= c.minScore)) return false;
  if (c.maxRating !== undefined && (m.rating === undefined || m.rating > c.maxRating)) return false;
  if (c.minRating !== undefined && (m.rating === undefined || m.rating < c.minRating)) return false;
  if (c.risks && !a.risks.some((r) => c.risks?.includes(r.flag))) return false;
  if (c.keywords && !keywordsMatch(c.keywords, m)) return false;
  if (c.languages && !c.languages.includes(a.lang)) return false;
  return true;
}

const RANK = { info: 0, warning: 1, critical: 2 } as const;

export function decideAlerts(
  rules: readonly AlertRule[],
  m: StoredMention,
  change: "new" | "changed",
): AlertIntent[] {
  const byNotifier = new Map<string, AlertIntent>();
  for (const r of rules) {
    if (!ruleMatches(r, m, change)) continue;
    for (const notifierId of r.notify) {
      const had = byNotifier.get(notifierId);
      if (!had || RANK[r.severity] > RANK[had.severity])
        byNotifier.set(notifierId, { ruleId: r.id, notifierId, severity: r.severity });
    }
  }
  return [...byNotifier.values()];
}
