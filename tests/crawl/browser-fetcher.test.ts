import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserFetcher, createBrowserFetcher } from "../../src/crawl/browser/browser-fetcher.js";
import { findChromium } from "../../src/crawl/browser/chromium-path.js";
import { crawlTarget } from "../../src/crawl/crawl-target.js";
import {
  AddressBlockedError,
  RetryableError,
  RobotsDisallowedError,
  StopRunError,
} from "../../src/crawl/errors.js";
import { createBrowserSite } from "../web/lab/browser-site.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { browserSettings, eventually, TAG_VAR, taggedPids } from "./browser-helpers.js";
import { labExtract, labSource } from "./lab-extract.js";

let web: ReplicaWeb;
let fetcher: BrowserFetcher;
const TAG = `shared-${process.pid}`;
const J = "https://js.lab";

function make(tag: string, extra: Partial<Parameters<typeof createBrowserFetcher>[0]> = {}): BrowserFetcher {
  return createBrowserFetcher({
    userAgent: "repwatch-test/1.0",
    originMap: web.originMap,
    allowAddresses: web.allowAddresses,
    maxPages: 2,
    maxRetries: 2,
    backoffBaseMs: 20,
    browserEnv: { [TAG_VAR]: tag },
    loadWaitMs: 800,
    ...extra,
  });
}

beforeAll(async () => {
  web = await startReplicaWeb([createBrowserSite()]);
  fetcher = make(TAG);
});
afterAll(async () => {
  await fetcher?.close();
  await web?.close();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the fetch to fail");
}
const count = (body: string, needle: string) => body.split(needle).length - 1;

describe("browser fetcher: rendering and steps", () => {
  it("renders a JS page under its logical URL, without loading images", async () => {
    const page = await fetcher.fetch(`${J}/list/1`, browserSettings({ browser: { waitFor: ".review" } }));
    expect(page.url).toBe(`${J}/list/1`);
    expect(page.status).toBe(200);
    expect(count(page.body, 'class="review"')).toBe(20);
    expect(web.hits.some((h) => h.path === "/img.png")).toBe(false);
    expect(web.hits.some((h) => h.path === "/api/list/1")).toBe(true);
  });

  it("scrolls an infinite list until no new items come", async () => {
    const page = await fetcher.fetch(
      `${J}/infinite`,
      browserSettings({ browser: { scroll: { item: ".review", settleMs: 1000 } } }),
    );
    expect(count(page.body, 'class="review"')).toBe(35);
  });

  it("clicks 'show more' until N items, or until the button is gone", async () => {
    const some = await fetcher.fetch(
      `${J}/click`,
      browserSettings({
        browser: { clickMore: { selector: "button.more", item: ".review", untilItems: 30 } },
      }),
    );
    expect(count(some.body, 'class="review"')).toBe(30);
    const all = await fetcher.fetch(
      `${J}/click`,
      browserSettings({
        browser: { clickMore: { selector: "button.more", item: ".review", settleMs: 1000 } },
      }),
    );
    expect(count(all.body, 'class="review"')).toBe(42);
    expect(all.body).not.toContain("Показать ещё");
  });

  it.each(["initialState", "#__NEXT_DATA__", "__NEXT_DATA__"])(
    "reads the embedded state %s",
    async (state) => {
      const page = await fetcher.fetch(`${J}/state`, browserSettings({ browser: { state } }));
      expect(page.contentType).toBe("application/json");
      const s = (state.includes("NEXT") ? (page.state as { props: unknown }).props : page.state) as {
        reviews: unknown[];
      };
      expect(s.reviews).toHaveLength(3);
      expect(JSON.parse(page.body)).toEqual(page.state);
    },
  );

  it("reads a page whose load event never fires, within the deadline", async () => {
    const page = await fetcher.fetch(`${J}/never`, browserSettings({ timeoutMs: 4000 }));
    expect(page.body).toContain('class="ready"');
  });

  it("gives up on a document that never finishes, and stays usable", async () => {
    const f = make(TAG, { maxRetries: 0 });
    try {
      const err = await failure(f.fetch(`${J}/never-doc`, browserSettings({ timeoutMs: 1000 })));
      expect(err).toBeInstanceOf(RetryableError);
    } finally {
      await f.close();
    }
    expect((await fetcher.fetch(`${J}/p/1`, browserSettings())).body).toContain("page 1");
  });
});

describe("browser fetcher: per-page deadline", () => {
  it("closes a page whose script never yields (page.evaluate included), and carries on", async () => {
    const f = make(`busy-${process.pid}`, { maxRetries: 0, maxPages: 1 });
    try {
      const err = await failure(f.fetch(`${J}/busy`, browserSettings({ timeoutMs: 1500 })));
      expect(err).toBeInstanceOf(RetryableError);
      expect(err.message).toMatch(/not done within 1500 ms/);
      expect((await f.fetch(`${J}/p/2`, browserSettings())).body).toContain("page 2");
    } finally {
      await f.close();
    }
  });
});

describe("browser fetcher: the same rules as HTTP", () => {
  it("obeys robots.txt for the document and for XHR", async () => {
    expect(await failure(fetcher.fetch(`${J}/private/x`, browserSettings()))).toBeInstanceOf(
      RobotsDisallowedError,
    );
    const page = await fetcher.fetch(
      `${J}/xhr?path=/private/data`,
      browserSettings({ browser: { waitFor: "#out:not(:empty)" } }),
    );
    expect(page.body).toContain('<p id="out">xhr failed</p>');
    expect(web.hits.some((h) => h.path === "/private/data")).toBe(false);
    const open = await fetcher.fetch(
      `${J}/xhr?path=/p/7`,
      browserSettings({ browser: { waitFor: "#out:not(:empty)" } }),
    );
    expect(open.body).toContain('<p id="out">xhr ok: ');
  });

  it("refuses a redirect to a metadata address from inside the page", async () => {
    const to = encodeURIComponent("/to?location=http://169.254.169.254/latest/meta-data/");
    const page = await fetcher.fetch(
      `${J}/xhr?path=${to}`,
      browserSettings({ browser: { waitFor: "#out:not(:empty)" } }),
    );
    expect(page.body).toContain('<p id="out">xhr failed</p>');
  });

  it("refuses WebSockets (they would bypass the guard)", async () => {
    const page = await fetcher.fetch(
      `${J}/ws`,
      browserSettings({ browser: { waitFor: "#out:not(:empty)" } }),
    );
    expect(page.body).toContain('<p id="out">ws closed 1008</p>');
  });

  it("is guarded by default (no allowance: the replica is refused)", async () => {
    const strict = createBrowserFetcher({ userAgent: "t/1", originMap: web.originMap, maxRetries: 0 });
    try {
      expect(await failure(strict.fetch(`${J}/p/1`, browserSettings()))).toBeInstanceOf(AddressBlockedError);
    } finally {
      await strict.close();
    }
  });
});

describe("browser fetcher: watchdogs and processes", () => {
  it("survives chrome://crash in the middle of a crawl", async () => {
    let crashed = 0;
    const f = make(`crash-${process.pid}`, {
      maxPages: 1,
      hooks: {
        async beforeNavigate(page, url) {
          if (url.endsWith("/p/3") && crashed++ === 0) await page.goto("chrome://crash").catch(() => {});
        },
      },
    });
    try {
      const bodies: string[] = [];
      for (let i = 1; i <= 5; i++) bodies.push((await f.fetch(`${J}/p/${i}`, browserSettings())).body);
      expect(crashed).toBe(2);
      bodies.forEach((b, i) => {
        expect(b).toContain(`page ${i + 1}`);
      });
      expect(f.pool.launches).toBe(1);
    } finally {
      await f.close();
    }
  });

  it("relaunches a killed browser, and recycles it every N pages", async () => {
    const tag = `kill-${process.pid}`;
    const f = make(tag, { maxPages: 1, recycleAfter: 4 });
    try {
      expect((await f.fetch(`${J}/p/1`, browserSettings())).body).toContain("page 1");
      const pids = taggedPids(tag);
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) process.kill(pid, "SIGKILL");
      for (let i = 2; i <= 10; i++)
        expect((await f.fetch(`${J}/p/${i}`, browserSettings())).body).toContain(`page ${i}`);
      // 1 launch, 1 relaunch after the kill, then recycles after every 4 pages served.
      expect(f.pool.launches).toBeGreaterThanOrEqual(3);
    } finally {
      await f.close();
    }
    expect(await eventually(() => taggedPids(tag).length === 0)).toBe(true);
  });

  it("leaves no Chromium process behind after a crawl", async () => {
    const tag = `run-${process.pid}`;
    const f = make(tag);
    const r = await crawlTarget({
      source: labSource({ fetch: { mode: "browser", timeoutMs: 8000, browser: { waitFor: ".review" } } }),
      startUrl: `${J}/list/1`,
      fetcher: f,
      extract: labExtract,
      isSeen: () => false,
      mode: "backfill",
    });
    expect(r.status).toBe("ok");
    expect(r.items).toHaveLength(20);
    expect(taggedPids(tag).length).toBeGreaterThan(0);
    await f.close();
    expect(await eventually(() => taggedPids(tag).length === 0)).toBe(true);
  });
});

describe("findChromium", () => {
  it("names a configured path that is not there", () => {
    expect(() => findChromium("/nonexistent/chromium")).toThrow(
      /REPWATCH_CHROMIUM_PATH=\/nonexistent\/chromium/,
    );
  });
  it("names every place it looked", () => {
    try {
      const found = findChromium(undefined, ["/nonexistent/a"]);
      // Playwright's own browser is installed on this machine: then it is the one found.
      expect(found).toMatch(/ms-playwright/);
    } catch (err) {
      expect(err).toBeInstanceOf(StopRunError);
      expect((err as Error).message).toMatch(/\/nonexistent\/a and Playwright's own browser/);
    }
  });
  it("finds Debian's chromium", () => {
    expect(findChromium()).toBe("/usr/bin/chromium");
  });
});
