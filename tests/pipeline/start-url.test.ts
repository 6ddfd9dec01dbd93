/** startUrlOf: a brand target's id in the source's targetUrl. */
import { describe, expect, it } from "vitest";
import { startUrlOf } from "../../src/pipeline/targets.js";
import { loadSource } from "../extract/helpers.js";

describe("startUrlOf", () => {
  it("keeps the slashes of multi-segment ids and encodes each segment", () => {
    expect(
      startUrlOf(loadSource("zoon"), { source: "zoon", id: "msk/banks/bank_romashka_na_tverskoj_ulitse" }),
    ).toBe("https://zoon.ru/msk/banks/bank_romashka_na_tverskoj_ulitse/reviews/");
    expect(
      startUrlOf(loadSource("yandex-maps"), { source: "yandex-maps", id: "bank_romashka/1092837465" }),
    ).toBe("https://yandex.ru/maps/org/bank_romashka/1092837465/reviews/");
    expect(startUrlOf(loadSource("banki-ru"), { source: "banki-ru", id: "ромашка?x=1" })).toBe(
      "https://www.banki.ru/services/responses/bank/%D1%80%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0%3Fx%3D1/",
    );
  });

  it("takes a target's full url as it is", () => {
    const url = "https://novosibirsk.flamp.ru/firm/bank_romashka_bank-70000001057394851";
    expect(startUrlOf(loadSource("flamp"), { source: "flamp", url })).toBe(url);
  });
});
