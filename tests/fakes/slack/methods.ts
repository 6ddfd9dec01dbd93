/** The Web API methods of the fake Slack, over its Workspace. */
import type { FakeMessage, Workspace } from "./workspace.js";

export interface ApiRequest {
  method: string;
  body: Record<string, unknown>;
  /** `http://127.0.0.1:<port>`, for upload URLs. */
  base: string;
  fileId?: string;
  bytes: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: Record<string, unknown>;
  text?: string;
}

const ok = (json: Record<string, unknown> = {}): Reply => ({ json: { ok: true, ...json } });
const fail = (error: string, extra: Record<string, unknown> = {}): Reply => ({
  json: { ok: false, error, ...extra },
});
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Slack's limits for the blocks we use; the first violation, or undefined. */
export function blockProblem(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return "blocks must be an array";
  if (blocks.length > 50) return `${blocks.length} blocks (max 50)`;
  for (const [i, b] of blocks.entries()) {
    const block = b as {
      type?: string;
      text?: { text?: string };
      fields?: { text?: string }[];
      elements?: unknown[];
    };
    const len = block.text?.text?.length ?? 0;
    if (block.type === "header" && len > 150) return `blocks[${i}] header text ${len} > 150`;
    if (block.type === "section") {
      if (len > 3000) return `blocks[${i}] section text ${len} > 3000`;
      if ((block.fields?.length ?? 0) > 10) return `blocks[${i}] has more than 10 fields`;
      const long = block.fields?.find((f) => (f.text?.length ?? 0) > 2000);
      if (long) return `blocks[${i}] field text > 2000`;
      if (!block.text && !block.fields) return `blocks[${i}] section without text or fields`;
    }
    if (block.type === "context" && (block.elements?.length ?? 0) > 10) return `blocks[${i}] > 10 elements`;
  }
  return undefined;
}

function view(ws: Workspace, m: FakeMessage, withMetadata: boolean): Record<string, unknown> {
  const replies = ws.replyCount(m.channel, m.ts);
  return {
    type: "message",
    user: "U0BOT00001",
    bot_id: "B0BOT00001",
    ts: m.ts,
    text: m.text,
    blocks: m.blocks,
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(replies > 0 ? { thread_ts: m.ts, reply_count: replies } : {}),
    ...(m.files ? { files: m.files } : {}),
    ...(m.edited ? { edited: m.edited } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

function page(ws: Workspace, list: FakeMessage[], body: Record<string, unknown>, key: string): Reply {
  const oldest = Number(str(body.oldest) ?? body.oldest ?? 0);
  const latest = body.latest === undefined ? Number.POSITIVE_INFINITY : Number(body.latest);
  const inclusive = body.inclusive === true || body.inclusive === "true";
  const within = list.filter((m) => {
    const t = Number(m.ts);
    return (inclusive ? t >= oldest : t > oldest) && (inclusive ? t <= latest : t < latest);
  });
  const limit = Math.min(999, Math.max(1, Number(body.limit ?? 100)));
  const offset = Number(str(body.cursor)?.replace("off:", "") ?? 0);
  const slice = within.slice(offset, offset + limit);
  const next = offset + limit < within.length ? `off:${offset + limit}` : "";
  const withMetadata = body.include_all_metadata === true || body.include_all_metadata === "true";
  return ok({
    [key]: slice.map((m) => view(ws, m, withMetadata)),
    has_more: next !== "",
    response_metadata: { next_cursor: next },
  });
}

function postMessage(
  ws: Workspace,
  body: Record<string, unknown>,
  onStored: (m: FakeMessage) => void,
): Reply {
  const channel = ws.channel(body.channel);
  if (!channel) return fail("channel_not_found");
  if (channel.member === false) return fail("not_in_channel");
  if (!str(body.text) && !body.blocks) return fail("no_text");
  if ((str(body.text)?.length ?? 0) > 40_000) return fail("msg_too_long");
  if (body.blocks !== undefined) {
    const problem = blockProblem(body.blocks);
    if (problem) return fail("invalid_blocks", { errors: [problem] });
  }
  const threadTs = str(body.thread_ts);
  if (threadTs && !ws.find(channel.id, threadTs)) return fail("thread_not_found");
  const message: FakeMessage = {
    channel: channel.id,
    ts: ws.nextTs(),
    thread_ts: threadTs,
    text: str(body.text),
    blocks: body.blocks as unknown[] | undefined,
    metadata: body.metadata as FakeMessage["metadata"],
    args: body,
  };
  ws.messages.push(message);
  onStored(message);
  return ok({ channel: channel.id, ts: message.ts, message: view(ws, message, true) });
}

function update(ws: Workspace, body: Record<string, unknown>): Reply {
  const channel = ws.channel(body.channel);
  if (!channel) return fail("channel_not_found");
  const message = ws.find(channel.id, str(body.ts) ?? "");
  if (!message) return fail("message_not_found");
  if (body.blocks !== undefined) {
    const problem = blockProblem(body.blocks);
    if (problem) return fail("invalid_blocks", { errors: [problem] });
    message.blocks = body.blocks as unknown[];
  }
  if (body.text !== undefined) message.text = str(body.text);
  if (body.metadata !== undefined) message.metadata = body.metadata as FakeMessage["metadata"];
  message.edited = { ts: ws.nextTs() };
  message.args = body;
  return ok({ channel: channel.id, ts: message.ts, text: message.text });
}

function completeUpload(
  ws: Workspace,
  body: Record<string, unknown>,
  onStored: (m: FakeMessage) => void,
): Reply {
  const files = Array.isArray(body.files) ? (body.files as { id?: string; title?: string }[]) : [];
  if (files.length === 0) return fail("invalid_arguments");
  const found = files.map((f) => ({ ask: f, file: ws.files.get(f.id ?? "") }));
  if (found.some((f) => !f.file || f.file.bytes === undefined)) return fail("file_not_found");
  const channelRef = str(body.channel_id);
  const channel = channelRef ? ws.channel(channelRef) : undefined;
  if (channelRef && !channel) return fail("channel_not_found");
  for (const { ask, file } of found) if (file && ask.title) file.title = ask.title;
  if (channel) {
    const message: FakeMessage = {
      channel: channel.id,
      ts: ws.nextTs(),
      thread_ts: str(body.thread_ts),
      text: str(body.initial_comment),
      files: found.map(({ file }) => ({ id: file!.id, title: file!.title })),
      args: body,
    };
    ws.messages.push(message);
    onStored(message);
  }
  return ok({ files: found.map(({ file }) => ({ id: file!.id, title: file!.title, name: file!.filename })) });
}

export function handleMethod(ws: Workspace, req: ApiRequest, onStored: (m: FakeMessage) => void): Reply {
  const b = req.body;
  switch (req.method) {
    case "auth.test":
      return ok({
        url: "https://repwatch-fake.slack.com/",
        team: "repwatch fake",
        user: "repwatch",
        team_id: "T0FAKE0001",
        user_id: "U0BOT00001",
        bot_id: "B0BOT00001",
      });
    case "chat.postMessage":
      return postMessage(ws, b, onStored);
    case "chat.update":
      return update(ws, b);
    case "conversations.history": {
      const channel = ws.channel(b.channel);
      if (!channel) return fail("channel_not_found");
      if (channel.member === false) return fail("not_in_channel");
      return page(ws, ws.history(channel.id), b, "messages");
    }
    case "conversations.replies": {
      const channel = ws.channel(b.channel);
      if (!channel) return fail("channel_not_found");
      const parent = ws.find(channel.id, str(b.ts) ?? "");
      if (!parent) return fail("thread_not_found");
      return page(ws, ws.thread(channel.id, parent.ts), { ...b, oldest: 0 }, "messages");
    }
    case "files.getUploadURLExternal": {
      const filename = str(b.filename);
      const length = Number(b.length);
      if (!filename || !Number.isFinite(length) || length <= 0) return fail("invalid_arguments");
      const file = ws.newFile(filename, length);
      return ok({ upload_url: `${req.base}/upload/${file.id}`, file_id: file.id });
    }
    case "upload": {
      const file = ws.files.get(req.fileId ?? "");
      if (!file) return { status: 404, text: "no such upload" };
      file.bytes = req.bytes;
      return { text: `OK - ${req.bytes}` };
    }
    case "files.completeUploadExternal":
      return completeUpload(ws, b, onStored);
    default:
      return fail("unknown_method");
  }
}
