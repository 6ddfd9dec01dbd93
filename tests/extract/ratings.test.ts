import { describe, expect, it } from "vitest";
import { parseRating } from "../../src/extract/ratings.js";

describe("parseRating", () => {
  it.each([
    ["4", 4],
    ["4,5", 4.5],
    ["4.5 of 5", 4.5],
    ["4.5 out of 5", 4.5],
    ["3/5", 3],
    ["Общий рейтинг: 4.93", 4.93],
    ["Оценка: 5 из 5", 5],
    ["8 из 10", 4],
    ["9 от 10", 4.5],
    ["width: 80%", 4],
    ["100%", 5],
    ["★★★★☆", 4],
    ["⭐⭐⭐", 3],
    ["rating-2", 2],
  ])("%s -> %d", (text, expected) => {
    expect(parseRating(text)).toBe(expected);
  });

  it("applies the configured scale when the text does not carry one", () => {
    expect(parseRating("80", { scale: 100 })).toBe(4);
    expect(parseRating("7", { scale: 10 })).toBe(3.5);
    expect(parseRating("10", { scale: 10 })).toBe(5);
    expect(parseRating("1", { scale: 10 })).toBe(1); // below one star, still a rating
    expect(parseRating(8.6, { scale: 10 })).toBe(4.3);
  });

  it("maps counted star elements", () => {
    expect(parseRating(3)).toBe(3);
    expect(parseRating(7, { scale: 10 })).toBe(3.5);
  });

  it.each([
    ["", undefined],
    ["нет оценки", undefined],
    ["0", undefined],
    ["-1", undefined],
    ["6", undefined],
    ["11 из 10", undefined],
    ["120%", undefined],
    ["☆☆☆☆☆", undefined],
  ])("%j -> undefined", (text) => {
    expect(parseRating(text)).toBeUndefined();
  });

  it("rejects non-finite numbers", () => {
    expect(parseRating(Number.NaN)).toBeUndefined();
    expect(parseRating(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(parseRating(3, { scale: 0 })).toBeUndefined();
  });
});
