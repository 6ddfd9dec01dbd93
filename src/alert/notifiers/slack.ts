/**
 * The Slack notifier: Block Kit messages through the real `@slack/web-api` WebClient, one channel per
 * notifier. Threads are real: batches, storms and review attacks collect their alerts as replies, and
 * an edited review updates its original message (`chat.update`) and adds a note in its thread.
 * Without its token (e.g. SLACK_BOT_TOKEN unset) the notifier is unavailable: its alerts stay pending
 * and go out on the first run that has the token.
 */
import { SlackNotifierConfig } from "../../config/alerts.js";
import { PermanentSendError, RetryLaterError } from "../errors.js";
import { createSlackApi } from "../slack/api.js";
import { editNote, mentionMessage, messageFor } from "../slack/blocks.js";
import { createLocator, METADATA_TYPES } from "../slack/locate.js";
import { createPoster, withRetries } from "../slack/post.js";
import { formatReceipt, parseReceipt, threadRoot } from "../slack/receipt.js";
import type { NotifierProvider } from "./notifier.js";

export const slackProvider: NotifierProvider<SlackNotifierConfig> = {
  type: "slack",
  configSchema: SlackNotifierConfig,
  create(config, deps) {
    const env = deps.env ?? process.env;
    const token = env[config.tokenEnv];
    const base = { id: config.id, threads: true, batchOver: config.batchOver };
    if (!token) {
      const why = `${config.tokenEnv} is not set`;
      return {
        ...base,
        unavailable: why,
        async send() {
          throw new RetryLaterError(`slack notifier "${config.id}": ${why}`);
        },
      };
    }
    const api = createSlackApi({
      token,
      apiUrl: env.REPWATCH_SLACK_API_URL || undefined,
      timeoutMs: config.timeoutMs,
      log: deps.log,
    });
    const locator = createLocator(api);
    const policy = { attempts: config.attempts, maxWaitSeconds: config.maxWaitSeconds };
    const post = createPoster(api, locator, policy);
    const channel = config.channel;

    return {
      ...base,
      async send(d) {
        const since = new Date(d.createdAt);
        const eventType = d.content.type === "batch" ? METADATA_TYPES.batch : METADATA_TYPES.alert;
        const original = d.content.type === "mention" ? parseReceipt(d.edits) : undefined;
        if (original && d.content.type === "mention") {
          const updated = mentionMessage(d.content);
          try {
            await withRetries(policy, () =>
              api.call("chat.update", { channel: original.channel, ts: original.ts, ...updated }),
            );
          } catch (err) {
            // A deleted or foreign original: the note below still tells the channel.
            if (!(err instanceof PermanentSendError && /message_not_found|cant_update/.test(err.message)))
              throw err;
          }
          const thread = threadRoot(original);
          const note = await post({
            channel: original.channel,
            key: d.key,
            eventType,
            since,
            message: editNote(d.content),
            threadTs: thread,
            mayExist: d.mayExist,
          });
          return { receipt: formatReceipt({ channel: original.channel, ...note, threadTs: thread }) };
        }
        const parent = parseReceipt(d.threadOf);
        const threadTs = parent && parent.channel === channel ? threadRoot(parent) : undefined;
        const found = await post({
          channel,
          key: d.key,
          eventType,
          since,
          message: messageFor(d.content),
          threadTs,
          mayExist: d.mayExist,
        });
        return { receipt: formatReceipt({ channel, ...found }) };
      },
    };
  },
};
