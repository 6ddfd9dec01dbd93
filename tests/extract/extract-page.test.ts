/** extractPage on hand-written pages: leniency, fallbacks, scopes, URL resolution, blocking, pagination. */
import { describe, expect, it } from "vitest";
import { Source } from "../../src/config/source.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { absoluteUrl, normalise } from "../../src/extract/fields.js";
import { htmlPage } from "./helpers.js";

function source(over: Record<string, unknown> = {}, fields: Record<string, unknown> = {}): Source {
  return Source.parse({
    id: "forum-x",
    name: "Forum X",
    kind: "forum",
    homepage: "https://forum.example/",
    timezone: "Europe/Moscow",
    extract: {
      type: "html",
      item: "li.post",
      fields: {
        externalId: { attr: "data-id" },
        url: { selector: "a.permalink", attr: "href" },
        author: ".who",
        publishedAt: "time",
        rating: { selector: ".stars", attr: "title" },
        text: ".body",
        likes: ".likes",
        subject: { selector: "h1", scope: "page" },
        ...fields,
      },
      extra: { city: ".city", score: { selector: ".score", parse: "float" } },
    },
    ...over,
  });
}

const POSTS = `<html><head><title>Тема</title><base href="https://forum.example/t/"></head><body>
<h1>Банк Ромашка: жалобы</h1>
<ul>
  <li class="post" data-id="1"><a class="permalink" href="p1">#</a><span class="who">Аня</span>
    <time>вчера в 23:10</time><span class="stars" title="4 из 5"></span>
    <div class="body">Хороший банк.<br>Рекомендую.</div><span class="likes">1 234</span><span class="city"> Тверь </span>
    <span class="score">8,5</span></li>
  <li class="post" data-id="2"><a class="permalink" href="javascript:alert(1)">#</a><span class="who">Бот</span>
    <div class="body">Ссылка-ловушка</div></li>
  <li class="post" data-id="3"><a class="permalink" href="/t/p3">#</a><span class="who">Ivan</span>
    <time>давным-давно</time><span class="stars" title="звёзд нет"></span><div class="body">  </div></li>
  <li class="post" data-id="4"><a class="permalink" href="https://forum.example/t/p4#x">#</a>
    <time>2024-02-30</time><span class="stars" title="9 из 5"></span><span class="likes">много</span>
    <div class="body">Текст… читать далее</div></li>
</ul>
<a class="next" href="?page=3">дальше</a>
</body></html>`;

describe("extractPage leniency", () => {
  const out = extractPage(htmlPage("https://forum.example/t/?page=2", POSTS), source());

  it("keeps the good items of a page with malformed ones", () => {
    expect(out.itemNodes).toBe(4);
    expect(out.items.map((i) => i.externalId)).toEqual(["1", "4"]);
  });

  it("reads values as plain strings and numbers, resolving links against <base href>", () => {
    expect(out.items[0]).toEqual({
      platform: "forum-x",
      externalId: "1",
      url: "https://forum.example/t/p1",
      author: "Аня",
      publishedAt: "2026-04-21T20:10:00.000Z",
      rating: 4,
      text: "Хороший банк.\nРекомендую.",
      likes: 1234,
      subject: "Банк Ромашка: жалобы",
      extra: { city: "Тверь", score: 8.5 },
    });
  });

  it("drops bad optional fields and flags teasers", () => {
    const four = out.items[1]!;
    expect(four.url).toBe("https://forum.example/t/p4#x");
    expect(four.text).toBe("Текст");
    expect(four.extra).toEqual({ truncated: true });
    expect(four.publishedAt).toBeUndefined();
    expect(four.rating).toBeUndefined();
    expect(four.likes).toBeUndefined();
  });

  it("says why, one line per problem, numbered by item", () => {
    expect(out.warnings).toEqual([
      'item 2: url "javascript:alert(1)" is not a web link',
      "item 2: skipped: no url",
      'item 3: publishedAt "давным-давно" is not a date',
      'item 3: rating "звёзд нет" is not a rating',
      "item 3: skipped: no text",
      'item 4: publishedAt "2024-02-30" is not a date',
      'item 4: rating "9 из 5" is not a rating',
      'item 4: likes "много" is not a whole number',
    ]);
  });

  it("rejects values that break the RawMention schema, keeping the item", () => {
    const s = source({}, { language: { const: "" }, likes: { selector: ".likes", parse: "float" } });
    const page = htmlPage(
      "https://forum.example/t/",
      `<li class="post"><a class="permalink" href="/p">#</a><div class="body">x</div><b class="likes">-2.5</b></li>`,
    );
    const r = extractPage(page, s);
    // the empty constant is no value (silently); the negative float is not a like count (warned)
    expect(r.items).toEqual([{ platform: "forum-x", url: "https://forum.example/p", text: "x" }]);
    expect(r.warnings).toEqual(['item 1: likes "-2.5" dropped: is not a non-negative whole number']);
  });
});

describe("field rules", () => {
  const page = (body: string) => htmlPage("https://site.example/list/", `<div class="r">${body}</div>`);
  const one = (fields: Record<string, unknown>, body: string) =>
    extractPage(page(body), source({ extract: { type: "html", item: "div.r", fields } }));

  it("tries fallbacks in order until one yields", () => {
    const fields = {
      url: [
        { selector: "a.read", attr: "href" },
        { selector: "link[rel=canonical]", attr: "href", scope: "page" },
      ],
      text: [".teaser", ".full", ".title"],
    };
    expect(
      one(fields, `<a class="read" href="r1">x</a><p class="title">Заголовок</p>`).items[0],
    ).toMatchObject({
      url: "https://site.example/list/r1",
      text: "Заголовок",
    });
  });

  it("applies a regex (first group) and a constant", () => {
    const fields = {
      url: { const: "https://site.example/x" },
      text: { selector: ".plus", regex: "^(?:Достоинства:)?\\s*(.*)$" },
      language: { const: "ru" },
    };
    expect(one(fields, `<div class="plus"><b>Достоинства:</b> всё</div>`).items[0]).toMatchObject({
      text: "всё",
      language: "ru",
    });
  });

  it("counts star elements as a rating on the rule's scale, and no lit star as no rating", () => {
    const stars = (n: number, of: number) =>
      Array.from({ length: of }, (_, i) => `<i class="s${i < n ? " on" : ""}"></i>`).join("");
    const fields = (scale: number) => ({
      url: { const: "https://site.example/x" },
      text: { const: "t" },
      rating: { selector: "i.s.on", parse: "count", scale },
    });
    expect(one(fields(5), stars(3, 5)).items[0]!.rating).toBe(3);
    expect(one(fields(10), stars(7, 10)).items[0]!.rating).toBe(3.5);
    expect(one(fields(5), stars(0, 5)).items[0]!.rating).toBeUndefined();
    expect(one(fields(5), stars(0, 5)).warnings).toEqual([]);
  });

  it("reads a width percentage and a unix attribute", () => {
    const fields = {
      url: { const: "https://site.example/x" },
      text: { const: "t" },
      rating: { selector: ".fill", attr: "style", scale: 100 },
      publishedAt: { selector: "[data-ts]", attr: "data-ts", parse: "unix" },
    };
    const r = one(fields, `<span class="fill" style="width: 80%"></span><span data-ts="1759222974"></span>`);
    expect(r.items[0]).toMatchObject({ rating: 4, publishedAt: "2025-09-30T09:02:54.000Z" });
  });

  it("reports an invalid selector once per page, not a crash", () => {
    const fields = {
      url: { const: "https://site.example/x" },
      text: [{ selector: "p:::bad" }, { const: "t" }],
    };
    const r = extractPage(
      page("<p>a</p>"),
      source({ extract: { type: "html", item: "div.r, div.r2", fields } }),
    );
    expect(r.items).toHaveLength(1);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^selector "p:::bad" is invalid/);
    const badItem = extractPage(page("x"), source({ extract: { type: "html", item: "div[", fields } }));
    expect(badItem.itemNodes).toBe(0);
    expect(badItem.warnings[0]).toMatch(/^selector "div\[" is invalid/);
  });

  it("reports an invalid regex in the source as a warning, not a crash", () => {
    const fields = { url: { const: "https://site.example/x" }, text: { const: "t" }, title: { regex: "(" } };
    const r = one(fields, "x");
    expect(r.items).toHaveLength(1);
    expect(r.warnings).toEqual(["item 1: title invalid regex /(/ in the source"]);
  });
});

describe("blocked pages and pagination", () => {
  const blocked = [{ titleIncludes: "вы робот" }, { status: 403, textIncludes: "access denied" }];

  it("matches any signal; all conditions of one signal must hold", () => {
    const s = source({ blocked });
    const captcha = htmlPage(
      "https://forum.example/",
      "<title>Отзовик - Вы робот?</title><li class=post></li>",
    );
    expect(extractPage(captcha, s)).toEqual({ items: [], warnings: [], blocked: true, itemNodes: 1 });
    const denied = htmlPage("https://forum.example/", "<p>Access denied</p>", undefined, 403);
    expect(extractPage(denied, s).blocked).toBe(true);
    const okWithWords = htmlPage("https://forum.example/", "<p>Access denied</p>", undefined, 200);
    expect(extractPage(okWithWords, s).blocked).toBe(false);
    const inScriptOnly = htmlPage(
      "https://forum.example/",
      "<script>'access denied'</script>",
      undefined,
      403,
    );
    expect(extractPage(inScriptOnly, s).blocked).toBe(false);
  });

  it("next-link: follows the href, never back to the same page", () => {
    const s = source({ pagination: { type: "next-link", selector: "a.next" } });
    expect(extractPage(htmlPage("https://forum.example/t/?page=2", POSTS), s).nextUrl).toBe(
      "https://forum.example/t/?page=3",
    );
    const self = htmlPage("https://forum.example/t/?page=3", POSTS);
    expect(extractPage(self, s).nextUrl).toBeUndefined();
  });

  it("page-param: increments the parameter while pages have items", () => {
    const s = source({ pagination: { type: "page-param", param: "p", start: 1 } });
    expect(extractPage(htmlPage("https://forum.example/t/?sort=new", POSTS), s).nextUrl).toBe(
      "https://forum.example/t/?sort=new&p=2",
    );
    expect(extractPage(htmlPage("https://forum.example/t/?p=7", POSTS), s).nextUrl).toBe(
      "https://forum.example/t/?p=8",
    );
    expect(extractPage(htmlPage("https://forum.example/t/?p=8", "<p>пусто</p>"), s).nextUrl).toBeUndefined();
  });

  it("offset: adds the step, or the number of items found", () => {
    const stepped = source({ pagination: { type: "offset", param: "offset", step: 20 } });
    expect(extractPage(htmlPage("https://forum.example/t/?offset=40", POSTS), stepped).nextUrl).toBe(
      "https://forum.example/t/?offset=60",
    );
    const counted = source({ pagination: { type: "offset", param: "from" } });
    expect(extractPage(htmlPage("https://forum.example/t/", POSTS), counted).nextUrl).toBe(
      "https://forum.example/t/?from=4",
    );
    expect(extractPage(htmlPage("https://forum.example/t/", "<p></p>"), counted).nextUrl).toBeUndefined();
  });
});

describe("normalise and absoluteUrl", () => {
  const ctx = {
    baseUrl: "https://site.example/a/b",
    now: new Date("2026-04-22T09:30:00Z"),
    timeZone: "Europe/Moscow",
  };
  it.each([
    ["int", " 1 234 отзыва ", 1234],
    ["float", "рейтинг 4,25", 4.25],
    ["date", "вчера в 23:10", "2026-04-21T20:10:00.000Z"],
    ["unix", "1759222974", "2025-09-30T09:02:54.000Z"],
    ["rating", "8 из 10", 4],
    ["url", " ../c?d=1#e ", "https://site.example/c?d=1#e"],
    ["text", "  a \n b ", "a b"],
    ["html-text", "  a \n b ", "a\nb"],
  ] as const)("%s %j", (parse, raw, value) => {
    expect(normalise(raw, parse, {}, ctx)).toEqual({ value });
  });

  it.each([
    ["int", "нет"],
    ["unix", "вчера"],
    ["url", "mailto:a@b.c"],
  ] as const)("%s %j is an error", (parse, raw) => {
    expect(normalise(raw, parse, {}, ctx).error).toBeTruthy();
  });

  it("treats empty values and fragment links as no value", () => {
    expect(normalise("   ", "int", {}, ctx)).toEqual({});
    expect(absoluteUrl("#comments", ctx.baseUrl)).toEqual({});
    expect(absoluteUrl("//cdn.example/x", ctx.baseUrl)).toEqual({ value: "https://cdn.example/x" });
  });
});
