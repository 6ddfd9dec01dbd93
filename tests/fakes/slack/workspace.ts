/**
 * The fake Slack's state: channels and their messages (top level and thread replies), uploaded files.
 * `ts` values are real-time based and strictly increasing, like Slack's.
 */
export interface FakeChannel {
  id: string;
  name: string;
  /** The bot is a member (else posts answer `not_in_channel`). @default true */
  member?: boolean;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  files?: { id: string; title?: string }[];
  edited?: { ts: string };
  /** The request body that created or last updated it. */
  args: Record<string, unknown>;
}

export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  bytes?: number;
  title?: string;
  channel?: string;
}

export class Workspace {
  readonly channels: FakeChannel[];
  readonly messages: FakeMessage[] = [];
  readonly files = new Map<string, FakeFile>();
  private lastTs = 0;
  private fileSeq = 0;

  constructor(channels: FakeChannel[]) {
    this.channels = channels;
  }

  /** A channel by id or name (`#name` / `name`). */
  channel(ref: unknown): FakeChannel | undefined {
    if (typeof ref !== "string") return undefined;
    const name = ref.replace(/^#/, "");
    return this.channels.find((c) => c.id === ref || c.name === name);
  }

  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
  }

  find(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** Top-level messages of a channel (what `conversations.history` lists), newest first. */
  history(channel: string): FakeMessage[] {
    return this.messages
      .filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts))
      .reverse();
  }

  /** The parent and its replies, oldest first. */
  thread(channel: string, ts: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts));
  }

  replyCount(channel: string, ts: string): number {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts).length;
  }

  newFile(filename: string, length: number): FakeFile {
    const file = { id: `F${String(++this.fileSeq).padStart(8, "0")}`, filename, length };
    this.files.set(file.id, file);
    return file;
  }
}
