import { describe, expect, it } from "vitest";
import { type Candidate, planDeliveries } from "../../src/alert/plan.js";
import type { OutboxRow } from "../../src/store/store.js";

const NOW = new Date("2024-03-04T12:00:00.000Z");
let seq = 0;
function row(notifierId = "slack", overrides: Partial<OutboxRow> = {}): OutboxRow {
  const n = ++seq;
  return {
    key: `acme/otzovik:${n}#rule#${notifierId}`,
    mentionId: `acme/otzovik:${n}`,
    ruleId: "rule",
    notifierId,
    severity: "warning",
    change: "new",
    state: "sending",
    attempts: 1,
    createdAt: NOW.toISOString(),
    notBefore: NOW.toISOString(),
    ...overrides,
  };
}
const slack = { threads: true, batchOver: 2 };
const cand = (r: OutboxRow, extra: Partial<Candidate> = {}): Candidate => ({
  row: r,
  incident: false,
  notifier: slack,
  ...extra,
});

describe("delivery plan follows its truth table", () => {
  it("fails, holds, then incidents, edits, thread replies, batches and single sends", () => {
    const quietEnd = new Date("2024-03-04T20:00:00.000Z");
    const rows = {
      gone: row("nope"),
      missing: row(),
      noToken: row("slack2"),
      quiet: row(),
      incident: row("slack", { mentionId: "storm:acme:2024-03-04" }),
      edit: row("slack", { change: "changed" }),
      reply: row(),
      a: row(),
      b: row(),
      c: row(),
      consoleEdit: row("console", { change: "changed" }),
    };
    const steps = planDeliveries(
      [
        cand(rows.a),
        cand(rows.gone, { notifier: undefined }),
        cand(rows.missing, { missing: "mention no longer stored" }),
        cand(rows.noToken, { notifier: { threads: true, unavailable: "SLACK_BOT_TOKEN is not set" } }),
        cand(rows.quiet, { quietUntil: quietEnd }),
        cand(rows.reply, { parentKey: "storm:acme:2024-03-04#storm#slack" }),
        cand(rows.edit, { original: "C0ALERTS01/1.000001" }),
        cand(rows.incident, { incident: true }),
        cand(rows.b),
        cand(rows.c),
        cand(rows.consoleEdit, { notifier: { threads: false }, original: "console:x" }),
      ],
      NOW,
    );
    expect(steps.map((s) => s.action)).toEqual([
      "fail",
      "fail",
      "hold",
      "hold",
      "send",
      "send",
      "send",
      "batch",
      "send",
    ]);
    expect(steps[0]).toMatchObject({ row: rows.gone, reason: 'notifier "nope" is not configured' });
    expect(steps[2]).toMatchObject({ row: rows.noToken, reason: "not sent: SLACK_BOT_TOKEN is not set" });
    expect(steps[3]).toMatchObject({ row: rows.quiet, until: quietEnd });
    expect(steps[4]).toMatchObject({ row: rows.incident });
    expect(steps[5]).toMatchObject({ row: rows.edit, edits: "C0ALERTS01/1.000001" });
    expect(steps[6]).toMatchObject({ row: rows.reply, parentKey: "storm:acme:2024-03-04#storm#slack" });
    expect(steps[7]).toMatchObject({ notifierId: "slack", rows: [rows.a, rows.b, rows.c] });
    // a notifier without threads shows an edit as a new message
    expect(steps[8]).toEqual({ action: "send", row: rows.consoleEdit });
  });

  it("no batch at or below batchOver", () => {
    const steps = planDeliveries([cand(row()), cand(row())], NOW);
    expect(steps.map((s) => s.action)).toEqual(["send", "send"]);
  });
});
