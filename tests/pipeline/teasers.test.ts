import { describe, expect, it } from "vitest";
import type { RawMention } from "../../src/domain/mention.js";
import { shouldFollow, teaserContinues, withStoredFull } from "../../src/pipeline/teasers.js";

const full: RawMention = {
  platform: "irecommend",
  externalId: "7",
  url: "https://irecommend.ru/content/7",
  title: "Не советую",
  text: "Карту заблокировали   в пятницу вечером. Разблокировали только в понедельник.",
  pros: "нет",
  cons: "поддержка",
  likes: 4,
  rating: 1,
};
const teaser: RawMention = {
  platform: "irecommend",
  externalId: "7",
  url: "https://irecommend.ru/content/7",
  title: "Не советую",
  text: "Карту заблокировали в пятницу",
  rating: 1,
  extra: { truncated: true },
};

describe("teasers of stored reviews", () => {
  it("a teaser continues the stored text regardless of whitespace; an edited text does not", () => {
    expect(teaserContinues(full.text, teaser.text)).toBe(true);
    expect(teaserContinues(full.text, "Карту выпустили быстро")).toBe(false);
    expect(teaserContinues(full.text, "")).toBe(false);
  });

  it("follows new teasers and edited ones, never full items or unedited teasers", () => {
    expect(shouldFollow(teaser, true, undefined)).toBe(true);
    expect(shouldFollow(teaser, false, full)).toBe(false);
    expect(shouldFollow({ ...teaser, text: "Карту выпустили быстро" }, false, full)).toBe(true);
    expect(shouldFollow(full, true, undefined)).toBe(false);
  });

  it("an unedited teaser becomes the stored review with what the list shows on top", () => {
    const merged = withStoredFull({ ...teaser, rating: 2 }, full);
    expect(merged.text).toBe(full.text);
    expect(merged.pros).toBe("нет");
    expect(merged.cons).toBe("поддержка");
    expect(merged.likes).toBe(4);
    expect(merged.rating).toBe(2); // a changed rating is still an edit
    expect(merged.extra).toBeUndefined();
  });

  it("leaves edited teasers and non-teasers alone", () => {
    const edited = { ...teaser, text: "Карту выпустили быстро" };
    expect(withStoredFull(edited, full)).toBe(edited);
    expect(withStoredFull(full, full)).toBe(full);
    expect(withStoredFull(teaser, undefined)).toBe(teaser);
  });
});
