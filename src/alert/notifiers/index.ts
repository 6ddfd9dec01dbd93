/** The notifier registry: one provider per file in this folder (a test checks they agree). */
import type { NotifierConfig } from "../../config/alerts.js";
import { consoleProvider } from "./console.js";
import type { Notifier, NotifierDeps, NotifierProvider } from "./notifier.js";
import { slackProvider } from "./slack.js";
import { webhookProvider } from "./webhook.js";

// biome-ignore lint/suspicious/noExplicitAny: providers differ in their config type
export const NOTIFIER_PROVIDERS: Record<string, NotifierProvider<any>> = {
  console: consoleProvider,
  slack: slackProvider,
  webhook: webhookProvider,
};

export function createNotifiers(
  configs: readonly NotifierConfig[],
  deps: NotifierDeps,
): Map<string, Notifier> {
  const out = new Map<string, Notifier>();
  for (const c of configs) {
    const provider = NOTIFIER_PROVIDERS[c.type];
    if (!provider) throw new Error(`no notifier provider for type "${c.type}"`);
    out.set(c.id, provider.create(provider.configSchema.parse(c), deps));
  }
  return out;
}
