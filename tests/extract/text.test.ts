import { load } from "cheerio/slim";
import { describe, expect, it } from "vitest";
import {
  cleanMultiline,
  collapseWhitespace,
  nodeMultilineText,
  nodeText,
  stripTruncation,
  type TextNode,
  tidyLines,
} from "../../src/extract/text.js";

function node(html: string): TextNode {
  const $ = load(`<div id="x">${html}</div>`);
  return $("#x")[0] as unknown as TextNode;
}

describe("nodeText / nodeMultilineText", () => {
  const html = `<p>Первый   абзац,<br>вторая строка.</p>
    <p>Второй&nbsp;абзац &amp; &lt;!channel&gt;</p><script>var x = 1;</script><style>p{}</style>
    <ul><li>пункт 1</li><li>пункт 2</li></ul><!-- comment -->`;

  it("keeps line structure: <br> and blocks become newlines, entities decoded, scripts skipped", () => {
    expect(nodeMultilineText(node(html))).toBe(
      "Первый абзац,\nвторая строка.\n\nВторой абзац & <!channel>\n\nпункт 1\nпункт 2",
    );
  });

  it("treats source line breaks as spaces except in <pre>, and keeps typed tags literal", () => {
    expect(nodeMultilineText(node("раз\n   два<div>три</div><div>четыре</div><pre>a\n  b</pre>"))).toBe(
      "раз два\nтри\nчетыре\n\na\nb",
    );
    expect(nodeMultilineText(node("не &lt;br&gt; перенос \u0001\u0002"))).toBe("не <br> перенос");
  });

  it("collapses everything to one line", () => {
    expect(nodeText(node(html))).toBe(
      "Первый абзац, вторая строка. Второй абзац & <!channel> пункт 1 пункт 2",
    );
  });

  it("does not glue inline elements", () => {
    expect(nodeText(node("<b>Достоинства:</b> надёжный <i>банк</i>"))).toBe("Достоинства: надёжный банк");
  });
});

describe("string cleanup", () => {
  it("collapses whitespace and drops control and zero-width characters", () => {
    expect(collapseWhitespace("  a\u0000b \t\n c\u200b d\u00a0 ")).toBe("ab c d");
  });

  it("tidies lines without touching tag-like text", () => {
    expect(tidyLines(" a <br>  b \n\n\n c ")).toBe("a <br> b\n\nc");
  });

  it("turns <br> in strings into newlines and squeezes blank lines", () => {
    expect(cleanMultiline("раз<br/>два<BR>  три \r\n\r\n\r\n\r\nчетыре   пять")).toBe(
      "раз\nдва\nтри\n\nчетыре пять",
    );
  });
});

describe("stripTruncation", () => {
  it.each([
    ["Кредит одобрили быстро... читать далее", "Кредит одобрили быстро"],
    ["Кредит одобрили быстро… Читать весь отзыв", "Кредит одобрили быстро"],
    ["Кредит одобрили быстро (читать полностью)", "Кредит одобрили быстро"],
    ["Кредит одобрили быстро ... Подробнее »", "Кредит одобрили быстро"],
    ["The app kept crashing... read more", "The app kept crashing"],
    ["The app kept crashing… more", "The app kept crashing"],
    ["The app kept crashing ...", "The app kept crashing"],
    ["Кредит одобрили быстро…", "Кредит одобрили быстро"],
    ["Читать далее", ""],
  ])("%j", (text, expected) => {
    expect(stripTruncation(text)).toEqual({ text: expected, truncated: true });
  });

  it.each(["Всё хорошо.", "Читать далее я не стал, но всё хорошо", "Nothing more"])("%j is whole", (text) => {
    expect(stripTruncation(text)).toEqual({ text, truncated: false });
  });

  it("stays fast on long texts (only the tail is examined)", () => {
    const long = `${"слово ".repeat(20_000)}читать далее`;
    const r = stripTruncation(long);
    expect(r.truncated).toBe(true);
    expect(r.text.endsWith("слово")).toBe(true);
  });
});
