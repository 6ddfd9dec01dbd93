/** Slack receipts stored on outbox rows: `channel/ts`, or `channel/ts/thread_ts` for a thread reply. */
export interface SlackReceipt {
  channel: string;
  ts: string;
  threadTs?: string;
}

export function formatReceipt(r: SlackReceipt): string {
  return r.threadTs && r.threadTs !== r.ts ? `${r.channel}/${r.ts}/${r.threadTs}` : `${r.channel}/${r.ts}`;
}

export function parseReceipt(receipt: string | undefined): SlackReceipt | undefined {
  const m = /^([A-Z0-9]+)\/(\d+\.\d+)(?:\/(\d+\.\d+))?$/.exec(receipt ?? "");
  if (!m) return undefined;
  return m[3] ? { channel: m[1]!, ts: m[2]!, threadTs: m[3] } : { channel: m[1]!, ts: m[2]! };
}

/** The thread a reply to this message belongs in (a reply's own thread, else the message itself). */
export function threadRoot(r: SlackReceipt): string {
  return r.threadTs ?? r.ts;
}
