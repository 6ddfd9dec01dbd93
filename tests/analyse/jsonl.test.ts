import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runAnalyseJsonl } from "../../src/analyse/index.js";
import { shippedResources } from "./resources.js";

describe("runAnalyseJsonl", () => {
  it("streams one analysis per line and reports bad lines in place", async () => {
    const lines = [
      JSON.stringify({ text: "Мошенники, не рекомендую" }),
      JSON.stringify({ text: "Great!", rating: 5, lang: "en" }),
      JSON.stringify({ rating: 9 }),
    ];
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on("data", (c) => chunks.push(String(c)));
    const stats = await runAnalyseJsonl(
      Readable.from(lines.map((l) => `${l}\n`)),
      out,
      await shippedResources(),
    );
    const rows = chunks
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(stats).toEqual({ lines: 3, errors: 1 });
    expect(rows[0]).toMatchObject({ label: "negative", lang: "ru" });
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining(["label", "score", "confidence", "lang", "reasons", "risks"]),
    );
    expect(rows[1]).toMatchObject({ label: "positive", lang: "en" });
    expect(rows[2].error).toBeTruthy();
  });
});
