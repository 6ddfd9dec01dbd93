/**
 * A fake Slack Web API on 127.0.0.1 for the real `@slack/web-api` WebClient (`slackApiUrl: fake.apiUrl`).
 *
 * Methods: chat.postMessage, chat.update, conversations.history and conversations.replies (with
 * message metadata), auth.test, and the three steps of files.uploadV2 (files.getUploadURLExternal, the
 * upload URL, files.completeUploadExternal). It enforces the limits Slack enforces (≤ 50 blocks,
 * section text ≤ 3,000, header ≤ 150) so a message that the real Slack would reject fails here too.
 *
 * Every request is recorded (`requests`, `writeJsonl`). Faults are queued per method and consumed
 * one per request: 429 with or without Retry-After, any HTTP status, `ok:false` with an error code,
 * hang (never answer), store-then-drop (the message is stored, the connection is cut before the
 * answer), store-then-hang.
 */
import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type ApiRequest, handleMethod, type Reply } from "./methods.js";
import { type FakeChannel, type FakeMessage, Workspace } from "./workspace.js";

export type Fault =
  /** Answer normally (to place a later fault in the queue). */
  | { kind: "pass" }
  | { kind: "rate-limit"; retryAfter?: number }
  | { kind: "status"; status: number }
  | { kind: "error"; error: string }
  | { kind: "hang" }
  | { kind: "store-then-drop" }
  | { kind: "store-then-hang" };

export interface RecordedRequest {
  seq: number;
  /** Web API method, or "upload" for the file upload URL. */
  method: string;
  body: Record<string, unknown>;
  /** Whether an `Authorization: Bearer xoxb-…` header came (the token itself is never recorded). */
  authorized: boolean;
  /** What the fake did: an HTTP status, or "hang" / "dropped". */
  outcome: number | "hang" | "dropped";
  /** Slack's `ok` and `error`, when it answered with JSON. */
  ok?: boolean;
  error?: string;
}

export interface FakeSlackOptions {
  channels?: FakeChannel[];
  /** Accepted bot tokens. @default any token starting with "xoxb-" */
  tokens?: string[];
}

export interface FakeSlack {
  /** Pass as WebClient `slackApiUrl` (or REPWATCH_SLACK_API_URL). */
  apiUrl: string;
  port: number;
  requests: RecordedRequest[];
  workspace: Workspace;
  /** Messages in a channel (top level and replies), oldest first. */
  messages(channel?: string): FakeMessage[];
  /** Queue faults for the next requests of `method` ("*" for any method). */
  fault(method: string, ...faults: Fault[]): void;
  /** Called after a message was stored (before the answer): the kill -9 test's signal. */
  onStored?: (message: FakeMessage) => void;
  writeJsonl(path: string): void;
  close(): Promise<void>;
}

export const DEFAULT_CHANNELS: FakeChannel[] = [
  { id: "C0ALERTS01", name: "reputation" },
  { id: "C0OPS00001", name: "repwatch-ops" },
  { id: "C0NOTMEMBR", name: "private-notes", member: false },
];

function parseBody(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return JSON.parse(raw.toString("utf8") || "{}");
  if (type.includes("multipart/form-data")) return { bytes: raw.length };
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) {
    if (v === "true" || v === "false") {
      out[k] = v === "true";
      continue;
    }
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // not JSON: keep the string
      }
    }
    out[k] = v;
  }
  return out;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const workspace = new Workspace(options.channels ?? DEFAULT_CHANNELS.map((c) => ({ ...c })));
  const requests: RecordedRequest[] = [];
  const faults = new Map<string, Fault[]>();
  const sockets = new Set<Socket>();
  let base = "";

  const takeFault = (method: string): Fault | undefined =>
    faults.get(method)?.shift() ?? faults.get("*")?.shift();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks)));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const upload = /^\/upload\/(F\w+)$/.exec(url.pathname);
    const method = upload ? "upload" : url.pathname.replace(/^\/api\//, "");
    const auth = req.headers.authorization ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
    let body: Record<string, unknown>;
    try {
      body = parseBody(req, raw);
    } catch {
      body = { unparsable: raw.toString("utf8").slice(0, 200) };
    }
    const record: RecordedRequest = {
      seq: requests.length + 1,
      method,
      body,
      authorized: !!token,
      outcome: 200,
    };
    requests.push(record);
    const fault = takeFault(method);
    const send = (reply: Reply) => {
      record.outcome = reply.status ?? 200;
      if (reply.json) {
        record.ok = reply.json.ok as boolean | undefined;
        record.error = reply.json.error as string | undefined;
      }
      res.writeHead(reply.status ?? 200, {
        "content-type": reply.json ? "application/json; charset=utf-8" : "text/plain",
        ...reply.headers,
      });
      res.end(reply.json ? JSON.stringify(reply.json) : (reply.text ?? ""));
    };
    if (fault?.kind === "hang") {
      record.outcome = "hang";
      return;
    }
    if (fault?.kind === "rate-limit") {
      send({
        status: 429,
        headers: fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) },
        json: { ok: false, error: "ratelimited" },
      });
      return;
    }
    if (fault?.kind === "status") {
      send({ status: fault.status, text: "upstream trouble" });
      return;
    }
    if (fault?.kind === "error") {
      send({ json: { ok: false, error: fault.error } });
      return;
    }
    const validToken =
      token !== undefined && (options.tokens ? options.tokens.includes(token) : token.startsWith("xoxb-"));
    const apiReq: ApiRequest = { method, body, base, fileId: upload?.[1], bytes: raw.length };
    const reply: Reply =
      method !== "upload" && !token
        ? { json: { ok: false, error: "not_authed" } }
        : method !== "upload" && !validToken
          ? { json: { ok: false, error: "invalid_auth" } }
          : handleMethod(workspace, apiReq, (m) => fake.onStored?.(m));
    if (fault?.kind === "store-then-drop") {
      record.outcome = "dropped";
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "store-then-hang") {
      record.outcome = "hang";
      return;
    }
    send(reply);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    port,
    requests,
    workspace,
    messages: (channel) => workspace.messages.filter((m) => channel === undefined || m.channel === channel),
    fault(method, ...list) {
      faults.set(method, [...(faults.get(method) ?? []), ...list]);
    },
    writeJsonl(path) {
      writeFileSync(path, requests.map((r) => `${JSON.stringify(r)}\n`).join(""));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
