/** A notifier is a small provider: an id, a config schema and `send()`. */
import type { z } from "zod";
import type { Brand } from "../../config/brands.js";
import type { StoredMention } from "../../domain/mention.js";
import type { OutboxRow } from "../../store/store.js";

export interface AlertMessage {
  row: OutboxRow;
  mention: StoredMention;
  brand: Brand | undefined;
}

export interface SendResult {
  /** The notifier's receipt (Slack `ts`, …), stored on the outbox row. */
  receipt?: string;
}

export interface Notifier {
  id: string;
  send(message: AlertMessage): Promise<SendResult>;
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
}
