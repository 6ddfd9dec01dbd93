/**
 * A notifier is a small provider: an id, a config schema and `send()`. One file per provider in this
 * folder; the registry (index.ts) must list exactly those files (a test checks).
 */
import type { z } from "zod";
import type { Logger } from "../../util/logger.js";
import type { AlertContent } from "../content.js";

/** One message to deliver. */
export interface Delivery {
  /** The outbox key (or a batch key). Slack messages carry it in `metadata`; duplicate checks look for it. */
  key: string;
  /** When it was enqueued; nothing about it can be older (bounds the duplicate check). */
  createdAt: string;
  content: AlertContent;
  /** Receipt of the message whose thread this one goes into. */
  threadOf?: string;
  /** Receipt of the message this one edits (an edited review): update it and note the edit in its thread. */
  edits?: string;
  /** An earlier attempt may have delivered it (the process died, or a request timed out): look first. */
  mayExist: boolean;
}

export interface SendResult {
  /** The notifier's receipt (Slack `channel/ts[/thread_ts]`, …), stored on the outbox row. */
  receipt?: string;
}

export interface Notifier {
  id: string;
  /** Threads and message updates are real (Slack); other notifiers render them inline. */
  threads: boolean;
  /** More alerts than this in one run become one summary with the alerts in its thread (threads only). */
  batchOver?: number;
  /** Why it cannot send at all right now (e.g. its token is not set): its alerts stay pending. */
  unavailable?: string;
  /** Throws the errors of ../errors.ts; their class decides what happens to the outbox row. */
  send(delivery: Delivery): Promise<SendResult>;
  close?(): Promise<void>;
}

export interface NotifierProvider<C extends { id: string; type: string }> {
  type: C["type"];
  configSchema: z.ZodType<C>;
  create(config: C, deps: NotifierDeps): Notifier;
}

export interface NotifierDeps {
  /** Where console output goes. @default process.stdout */
  out?: NodeJS.WritableStream;
  /** Where secrets are read from (variables named in the config). @default process.env */
  env?: Record<string, string | undefined>;
  log?: Logger;
}
