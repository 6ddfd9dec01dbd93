import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchSettings } from "../../src/config/source.js";
import { decodeBody, detectSingleByte } from "../../src/crawl/charset.js";
import { createHttpFetcher, type HttpFetcher } from "../../src/crawl/http-fetcher.js";
import { createCharsetSite, TEXT, TEXT_1251 } from "../web/lab/charset-site.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";

let web: ReplicaWeb;
let fetcher: HttpFetcher;
const settings = FetchSettings.parse({ minIntervalMs: 0, concurrency: 4, timeoutMs: 2000 });

beforeAll(async () => {
  web = await startReplicaWeb([createCharsetSite()]);
  fetcher = createHttpFetcher({
    userAgent: "t/1",
    originMap: web.originMap,
    allowAddresses: web.allowAddresses,
  });
});
afterAll(async () => {
  await fetcher.close();
  await web.close();
});

describe("charset decoding over HTTP", () => {
  it.each([
    ["/cp1251/header", "windows-1251"],
    ["/cp1251/meta", "windows-1251"],
    ["/cp1251/meta5", "windows-1251"],
    ["/cp1251/none", "windows-1251"],
    ["/cp1251/lying", "windows-1251"],
    ["/koi8/header", "koi8-r"],
    ["/koi8/none", "koi8-r"],
    ["/utf8/bom", "utf-8"],
    ["/utf8/none", "utf-8"],
  ])("%s decodes as %s without U+FFFD", async (path, charset) => {
    const page = await fetcher.fetch(`https://charset.lab${path}`, settings);
    expect(page.charset).toBe(charset);
    expect(page.body).toContain(TEXT);
    if (charset !== "koi8-r") expect(page.body).toContain(TEXT_1251);
    expect(page.body).not.toContain("\uFFFD");
  });

  it("lets a source force a charset", async () => {
    const page = await fetcher.fetch("https://charset.lab/cp1251/lying", { ...settings, charset: "cp1251" });
    expect(page.body).toContain(TEXT);
  });
});

describe("charset helpers", () => {
  it("reads an XML declaration (feeds)", () => {
    const xml = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss><title>'),
      Buffer.from([0xce, 0xf2, 0xe7, 0xfb, 0xe2]),
      Buffer.from("</title></rss>"),
    ]);
    const d = decodeBody(xml, "application/rss+xml");
    expect(d).toMatchObject({ charset: "windows-1251", from: "meta" });
    expect(d.text).toContain("Отзыв");
  });
  it("guesses plain ASCII as UTF-8 and Latin text as windows-1252", () => {
    expect(detectSingleByte(Buffer.from("plain"))).toBe("utf-8");
    expect(
      detectSingleByte(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x8a])),
    ).toBe("windows-1252");
  });
});
