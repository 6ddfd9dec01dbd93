/** `extract.type: json` features on small invented documents: locators, items, fields, page facts, config errors. */
import { describe, expect, it } from "vitest";
import { Source } from "../../src/config/source.js";
import type { Page } from "../../src/crawl/types.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { findCallback, findVariable } from "../../src/extract/json-state.js";

const URL_ = "https://reviews.example/company/acme";
const source = (extract: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  Source.parse({
    id: "lab",
    name: "Lab",
    kind: "review",
    homepage: "https://reviews.example/",
    timezone: "UTC",
    ...extra,
    extract: { type: "json", ...extract },
  });
const page = (body: string, contentType = "text/html"): Page => ({
  url: URL_,
  status: 200,
  headers: {},
  body,
  contentType,
  fetchedAt: "2026-11-23T12:00:00.000Z",
});
const fields = {
  externalId: "id",
  url: { path: "id", template: "{$page}/r/{}" },
  text: "body",
  rating: "stars",
};
const docs = [
  { id: "a1", body: "Хорошо", stars: 5 },
  { id: "a2", body: "Плохо", stars: 1, hidden: true },
];

describe("json state locators", () => {
  it('finds window.X = {…} literals and JSON.parse("…") calls, skipping comparisons', () => {
    const html = `<script>if (window.state == null) {}; window.state = {"a":[1,{"b":"}"}]};</script>
      <script>var other = JSON.parse("{\\"x\\":\\"\\u0416\\"}")</script>`;
    expect(findVariable(html, "state").value).toEqual({ a: [1, { b: "}" }] });
    expect(findVariable(html, "other").value).toEqual({ x: "Ж" });
    expect(findVariable(html, "missing").problem).toBe("no assignment to it");
  });

  it("reads AF_initDataCallback data given directly or through a function", () => {
    const html = `<script>AF_initDataCallback({key: 'ds:1', hash: '1', data:[1,"a\\u003db"], sideChannel: {}});</script>
      <script>AF_initDataCallback({key: 'ds:2', isError: false, data:function(){return [[2]]}});</script>`;
    expect(findCallback(html, "ds:1").value).toEqual([1, "a=b"]);
    expect(findCallback(html, "ds:2").value).toEqual([[2]]);
    expect(findCallback(html, "ds:3").problem).toBe("no such AF_initDataCallback");
  });

  it("reads a script element's JSON, and an API body with an anti-hijacking prefix", () => {
    const s = source({ state: { script: "script#data" }, items: "reviews", fields });
    const html = `<script id="data" type="application/json">{"reviews": ${JSON.stringify(docs.slice(0, 1))}}</script>`;
    expect(extractPage(page(html), s).items.map((i) => i.externalId)).toEqual(["a1"]);
    const api = source({ items: "[1]", fields });
    const out = extractPage(
      page(`)]}'\n[null, ${JSON.stringify(docs.slice(0, 1))}]`, "application/json"),
      api,
    );
    expect(out.items[0]).toEqual({
      platform: "lab",
      externalId: "a1",
      url: `${URL_}/r/a1`,
      text: "Хорошо",
      rating: 5,
    });
  });
});

describe("json items and fields", () => {
  it("fan-out items over a map, hidden items marked (or skipped), page-scoped subject", () => {
    const body = JSON.stringify({ name: "ACME", data: { x: { r: docs[0] }, y: { r: docs[1] } } });
    const mark = source({
      items: "data.*.r",
      hidden: { path: "hidden", action: "mark" },
      fields: { ...fields, subject: { path: "name", scope: "page" } },
    });
    const out = extractPage(page(body, "application/json"), mark);
    expect(out.items.map((i) => [i.externalId, i.subject, i.extra?.["hidden"]])).toEqual([
      ["a1", "ACME", undefined],
      ["a2", "ACME", true],
    ]);
    const skip = source({ items: "data.*.r", hidden: { path: "hidden" }, fields });
    const skipped = extractPage(page(body, "application/json"), skip);
    expect(skipped.items.map((i) => i.externalId)).toEqual(["a1"]);
    expect(skipped.itemNodes).toBe(2); // offsets count what the site returned
  });

  it("keeps an item whose optional field is unusable, with a warning; rejects one without text", () => {
    const body = JSON.stringify({
      r: [
        { id: "b1", body: "ok", stars: 11 },
        { id: "b2", stars: 4 },
      ],
    });
    const out = extractPage(page(body, "application/json"), source({ items: "r", fields }));
    expect(out.items).toEqual([{ platform: "lab", externalId: "b1", url: `${URL_}/r/b1`, text: "ok" }]);
    expect(out.warnings).toEqual(["item 1: rating 11 is not a rating", "item 2: skipped: no text"]);
  });

  it("numbers as unix µs/ms/s dates, ratings on a 10 scale, paragraphs joined, regex on numbers", () => {
    const s = source({
      items: "r",
      fields: {
        ...fields,
        text: "paras",
        publishedAt: { path: "t", parse: "unix" },
        rating: { path: "score", scale: 10 },
        likes: { path: "votes", regex: "^(\\d+)" },
      },
    });
    const body = JSON.stringify({
      r: [{ id: "c", paras: ["Один.", "Два."], t: 1772186522193853, score: 8, votes: 1234 }],
    });
    expect(extractPage(page(body, "application/json"), s).items[0]).toMatchObject({
      text: "Один.\nДва.",
      publishedAt: "2026-02-27T10:02:02.194Z",
      rating: 4,
      likes: 1234,
    });
  });

  it("page facts: next cursor and URL, the last page, not found, aggregate", () => {
    const s = source(
      {
        items: "items",
        fields,
        nextCursor: "paging.cursor",
        nextUrl: "links[?rel=next].href",
        lastPage: { page: "paging.page", pages: "paging.pages" },
        notFound: [{ path: "error.code", equals: 404 }],
        aggregate: { rating: "summary.avg", count: "summary.n" },
      },
      { pagination: { type: "cursor", param: "after" } },
    );
    const body = {
      items: docs.slice(0, 1),
      paging: { cursor: "CUR2", page: 3, pages: 3 },
      links: [
        { rel: "self", href: "/p3" },
        { rel: "next", href: "/p4" },
      ],
      summary: { avg: 4.25, n: 120 },
    };
    const out = extractPage(page(JSON.stringify(body), "application/json"), s);
    expect(out).toMatchObject({ nextCursor: "CUR2", nextUrl: "https://reviews.example/p4", lastPage: true });
    expect(out.aggregate).toEqual({ rating: 4.25, count: 120 });
    const gone = extractPage(page(JSON.stringify({ error: { code: 404 } }), "application/json"), s);
    expect(gone.notFound).toBe("the page says not found (error.code = 404)");
  });
});

describe("json source config", () => {
  it("rejects a malformed path, naming where it breaks", () => {
    const r = Source.safeParse({
      id: "lab",
      name: "Lab",
      kind: "review",
      homepage: "https://reviews.example/",
      extract: { type: "json", items: "a[", fields: { text: "b..c" } },
    });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContain(
      'extract.items: invalid JSON path "a[" at 2: expected an index, *, a quoted key or ?key=value',
    );
    expect(messages.some((m) => m.startsWith("extract.fields.text") && m.includes('"b..c" at 2'))).toBe(true);
  });

  it("rejects two locators in one state entry", () => {
    const r = Source.safeParse({
      id: "lab",
      name: "Lab",
      kind: "review",
      homepage: "https://reviews.example/",
      extract: { type: "json", state: { script: "#x", variable: "y" }, items: "a", fields: {} },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("give at most one of script, variable, callback");
  });
});
