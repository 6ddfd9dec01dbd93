import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchSettings } from "../../src/config/source.js";
import {
  AddressBlockedError,
  BodyTooLargeError,
  DeferredError,
  HttpStatusError,
  RedirectError,
  RetryableError,
} from "../../src/crawl/errors.js";
import { createHttpFetcher, type HttpFetcher } from "../../src/crawl/http-fetcher.js";
import { createHostileSite } from "../web/lab/hostile-site.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";

let web: ReplicaWeb;
let fetcher: HttpFetcher;
const settings = FetchSettings.parse({
  minIntervalMs: 0,
  concurrency: 4,
  timeoutMs: 1500,
  maxBytes: 1024 * 1024,
});
const H = "https://hostile.lab";

beforeAll(async () => {
  web = await startReplicaWeb([createHostileSite()]);
  fetcher = createHttpFetcher({
    userAgent: "repwatch-test/1.0 (+https://example.invalid)",
    originMap: web.originMap,
    allowAddresses: web.allowAddresses,
    maxRetries: 2,
    backoffBaseMs: 20,
    retryAfterCapMs: 5000,
  });
});
afterAll(async () => {
  await fetcher.close();
  await web.close();
});

const hitsOf = (path: string) => web.hits.filter((h) => h.host === "hostile.lab" && h.path === path);

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the fetch to fail");
}

describe("HTTP fetcher: address guard", () => {
  it("is on by default: the replica is refused without the explicit allowance", async () => {
    const strict = createHttpFetcher({ userAgent: "repwatch-test/1.0", originMap: web.originMap });
    try {
      const err = await failure(strict.fetch(`${H}/ok`, { ...settings, ignoreRobots: true }));
      expect(err).toBeInstanceOf(AddressBlockedError);
      expect(err.message).toMatch(/127\.0\.0\.1/);
    } finally {
      await strict.close();
    }
  });

  it.each([
    ["127.0.0.2", `http://127.0.0.2:${0}/x`],
    ["169.254.169.254", "http://169.254.169.254/latest/meta-data/"],
    ["[::1]", "http://[::1]:8080/"],
    ["0x7f000001", "http://0x7f000001/"],
    ["2130706433", "http://2130706433:81/"],
    ["::ffff:127.0.0.1", "http://[::ffff:127.0.0.1]/"],
    ["10.0.0.1", "http://10.0.0.1/"],
    ["localhost", "http://localhost:9/"],
  ])("refuses a redirect to %s", async (_name, target) => {
    const location = target.replace(":0/", `:${web.port}/`);
    const err = await failure(fetcher.fetch(`${H}/to?location=${encodeURIComponent(location)}`, settings));
    expect(err).toBeInstanceOf(AddressBlockedError);
  });

  it("maps a redirect to the physical base back to the logical URL", async () => {
    const page = await fetcher.fetch(
      `${H}/to?location=${encodeURIComponent(`${web.base}/hostile.lab/ok`)}`,
      settings,
    );
    expect(page.url).toBe(`${H}/ok`);
    expect(page.body).toContain("<p>ok</p>");
  });
});

describe("HTTP fetcher: redirects", () => {
  it("detects a redirect loop", async () => {
    const err = await failure(fetcher.fetch(`${H}/loop/a`, settings));
    expect(err).toBeInstanceOf(RedirectError);
    expect(err.message).toMatch(/loop/);
  });
  it("follows a short chain and stops a long one", async () => {
    const page = await fetcher.fetch(`${H}/chain/3`, settings);
    expect(page.url).toBe(`${H}/chain/0`);
    const err = await failure(fetcher.fetch(`${H}/chain/30`, settings));
    expect(err).toBeInstanceOf(RedirectError);
  });
});

describe("HTTP fetcher: retries and throttling", () => {
  it("honours Retry-After in seconds (spacing from the server's own timestamps)", async () => {
    const page = await fetcher.fetch(`${H}/retry-after/seconds`, settings);
    expect(page.body).toContain("after seconds");
    const hits = hitsOf("/retry-after/seconds");
    expect(hits.map((h) => h.status)).toEqual([429, 200]);
    expect((hits[1]?.at ?? 0) - (hits[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const page = await fetcher.fetch(`${H}/retry-after/date`, settings);
    expect(page.body).toContain("after date");
    const hits = hitsOf("/retry-after/date");
    expect(hits.map((h) => h.status)).toEqual([503, 200]);
    // The date has whole-second resolution: ~2 s ahead means a wait of at least ~1 s.
    expect((hits[1]?.at ?? 0) - (hits[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("defers when Retry-After is longer than the cap, without waiting", async () => {
    const err = await failure(fetcher.fetch(`${H}/retry-after/long`, settings));
    expect(err).toBeInstanceOf(DeferredError);
    expect((err as DeferredError).retryAfterMs).toBe(3_600_000);
    expect(hitsOf("/retry-after/long")).toHaveLength(1);
  });

  it("rides out a 503 burst", async () => {
    const page = await fetcher.fetch(`${H}/burst503?n=2`, settings);
    expect(page.status).toBe(200);
    expect(hitsOf("/burst503?n=2").map((h) => h.status)).toEqual([503, 503, 200]);
  });

  it("gives up after maxRetries on a 5xx, and never retries a 404", async () => {
    const err = await failure(fetcher.fetch(`${H}/status/502`, settings));
    expect(err).toBeInstanceOf(RetryableError);
    expect(hitsOf("/status/502")).toHaveLength(3);
    const nf = await failure(fetcher.fetch(`${H}/status/404`, settings));
    expect(nf).toBeInstanceOf(HttpStatusError);
    expect((nf as HttpStatusError).page?.status).toBe(404);
    expect(hitsOf("/status/404")).toHaveLength(1);
  });

  it("retries 408 and a connection dropped mid-body", async () => {
    await failure(fetcher.fetch(`${H}/status/408`, settings));
    expect(hitsOf("/status/408")).toHaveLength(3);
    const page = await fetcher.fetch(`${H}/drop-once`, settings);
    expect(page.body).toContain("recovered");
  });
});

describe("HTTP fetcher: limits", () => {
  const once = createHttpFetcher({
    userAgent: "repwatch-test/1.0",
    maxRetries: 0,
    originMap: "",
    allowAddresses: "",
  });
  afterAll(() => once.close());

  it("cuts off a slow-loris body at the whole-body deadline", async () => {
    const f = createHttpFetcher({
      userAgent: "t/1",
      originMap: web.originMap,
      allowAddresses: web.allowAddresses,
      maxRetries: 0,
    });
    try {
      const err = await failure(f.fetch(`${H}/slow-body`, { ...settings, timeoutMs: 600 }));
      expect(err).toBeInstanceOf(RetryableError);
      expect(err.message).toMatch(/not complete within 600 ms/);
    } finally {
      await f.close();
    }
  });

  it("has a header deadline", async () => {
    const f = createHttpFetcher({
      userAgent: "t/1",
      originMap: web.originMap,
      allowAddresses: web.allowAddresses,
      maxRetries: 0,
      headersTimeoutMs: 300,
    });
    try {
      const err = await failure(f.fetch(`${H}/no-headers`, settings));
      expect(err.message).toMatch(/no response headers within 300 ms/);
    } finally {
      await f.close();
    }
  });

  it.each(["/gzip-bomb", "/gzip-bomb-chunked", "/huge"])(
    "stops %s at maxBytes of decoded body",
    async (path) => {
      const err = await failure(fetcher.fetch(`${H}${path}`, settings));
      expect(err).toBeInstanceOf(BodyTooLargeError);
      expect(once).toBeDefined();
    },
  );
});

describe("HTTP fetcher: conditional requests", () => {
  it.each(["/etag", "/last-modified", "/stable"])(
    "flags %s unchanged on the second conditional fetch",
    async (path) => {
      const first = await fetcher.fetch(`${H}${path}`, settings, undefined, { conditional: true });
      expect(first.unchanged).toBeUndefined();
      const second = await fetcher.fetch(`${H}${path}`, settings, undefined, { conditional: true });
      expect(second.unchanged).toBe(true);
      const plain = await fetcher.fetch(`${H}${path}`, settings);
      expect(plain.status).toBe(200);
      expect(plain.unchanged).toBeUndefined();
      const statuses = hitsOf(path).map((h) => h.status);
      expect(statuses).toEqual(path === "/stable" ? [200, 200, 200] : [200, 304, 200]);
    },
  );
});
