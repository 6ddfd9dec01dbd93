/**
 * Was this alert already posted? Every message repwatch posts carries its key in `metadata`, so after
 * an ambiguous failure (a timeout after Slack stored the message, a process killed between Slack's
 * answer and the outbox commit) the channel's history tells. Thread replies are not in the history:
 * the replies of repwatch's own thread parents (and of any parent the caller names) are searched too.
 *
 * Lookups are cached per channel for a minute (one delivery pass) and dropped after any ambiguous
 * failure in that channel, when the history may have changed behind our back.
 */
import type { SlackApi } from "./api.js";

export const METADATA_TYPES = { alert: "repwatch_alert", batch: "repwatch_batch" } as const;

interface SlackMessageItem {
  ts: string;
  thread_ts?: string;
  reply_count?: number;
  metadata?: { event_type?: string; event_payload?: { key?: unknown } };
}

interface Page {
  messages?: SlackMessageItem[];
  response_metadata?: { next_cursor?: string };
}

interface ChannelIndex {
  fetchedAt: number;
  /** Oldest instant (seconds) covered. */
  oldest: number;
  keys: Map<string, string>;
  /** ts of repwatch messages that have replies. */
  parents: string[];
}

export interface Found {
  ts: string;
  threadTs?: string;
}

const MAX_PAGES = 10;
const CACHE_MS = 60_000;
/** Clock skew allowed between us and Slack. */
const SKEW_SECONDS = 300;

function keyOf(m: SlackMessageItem): string | undefined {
  const type = m.metadata?.event_type;
  const key = m.metadata?.event_payload?.key;
  return type?.startsWith("repwatch_") && typeof key === "string" ? key : undefined;
}

export function createLocator(api: SlackApi) {
  const channels = new Map<string, ChannelIndex>();
  const threads = new Map<string, Map<string, string>>();

  async function pages(method: string, args: Record<string, unknown>): Promise<SlackMessageItem[]> {
    const out: SlackMessageItem[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await api.call<Page>(method, { ...args, limit: 200, include_all_metadata: true, cursor });
      out.push(...(page.messages ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return out;
  }

  async function history(channel: string, oldest: number): Promise<ChannelIndex> {
    const cached = channels.get(channel);
    if (cached && cached.oldest <= oldest && Date.now() - cached.fetchedAt < CACHE_MS) return cached;
    for (const id of threads.keys()) if (id.startsWith(`${channel}/`)) threads.delete(id);
    const index: ChannelIndex = { fetchedAt: Date.now(), oldest, keys: new Map(), parents: [] };
    for (const m of await pages("conversations.history", { channel, oldest: oldest.toFixed(6) })) {
      const key = keyOf(m);
      if (key) index.keys.set(key, m.ts);
      if (m.metadata?.event_type?.startsWith("repwatch_") && (m.reply_count ?? 0) > 0)
        index.parents.push(m.ts);
    }
    channels.set(channel, index);
    return index;
  }

  async function replies(channel: string, parent: string): Promise<Map<string, string>> {
    const id = `${channel}/${parent}`;
    const cached = threads.get(id);
    if (cached) return cached;
    const keys = new Map<string, string>();
    for (const m of await pages("conversations.replies", { channel, ts: parent })) {
      const key = keyOf(m);
      if (key && m.ts !== parent) keys.set(key, m.ts);
    }
    threads.set(id, keys);
    return keys;
  }

  return {
    /** The message carrying `key`, posted after `since` at top level or in a thread; undefined when none. */
    async find(
      channel: string,
      key: string,
      since: Date,
      parents: string[] = [],
    ): Promise<Found | undefined> {
      const index = await history(channel, Math.max(0, since.getTime() / 1000 - SKEW_SECONDS));
      const top = index.keys.get(key);
      if (top) return { ts: top };
      for (const parent of new Set([...parents, ...index.parents])) {
        const ts = (await replies(channel, parent)).get(key);
        if (ts) return { ts, threadTs: parent };
      }
      return undefined;
    },
    /** Forget what was seen in `channel` (after an ambiguous failure there). */
    invalidate(channel: string): void {
      channels.delete(channel);
      for (const id of threads.keys()) if (id.startsWith(`${channel}/`)) threads.delete(id);
    },
  };
}

export type Locator = ReturnType<typeof createLocator>;
