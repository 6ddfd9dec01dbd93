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
 *   maxRating   | mention has a rating and rating <= maxRating
 *               | (a mention without a rating never satisfies maxRating)
 *
 * When a rule gives both `sentiment` and `maxRating`, both must hold. To alert on "negative text
 * OR low rating", write two rules. Each firing rule yields one intent per notifier it names.
 */
import type { AlertRule } from "../config/alerts.js";
import type { StoredMention } from "../domain/mention.js";
import type { AlertIntent } from "../store/store.js";

export function ruleMatches(rule: AlertRule, m: StoredMention, change: "new" | "changed"): boolean {
  const c = rule.match;
  if (!c.on.includes(change)) return false;
  if (c.brands && !c.brands.includes(m.brandId)) return false;
  if (c.platforms && !c.platforms.includes(m.platform)) return false;
  if (c.kinds && !c.kinds.includes(m.kind)) return false;
  if (c.sentiment && !c.sentiment.includes(m.analysis.label)) return false;
  if (c.maxRating !== undefined && (m.rating === undefined || m.rating > c.maxRating)) return false;
  return true;
}

export function decideAlerts(
  rules: readonly AlertRule[],
  m: StoredMention,
  change: "new" | "changed",
): AlertIntent[] {
  return rules
    .filter((r) => ruleMatches(r, m, change))
    .flatMap((r) => r.notify.map((notifierId) => ({ ruleId: r.id, notifierId, severity: r.severity })));
}
