import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { Brand } from "../../src/config/brands.js";
import { runMatchJsonl } from "../../src/match/index.js";

describe("runMatchJsonl", () => {
  it("writes one JSON line per input line, errors included", async () => {
    const input = Readable.from(['{"text":"Сбербанк опять"}\n', '{"text":"ничего"}\n', "not json\n"]);
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on("data", (c) => chunks.push(String(c)));
    const stats = await runMatchJsonl(input, out, Brand.parse({ id: "sber", name: "Сбербанк" }));
    const lines = chunks
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(stats).toEqual({ lines: 3, matched: 1, errors: 1 });
    expect(lines[0]).toMatchObject({ matched: true, alias: "Сбербанк", field: "text", start: 0 });
    expect(lines[1]).toMatchObject({ matched: false });
    expect(lines[2].error).toMatch(/invalid JSON/);
  });
});
