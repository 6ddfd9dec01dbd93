/**
 * Contract: the weekly digest's aggregation and publication records, for adapters that have them
 * (`hasDigest`); skipped otherwise. One seeded world with hand-counted answers.
 *
 * Weeks (UTC): W09 = [02-26, 03-04), W10 = [03-04, 03-11) — the reported week.
 */
import { expect, it } from "vitest";
import { parseIsoWeek, trailingWeeks } from "../../src/digest/week.js";
import type { ScoredMention } from "../../src/domain/mention.js";
import {
  type DigestFactsQuery,
  type DigestStore,
  digestKeyOf,
  hasDigest,
} from "../../src/store/digest-port.js";
import type { OutboxIntent, Store } from "../../src/store/store.js";
import { at, type HarnessRef, T0 } from "./contract-harness.js";
import { comparable, referenceFacts } from "./digest-reference.js";
import { makeScoredMention, noAlerts, type ScoredMentionOverrides } from "./fixtures.js";

const BOUNDS = ["2024-02-26T00:00:00.000Z", "2024-03-04T00:00:00.000Z", "2024-03-11T00:00:00.000Z"];
const DETAIL = { top: 10, unanswered: 10, terms: 5 };

let seq = 0;
function m(
  publishedAt: string | undefined,
  rating: number | undefined,
  label: "negative" | "neutral" | "positive",
  o: ScoredMentionOverrides & { reasons?: [string, number, string?, string?][]; riskCount?: number } = {},
): ScoredMention {
  const { reasons = [], riskCount = 0, ...rest } = o;
  const base = makeScoredMention(seq++, {
    publishedAt,
    rating,
    ...rest,
    analysis: {
      label,
      reasons: reasons.map(([term, weight, field, note]) => ({
        term,
        weight,
        field: (field ?? "text") as "text",
        ...(note ? { note } : {}),
      })),
      risks: Array.from({ length: riskCount }, (_, i) => ({ flag: `risk-${i}`, trigger: "суд" })),
    },
  });
  if (publishedAt === undefined) delete base.publishedAt;
  if (rating === undefined) delete base.rating;
  return base;
}

const MAPS = { platform: "yandex-maps", kind: "map" as const, url: "https://yandex.ru/maps/org/1/reviews" };
const HH = { platform: "hh-ru", kind: "employer" as const, url: "https://hh.ru/employer/1/feedback" };
const REPLY = { reply: { text: "Разберёмся, напишите нам." } };

function world() {
  seq = 0;
  const previous = [
    m("2024-02-27T09:00:00Z", 1, "negative", { reasons: [["хамство", -2]] }),
    m("2024-02-28T09:00:00Z", 5, "positive"),
    m("2024-03-01T09:00:00Z", 2, "negative", { ...MAPS, reasons: [["Очередь", -1]] }),
    m("2024-03-03T23:59:59.999Z", 3, "neutral", MAPS),
  ];
  const n1 = m("2024-03-04T00:00:00Z", 2, "negative", {
    riskCount: 1,
    likes: 3,
    reasons: [
      ["хамство", -2],
      ["2★", -3, "rating"],
    ],
  });
  const n2 = m("2024-03-04T10:00:00Z", 1, "negative", {
    likes: 10,
    ...REPLY,
    reasons: [
      ["Хамство", -1],
      ["очередь", -1],
    ],
  });
  const n3 = m("2024-03-05T10:00:00Z", 1, "negative", {
    ...MAPS,
    reasons: [
      ["очередь", -1],
      ["отлично", 1],
      // the analyser's structural evidence is not a phrase anyone wrote: never a complaint
      ["pros 1 words, cons 5 words", -0.6, undefined, "pros/cons balance"],
      ["нет", -2, "pros", "no pros"],
    ],
  });
  const n4 = m("2024-03-06T10:00:00Z", 2, "negative", {
    ...HH,
    riskCount: 2,
    reasons: [["переработки", -2, "cons"]],
  });
  const week = [
    n1,
    n2,
    n3,
    n4,
    m("2024-03-07T10:00:00Z", 4, "positive", {
      ...HH,
      reasons: [
        ["задержки зарплаты", -1, "cons"],
        ["коллектив", 2, "pros"],
      ],
    }),
    m("2024-03-08T10:00:00Z", 5, "positive"),
    m("2024-03-09T10:00:00Z", 4, "positive", MAPS),
    // no publishedAt: counted at its first sighting (T0, Sunday 2024-03-10)
    m(undefined, undefined, "neutral", {
      platform: "forum-x",
      kind: "forum",
      url: "https://forum.example/t/1",
    }),
  ];
  const outside = [
    m("2024-03-11T00:00:00Z", 1, "negative"), // the next week starts here
    m("2024-02-25T23:59:59Z", 1, "negative"), // before the first week
    m("2024-03-05T10:00:00Z", 1, "negative", { brandId: "globex", reasons: [["хамство", -5]] }),
  ];
  return { all: [...previous, ...week, ...outside], n: { n1, n2, n3, n4 } };
}

function incident(id: string, ruleId: string, notifierId = "slack"): OutboxIntent {
  return {
    key: `${id}#${ruleId}#${notifierId}`,
    mentionId: id,
    ruleId,
    notifierId,
    severity: "warning",
    change: "new",
  };
}

/** The store's answer equals the reference computed over the store's own mentions (incidents aside). */
async function expectReference(store: Store & DigestStore, q: DigestFactsQuery) {
  const facts = await store.digestFacts(q);
  const { incidents: _, ...rest } = facts;
  expect(comparable(rest)).toEqual(
    comparable(referenceFacts(await store.findMentions({ brandId: q.brandId }), q)),
  );
  return facts;
}

/** A changed copy of `x` (the text changes, so the content hash does). */
function edited(x: ScoredMention, o: Partial<ScoredMention>, note: string): ScoredMention {
  return { ...x, ...o, text: `${x.text} UPD: ${note}` };
}

export function digestContract(h: HarnessRef): void {
  it("digest facts: weekly cells, top negatives, unanswered, complaint terms, employer cons", async (ctx) => {
    const { store } = h();
    if (!hasDigest(store)) return ctx.skip();
    const w = world();
    await store.ingest(w.all, noAlerts, T0);
    const facts = await store.digestFacts({ brandId: "acme", bounds: BOUNDS, detail: DETAIL });

    const total = (week: number, f: (c: (typeof facts.cells)[number]) => boolean = () => true) =>
      facts.cells.filter((c) => c.week === week && f(c)).reduce((s, c) => s + c.count, 0);
    expect(total(0)).toBe(4);
    expect(total(1)).toBe(8);
    expect(total(1, (c) => c.label === "negative")).toBe(4);
    expect(total(1, (c) => c.kind === "employer")).toBe(2);
    expect(facts.cells).toContainEqual({
      week: 1,
      platform: "otzovik",
      kind: "review",
      label: "negative",
      count: 2,
      rated: 2,
      ratingSum: 3,
    });
    expect(facts.cells).toContainEqual({
      week: 1,
      platform: "forum-x",
      kind: "forum",
      label: "neutral",
      count: 1,
      rated: 0,
      ratingSum: 0,
    });
    expect(facts.cells).toContainEqual({
      week: 0,
      platform: "yandex-maps",
      kind: "map",
      label: "neutral",
      count: 1,
      rated: 1,
      ratingSum: 3,
    });

    const { n1, n2, n3, n4 } = w.n;
    expect(facts.topNegatives.map((x) => x.id)).toEqual([n4.id, n1.id, n2.id, n3.id]);
    expect(facts.topNegatives[0]).toMatchObject({ text: n4.text, kind: "employer", version: 1 });
    expect(facts.unanswered.total).toBe(3);
    expect(facts.unanswered.oldest.map((x) => x.id)).toEqual([n1.id, n3.id, n4.id]);
    expect(facts.complaints).toEqual([
      { term: "очередь", current: 2, previous: 1 },
      { term: "хамство", current: 2, previous: 1 },
      { term: "переработки", current: 1, previous: 0 },
    ]);
    expect(facts.employerCons).toEqual([
      { term: "задержки зарплаты", current: 1, previous: 0 },
      { term: "переработки", current: 1, previous: 0 },
    ]);

    const limited = await store.digestFacts({
      brandId: "acme",
      bounds: BOUNDS,
      detail: { top: 2, unanswered: 1, terms: 1 },
    });
    expect(limited.topNegatives.map((x) => x.id)).toEqual([n4.id, n1.id]);
    expect(limited.unanswered).toEqual({ total: 3, oldest: [expect.objectContaining({ id: n1.id })] });
    expect(limited.complaints.map((t) => t.term)).toEqual(["очередь"]);

    // cells only (a competitor), and a brand without mentions
    const bare = await store.digestFacts({ brandId: "globex", bounds: BOUNDS.slice(1) });
    expect(bare.cells).toEqual([
      { week: 0, platform: "otzovik", kind: "review", label: "negative", count: 1, rated: 1, ratingSum: 1 },
    ]);
    expect(bare.topNegatives).toEqual([]);
    const none = await store.digestFacts({ brandId: "nobody", bounds: BOUNDS, detail: DETAIL });
    expect(none).toEqual({
      cells: [],
      topNegatives: [],
      unanswered: { total: 0, oldest: [] },
      complaints: [],
      employerCons: [],
      incidents: [],
    });
  });

  it("digest facts: the brand's incidents enqueued during the week, one per incident id", async (ctx) => {
    const { store } = h();
    if (!hasDigest(store) || !store.enqueueAlerts) return ctx.skip();
    const inWeek = new Date("2024-03-05T08:00:00Z");
    await store.enqueueAlerts(
      [
        incident("storm:acme:2024-03-05", "storm"),
        incident("storm:acme:2024-03-05", "storm", "ops"),
        incident("attack:acme/otzovik:r1", "review-attack"),
        incident("health:down:otzovik:acme:2024-03-05T07:00:00.000Z", "source-health"),
        incident("health:down:otzovik:acme-two:2024-03-05T07:00:00.000Z", "source-health"),
        incident("storm:acme-two:2024-03-05", "storm"),
        incident("storm:globex:2024-03-05", "storm"),
      ],
      inWeek,
    );
    await store.enqueueAlerts([incident("storm:acme:2024-03-01", "storm")], new Date("2024-03-01T08:00:00Z"));
    await store.enqueueAlerts([incident("storm:acme:2024-03-11", "storm")], new Date("2024-03-11T00:00:00Z"));
    const facts = await store.digestFacts({ brandId: "acme", bounds: BOUNDS, detail: DETAIL });
    expect(facts.incidents.map((i) => i.id).sort()).toEqual([
      "attack:acme/otzovik:r1",
      "health:down:otzovik:acme:2024-03-05T07:00:00.000Z",
      "storm:acme:2024-03-05",
    ]);
    const storm = facts.incidents.find((i) => i.id.startsWith("storm:"))!;
    expect(storm).toEqual({
      id: "storm:acme:2024-03-05",
      ruleId: "storm",
      firstCreatedAt: inWeek.toISOString(),
      states: ["pending", "pending"],
    });
  });

  it("digest records: one publication per brand × week × channel, resumable, never two holders", async (ctx) => {
    const { store } = h();
    if (!hasDigest(store)) return ctx.skip();
    const ref = {
      key: digestKeyOf("acme", "2024-W10", "C0DIGEST01"),
      brandId: "acme",
      week: "2024-W10",
      channel: "C0DIGEST01",
    };
    expect(ref.key).toBe("digest:acme:2024-W10#C0DIGEST01");
    const a = await store.claimDigest(ref, "job-a", 60_000, at(0));
    expect(a).toMatchObject({ ...ref, state: "sending", attempts: 1, claimedBy: "job-a" });
    expect(await store.claimDigest(ref, "job-b", 60_000, at(1_000))).toBeUndefined();
    const progressed = await store.updateDigest(
      ref.key,
      "job-a",
      { messageTs: "1.000100", fileId: "F1" },
      at(2_000),
    );
    expect(progressed).toMatchObject({ state: "sending", messageTs: "1.000100", fileId: "F1" });
    // job-a dies; after its claim expires job-b resumes with the saved progress
    const b = await store.claimDigest(ref, "job-b", 60_000, at(61_000));
    expect(b).toMatchObject({
      state: "sending",
      attempts: 2,
      claimedBy: "job-b",
      messageTs: "1.000100",
      fileId: "F1",
    });
    await expect(store.updateDigest(ref.key, "job-a", { shared: true }, at(62_000))).rejects.toThrow(
      /not held/,
    );
    // a transient failure gives it back; the next claim takes it at once
    const back = await store.updateDigest(
      ref.key,
      "job-b",
      { state: "pending", lastError: "Slack 503" },
      at(63_000),
    );
    expect(back).toMatchObject({ state: "pending", lastError: "Slack 503" });
    expect(back.claimedBy).toBeUndefined();
    const c = await store.claimDigest(ref, "job-c", 60_000, at(64_000));
    expect(c).toMatchObject({ attempts: 3, claimedBy: "job-c", messageTs: "1.000100" });
    const sent = await store.updateDigest(ref.key, "job-c", { shared: true, state: "sent" }, at(65_000));
    expect(sent).toMatchObject({ state: "sent", shared: true, sentAt: at(65_000).toISOString() });
    // sent is final: nobody claims it again, whatever the time
    expect(await store.claimDigest(ref, "job-a", 60_000, at(10 * 60_000))).toBeUndefined();
    expect(await store.claimDigest(ref, "job-c", 60_000, at(10 * 60_000))).toBeUndefined();
    expect(await store.getDigest(ref.key)).toEqual(sent);

    const other = { ...ref, key: digestKeyOf("acme", "2024-W10", "C0OTHER001"), channel: "C0OTHER001" };
    await store.claimDigest(other, "job-a", 60_000, at(0));
    await store.claimDigest(
      { ...ref, key: digestKeyOf("globex", "2024-W10", "C0DIGEST01"), brandId: "globex" },
      "x",
      1,
      at(0),
    );
    expect((await store.listDigests({ brandId: "acme" })).map((r) => r.key).sort()).toEqual(
      [other.key, ref.key].sort(),
    );
    expect(await store.listDigests({ week: "2024-W11" })).toEqual([]);
    expect(await store.getDigest("digest:none")).toBeUndefined();
  });

  it("digest facts: edits move a mention's counts (label, rating, week, day, company reply), twice", async (ctx) => {
    const { store } = h();
    if (!hasDigest(store)) return ctx.skip();
    const w = world();
    await store.ingest(w.all, noAlerts, T0);
    const q = { brandId: "acme", bounds: BOUNDS, detail: DETAIL };
    await expectReference(store, q);
    const { n1, n3, n4 } = w.n;
    const p = w.all[1]!; // positive, previous week
    const round1 = w.all.map((x) => {
      if (x.id === n1.id)
        return edited(
          x,
          {
            rating: 5,
            analysis: {
              ...x.analysis,
              label: "positive",
              risks: [],
              reasons: [["спасибо", 2]].map(([term, weight]) => ({
                term: term as string,
                weight: weight as number,
                field: "text" as const,
              })),
            },
          },
          "всё решили",
        );
      if (x.id === n3.id) return edited(x, { publishedAt: "2024-03-01T12:00:00Z" }, "дата поправлена");
      if (x.id === n4.id) return edited(x, { reply: { text: "Спасибо, разбираемся." } }, "ответ");
      if (x.id === p.id)
        return edited(
          x,
          {
            rating: 1,
            publishedAt: "2024-03-07T10:00:00Z",
            analysis: {
              ...x.analysis,
              label: "negative",
              reasons: [{ term: "обман", weight: -3, field: "text" }],
            },
          },
          "передумал",
        );
      return x;
    });
    const r1 = await store.ingest(round1, noAlerts, at(60_000));
    expect([r1.new, r1.changed, r1.unchanged]).toEqual([0, 4, w.all.length - 4]);
    const f1 = await expectReference(store, q);
    const total = (f: typeof f1, week: number, label?: string) =>
      f.cells
        .filter((c) => c.week === week && (!label || c.label === label))
        .reduce((s, c) => s + c.count, 0);
    expect([total(f1, 0), total(f1, 1), total(f1, 1, "negative")]).toEqual([4, 8, 3]);
    expect(f1.unanswered.total).toBe(1); // p (n3 left the week, n4 was answered, n1 is positive)

    // n3 edited again: back into the reported week, on another day, with another rating
    const round2 = round1.map((x) =>
      x.id === n3.id ? edited(x, { publishedAt: "2024-03-09T00:00:00Z", rating: 2 }, "ещё раз") : x,
    );
    const r2 = await store.ingest(round2, noAlerts, at(120_000));
    expect([r2.changed, r2.unchanged]).toEqual([1, w.all.length - 1]);
    const f2 = await expectReference(store, q);
    expect([total(f2, 0), total(f2, 1), total(f2, 1, "negative")]).toEqual([3, 9, 4]);
    expect(f2.unanswered.oldest.map((x) => x.id)).toEqual([p.id, n3.id]);
    expect(f2.topNegatives.find((x) => x.id === n3.id)).toMatchObject({ version: 3, rating: 2 });
  });

  it("digest facts: re-ingesting unchanged mentions changes nothing", async (ctx) => {
    const { store } = h();
    if (!hasDigest(store)) return ctx.skip();
    const w = world();
    await store.ingest(w.all, noAlerts, T0);
    const q = { brandId: "acme", bounds: BOUNDS, detail: DETAIL };
    const before = await expectReference(store, q);
    const again = await store.ingest(w.all, noAlerts, at(60_000));
    expect(again.unchanged).toBe(w.all.length);
    await store.ingest(w.all.slice(3, 9), noAlerts, at(120_000));
    const after = await expectReference(store, q);
    const ids = (f: typeof before) => [f.topNegatives.map((x) => x.id), f.unanswered.oldest.map((x) => x.id)];
    expect(after.cells).toEqual(before.cells);
    expect([after.complaints, after.employerCons, after.unanswered.total]).toEqual([
      before.complaints,
      before.employerCons,
      before.unanswered.total,
    ]);
    expect(ids(after)).toEqual(ids(before));
  });

  it("digest facts: weeks across a DST change, a half-hour zone, bounds off the quarter-hour grid", async (ctx) => {
    const { store } = h();
    if (!hasDigest(store)) return ctx.skip();
    seq = 0;
    const W13 = parseIsoWeek("2024-W13"); // Europe/Berlin moves to summer time on Sunday 2024-03-31
    const berlin = trailingWeeks(W13, 2, "Europe/Berlin");
    const bounds = [berlin[0]!.from, berlin[1]!.from, berlin[1]!.to];
    expect(bounds).toEqual([
      "2024-03-17T23:00:00.000Z",
      "2024-03-24T23:00:00.000Z",
      "2024-03-31T22:00:00.000Z",
    ]);
    const neg = (t: string, o: Parameters<typeof m>[3] = {}) =>
      m(t, 1, "negative", { reasons: [["очередь", -1]], ...o });
    const mentions = [
      neg("2024-03-17T22:59:59.999Z"), // before W12 in Berlin
      m("2024-03-17T23:00:00Z", 5, "positive"), // W12's first instant
      neg("2024-03-24T22:59:59.999Z", { ...MAPS }), // W12's last
      neg("2024-03-24T23:00:00Z", { likes: 4 }), // W13's first
      m("2024-03-31T00:59:59Z", 3, "neutral"), // before the change (01:59:59 CET)
      neg("2024-03-31T01:00:00Z", { ...HH, reasons: [["переработки", -2, "cons"]] }), // 03:00 CEST
      neg("2024-03-31T21:59:59.999Z", REPLY), // W13's last (23:59:59.999 CEST)
      neg("2024-03-31T22:00:00Z"), // W14
      neg("2024-03-24T18:29:00Z"), // before W13 in Kolkata (+05:30)
      m("2024-03-24T18:30:00Z", 4, "positive"), // W13's first in Kolkata
    ];
    await store.ingest(mentions, noAlerts, T0);
    const q = { brandId: "acme", bounds, detail: DETAIL };
    const f = await expectReference(store, q);
    const total = (week: number) => f.cells.filter((c) => c.week === week).reduce((s, c) => s + c.count, 0);
    expect([total(0), total(1)]).toEqual([4, 4]);
    expect(f.unanswered.total).toBe(2);
    expect(f.complaints).toEqual([
      { term: "очередь", current: 2, previous: 2 },
      { term: "переработки", current: 1, previous: 0 },
    ]);
    expect(f.employerCons).toEqual([{ term: "переработки", current: 1, previous: 0 }]);

    const kolkata = trailingWeeks(W13, 2, "Asia/Kolkata");
    expect(kolkata[1]!.from).toBe("2024-03-24T18:30:00.000Z");
    await expectReference(store, { ...q, bounds: [kolkata[0]!.from, kolkata[1]!.from, kolkata[1]!.to] });
    // bounds no zone produces (off the 15-minute grid): still exact
    await expectReference(store, {
      ...q,
      bounds: ["2024-03-17T23:07:00Z", "2024-03-24T23:00:00.001Z", bounds[2]!],
    });
    // one week, cells only
    await expectReference(store, { brandId: "acme", bounds: bounds.slice(1) });
  });
}
