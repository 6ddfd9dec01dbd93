import { describe, expect, it } from "vitest";
import { createAddressGuard, isPrivateAddress, parseAllowAddresses } from "../../src/crawl/address-guard.js";
import { backoffDelay, parseRetryAfter } from "../../src/crawl/backoff.js";
import { parseOriginMap } from "../../src/crawl/origin-map.js";
import { productToken } from "../../src/crawl/robots.js";

describe("parseOriginMap", () => {
  const map = parseOriginMap(
    "https://otzovik.com=http://127.0.0.1:8080/otzovik.com, http://otzovik.com=http://127.0.0.1:8080/otzovik.com",
  );
  it("sends a logical URL to the physical base, keeping path and query", () => {
    expect(map.toPhysical("https://otzovik.com/a/b?c=1&d=2")).toBe(
      "http://127.0.0.1:8080/otzovik.com/a/b?c=1&d=2",
    );
    expect(map.toPhysical("https://irecommend.ru/x")).toBe("https://irecommend.ru/x");
  });
  it("maps physical URLs back, preferring the protocol we came from", () => {
    expect(map.toLogical("http://127.0.0.1:8080/otzovik.com/r?p=2")).toBe("https://otzovik.com/r?p=2");
    expect(map.toLogical("http://127.0.0.1:8080/otzovik.com/r", "http:")).toBe("http://otzovik.com/r");
    expect(map.toLogical("http://127.0.0.1:8080/otzovik.com")).toBe("https://otzovik.com/");
    expect(map.toLogical("http://127.0.0.1:8080/otzovik.community/x")).toBe(
      "http://127.0.0.1:8080/otzovik.community/x",
    );
    expect(map.toLogical("http://127.0.0.1:9999/otzovik.com/x")).toBe("http://127.0.0.1:9999/otzovik.com/x");
  });
  it("explains a malformed entry", () => {
    expect(() => parseOriginMap("otzovik.com")).toThrow(/expected "<origin>=<base url>"/);
    expect(() => parseOriginMap("https://a.com/path=http://x")).toThrow(/bare origin/);
    expect(parseOriginMap("").entries).toHaveLength(0);
  });
});

describe("address guard", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "100.64.0.1",
    "::1",
    "::",
    "fc00::1",
    "fd00:ec2::254",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
  ])("refuses %s", (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });
  it.each(["8.8.8.8", "172.32.0.1", "93.184.216.34", "2606:4700::1111"])("lets %s through", (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
  it("allows exactly the listed ip:port pairs", () => {
    const g = createAddressGuard({ allowAddresses: "127.0.0.1:8080,[::1]:9000" });
    expect(g.allows("127.0.0.1", 8080)).toBe(true);
    expect(g.allows("127.0.0.1", 8081)).toBe(false);
    expect(g.allows("127.0.0.2", 8080)).toBe(false);
    expect(g.allows("::1", 9000)).toBe(true);
    expect(() => g.checkUrl(new URL("http://0x7f000001:8081/"))).toThrow(
      /refused to connect to 127\.0\.0\.1:8081/,
    );
    expect(() => parseAllowAddresses("example.com:80")).toThrow(/expected "<ip>:<port>"/);
  });
  it("resolves names and refuses private answers in the socket's lookup", async () => {
    const g = createAddressGuard();
    const err = await new Promise<Error | null>((resolve) =>
      g.lookupFor(80)("localhost", {}, (e: Error | null) => resolve(e)),
    );
    expect(err?.name).toBe("AddressBlockedError");
  });
});

describe("backoff and Retry-After", () => {
  it("grows exponentially with jitter, capped", () => {
    expect(backoffDelay(0, 1000, 30_000, () => 0)).toBe(500);
    expect(backoffDelay(0, 1000, 30_000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 30_000, () => 1)).toBe(8000);
    expect(backoffDelay(10, 1000, 30_000, () => 1)).toBe(30_000);
  });
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2024-03-01T10:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Fri, 01 Mar 2024 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Fri, 01 Mar 2024 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
  it("matches robots groups by the User-Agent's product token", () => {
    expect(productToken("repwatch/0.1 (+https://github.com/repwatch/repwatch)")).toBe("repwatch");
  });
});
