import { afterEach, describe, expect, it } from "vitest";
import { limitMrkdwn, scrapedMrkdwn } from "../../src/alert/slack/mrkdwn.js";
import { makeScoredMention } from "../store/fixtures.js";
import { CHANNEL, makeWorld, type World } from "./harness.js";

const HOSTILE =
  "<!channel> <!here> <!everyone> <@U1> <!subteam^S1> <http://evil.example|bank.ru> @here @channel " +
  "Акме \u202Eевьтобар\u202C \u2066isolate\u2069 zero\u200Bwidth\u200D\uFEFF & <b>tag</b> ";
const EMOJI = "👨‍👩‍👧‍👦😀🇷🇺";

/** Every string in a JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

/** Every Block Kit text object in a value. */
function textObjects(v: unknown): { type: string; text: string; verbatim?: boolean }[] {
  if (Array.isArray(v)) return v.flatMap(textObjects);
  if (!v || typeof v !== "object") return [];
  const o = v as Record<string, unknown>;
  const self =
    (o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string" ? [o as never] : [];
  return [...self, ...Object.values(o).flatMap(textObjects)];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

function expectInert(body: Record<string, unknown>, reviewUrl: string): void {
  expect(body).not.toHaveProperty("link_names");
  expect(body.parse).not.toBe("full");
  expect(body).toMatchObject({ unfurl_links: false, unfurl_media: false });
  const texts = [body.text as string, ...textObjects(body.blocks).map((t) => t.text)];
  for (const text of texts) {
    // the only <…> sequences are our own links to the review
    for (const [seq] of text.matchAll(/<[^>]*>/g)) expect(seq.startsWith(`<${reviewUrl}|`), seq).toBe(true);
    // every & starts an entity
    expect(text.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
    expect(text).not.toMatch(LONE_SURROGATE);
    expect(text).not.toMatch(INVISIBLE);
  }
  const blocks = body.blocks as { type: string; text?: { text: string }; fields?: { text: string }[] }[];
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const b of blocks) {
    if (b.type === "header") expect(b.text!.text.length).toBeLessThanOrEqual(150);
    if (b.type === "section" && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
  }
  for (const t of textObjects(body.blocks)) if (t.type === "mrkdwn") expect(t.verbatim, t.text).toBe(true);
  expect((body.text as string).length).toBeLessThanOrEqual(3000);
}

let world: World;
afterEach(async () => world?.close());

describe("hostile review text", () => {
  it("arrives escaped, without invisible characters, within Slack's limits", async () => {
    world = await makeWorld();
    const long = (HOSTILE + EMOJI).repeat(200).slice(0, 10_000);
    const m = makeScoredMention(0, {
      title: `<!channel> Акме & ${EMOJI}`,
      text: long,
      author: "<@U1> \u202Eadmin",
      cons: "&".repeat(5000),
      analysis: {
        reasons: [{ term: "<!here>", weight: -1, field: "text" }],
        risks: [{ flag: "legal-threat", trigger: "<!everyone> суд" }],
      },
    });
    await world.ingest([m]);
    expect(await world.deliver()).toMatchObject({ sent: 1, failed: 0 });
    const [post] = world.posts();
    expectInert(post!.body, m.url);
    const all = strings(post!.body).join("\n");
    for (const raw of [
      "<!channel>",
      "<!here>",
      "<!everyone>",
      "<@U1>",
      "<!subteam^S1>",
      "<http://evil.example",
    ])
      expect(all).not.toContain(raw);
    expect(all).toContain("&lt;!channel&gt;");
    expect(all).toContain("&lt;http://evil.example|bank.ru&gt;");
    // the brand is highlighted, the text was cut with an ellipsis
    expect(all).toContain("*Акме*");
    expect(all).toContain("…");
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
  });

  it("cuts at a safe boundary: never inside an emoji, a surrogate pair or an entity", () => {
    for (let shift = 0; shift < 12; shift++) {
      const text = `${"x".repeat(shift)}${"😀a&".repeat(2000)}`;
      const out = scrapedMrkdwn(text, { max: 3000 });
      expect(out.length).toBeLessThanOrEqual(3000);
      expect(out.endsWith("…")).toBe(true);
      expect(out).not.toMatch(LONE_SURROGATE);
      expect(out.slice(0, -1).replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
      const family = scrapedMrkdwn(`${"y".repeat(shift)}${"👨‍👩‍👧".repeat(600)}`, { max: 100 });
      expect(family.length).toBeLessThanOrEqual(100);
      expect(family).not.toMatch(LONE_SURROGATE);
    }
    const built = `*Title*\n${"&amp;".repeat(700)}<https://example.com/x|link>`;
    for (let max = 3000; max < 3600; max += 7) {
      const cut = limitMrkdwn(built, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
      expect(cut.lastIndexOf("<") <= cut.lastIndexOf(">")).toBe(true);
    }
  });
});
