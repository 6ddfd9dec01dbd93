/** The JSON path language and the JS-literal readers behind `extract.type: json`. */
import { describe, expect, it } from "vitest";
import {
  parseJsonLenient,
  readJsString,
  scanValueEnd,
  stripXssiPrefix,
} from "../../src/extract/js-literal.js";
import { evaluatePath, jsonPathProblem, parseJsonPath } from "../../src/extract/json-path.js";

const doc = {
  props: {
    pageProps: {
      reviews: [
        {
          id: "a",
          links: [
            { rel: "self", href: "/a" },
            { rel: "reviews", href: "/r/a" },
          ],
          hidden: false,
        },
        { id: "b", links: [{ rel: "reviews", href: "/r/b" }], hidden: true },
      ],
    },
  },
  data: { review: { "101": { data: { id: "101" } }, "7": { data: { id: "7" } } } },
  "odd.key": 5,
  nested: [[null, [1, [2, ["deep"]]]]],
};

describe("json paths", () => {
  it("walks keys, indexes (also negative and as .0), quoted keys and the root", () => {
    expect(evaluatePath(doc, "props.pageProps.reviews[0].id")).toEqual(["a"]);
    expect(evaluatePath(doc, "$.props.pageProps.reviews[-1].id")).toEqual(["b"]);
    expect(evaluatePath(doc, "props.pageProps.reviews.1.id")).toEqual(["b"]);
    expect(evaluatePath(doc, '["odd.key"]')).toEqual([5]);
    expect(evaluatePath(doc, "nested[0][1][1][1][0]")).toEqual(["deep"]);
    expect(evaluatePath(doc, "")).toEqual([doc]);
    expect(evaluatePath(doc, "$")).toEqual([doc]);
  });

  it("fans out with * over arrays and maps, and filters with [?k=v] / [?k!=v]", () => {
    expect(evaluatePath(doc, "data.review.*.data.id").sort()).toEqual(["101", "7"]);
    expect(evaluatePath(doc, "props.pageProps.reviews[*].id")).toEqual(["a", "b"]);
    expect(evaluatePath(doc, "props.pageProps.reviews[0].links[?rel=reviews].href")).toEqual(["/r/a"]);
    expect(evaluatePath(doc, 'props.pageProps.reviews[?hidden="false"].id')).toEqual(["a"]);
    expect(evaluatePath(doc, "props.pageProps.reviews[?hidden!=false].id")).toEqual(["b"]);
    expect(parseJsonPath("a.*.b").fanOut).toBe(true);
    expect(parseJsonPath("a[0].b").fanOut).toBe(false);
  });

  it("drops missing steps and nulls instead of throwing", () => {
    expect(evaluatePath(doc, "props.nope.x")).toEqual([]);
    expect(evaluatePath(doc, "nested[0][0]")).toEqual([]);
    expect(evaluatePath(doc, "props[3]")).toEqual([]);
    expect(evaluatePath(null, "a")).toEqual([]);
  });

  it("rejects malformed paths with the position and what was expected", () => {
    expect(jsonPathProblem("a..b")).toMatch(/at 2: expected a key/);
    expect(jsonPathProblem("a[x]")).toMatch(/at 2: expected an index/);
    expect(jsonPathProblem("a[0")).toMatch(/expected "]"/);
    expect(jsonPathProblem("a b")).toMatch(/at 1/);
    expect(jsonPathProblem("a.b[0].c")).toBeUndefined();
  });
});

describe("JS literals", () => {
  it("unescapes a single-quoted JS string like JSON.parse('…') receives it", () => {
    const src = String.raw`x = '{"t":"it\'s \\"ok\\"\\n\u0416\x41"}' + 1`;
    const lit = readJsString(src, src.indexOf("'"))!;
    expect(lit.value).toBe('{"t":"it\'s \\"ok\\"\\nЖA"}');
    expect(src.slice(lit.end)).toBe(" + 1");
    expect(JSON.parse(lit.value)).toEqual({ t: 'it\'s "ok"\nЖA' });
    expect(readJsString("'unterminated", 0)).toBeUndefined();
  });

  it("finds the end of a balanced literal, skipping brackets in strings", () => {
    const src = `[1, "a]b", {"c": '}'}, [[]]];rest`;
    expect(src.slice(0, scanValueEnd(src, 0))).toBe(`[1, "a]b", {"c": '}'}, [[]]]`);
    expect(scanValueEnd("[1, 2", 0)).toBeUndefined();
    expect(scanValueEnd("x", 0)).toBeUndefined();
  });

  it("parses JS-only escapes and drops anti-hijacking prefixes", () => {
    expect(parseJsonLenient(String.raw`["a\x3db"]`)).toEqual(["a=b"]);
    expect(() => parseJsonLenient("{bad")).toThrow();
    expect(stripXssiPrefix(")]}'\n[1]")).toBe("\n[1]");
    expect(stripXssiPrefix("\ufeffwhile(1);{}")).toBe("{}");
  });
});
