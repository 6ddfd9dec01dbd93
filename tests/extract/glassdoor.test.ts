/** sources/glassdoor.yaml on the real Glassdoor reviews list (../shared/fixtures/real-pages/glassdoor/). */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("glassdoor");

describe("glassdoor source on the real 2019 reviews list", () => {
  const body = realPage("glassdoor/01_glassdoor_reviews_test.html");
  it.skipIf(!body)(
    "reads 10 reviews with rating, title, pros, cons, advice, date, position, status, city, sub-ratings",
    () => {
      const url = "https://www.glassdoor.co.uk/Reviews/Aetna-Reviews-E16.htm";
      const out = extractPage(htmlPage(url, body!), source);
      expect(out.warnings).toEqual([]);
      expect(out.items).toHaveLength(10);
      // review 12449: the values the fixture's own repository tests expect
      expect(out.items[0]).toEqual({
        platform: "glassdoor",
        externalId: "12449",
        url: "https://www.glassdoor.co.uk/Reviews/Employee-Review-Aetna-RVW12449.htm",
        publishedAt: "2008-06-12T00:00:00.000Z",
        rating: 3,
        title: "Good but needs improvement",
        pros: "401k and relatively good job security",
        cons: "Outsourcing!! High cost of benefits. Budget restrictions to help 'save' the company money.",
        text: "Take care of your employees! Share the wealth.",
        likes: 2,
        extra: {
          position: "Senior Consultant",
          status: "Current Employee",
          city: "Philadelphia, PA (US)",
          salary: 2,
          management: 3,
          conditions: 3.5,
          career: 3,
        },
      });
      for (const item of out.items) {
        expect(item).toMatchObject({
          rating: expect.any(Number),
          title: expect.any(String),
          pros: expect.any(String),
          cons: expect.any(String),
          publishedAt: expect.stringMatching(/^20\d\d-/),
        });
        expect(item.extra).toMatchObject({
          position: expect.any(String),
          status: expect.stringMatching(/Employee$/),
        });
      }
      expect(out.items.filter((i) => i.extra?.["status"] === "Former Employee")).toHaveLength(2);
      expect(out.nextUrl).toBe(
        "https://www.glassdoor.co.uk/Reviews/Aetna-Reviews-E16_P234.htm?filter.defaultEmploymentStatuses=false&filter.defaultLocation=false",
      );
    },
  );
});
