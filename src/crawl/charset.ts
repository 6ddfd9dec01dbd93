/**
 * Body decoding: BOM → HTTP header → `<meta>`/XML declaration → detection (UTF-8 validity, then a
 * Cyrillic single-byte guess between windows-1251 and KOI8-R). A declared UTF-8 that is not valid
 * UTF-8 falls through to detection, so the output never holds U+FFFD from a wrong guess.
 * (A BOM wins over the header, as in the WHATWG encoding standard: it cannot be there by accident.)
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export interface Decoded {
  text: string;
  /** Canonical charset name used. */
  charset: string;
  /** Where the charset came from. */
  from: "forced" | "bom" | "header" | "meta" | "detected";
}

/** Normalise a label (`cp1251`, `WINDOWS-1251`, `koi8r`) to an iconv-lite encoding, or undefined. */
export function normaliseCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
  if (!l) return undefined;
  if (l === "utf8" || l === "utf-8" || l === "unicode-1-1-utf-8") return "utf-8";
  // WHATWG: these labels all mean windows-1252 in browsers.
  if (l === "iso-8859-1" || l === "latin1" || l === "us-ascii" || l === "ascii") return "windows-1252";
  if (l === "koi8r" || l === "koi8-r" || l === "koi8") return "koi8-r";
  if (l === "koi8-u" || l === "koi8u") return "koi8-u";
  if (l === "cp1251" || l === "win-1251" || l === "x-cp1251") return "windows-1251";
  return iconv.encodingExists(l) ? l : undefined;
}

/** Charset from a `Content-Type` header value. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? "");
  return m?.[2];
}

function bomCharset(buf: Buffer): { charset: string; skip: number } | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { charset: "utf-8", skip: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { charset: "utf-16le", skip: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { charset: "utf-16be", skip: 2 };
  return undefined;
}

/** Charset declared in the first 4 KiB: `<meta charset>`, `<meta http-equiv content>`, `<?xml encoding?>`. */
export function charsetFromMarkup(buf: Buffer): string | undefined {
  const head = buf.subarray(0, 4096).toString("latin1");
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  const metaRe = /<meta\b[^>]*>/gi;
  for (let m = metaRe.exec(head); m; m = metaRe.exec(head)) {
    // Both `<meta charset="x">` and `<meta http-equiv="Content-Type" content="…; charset=x">`.
    const cs = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(m[0]);
    if (cs?.[1]) return cs[1];
  }
  return undefined;
}

/**
 * Guess the single-byte charset of a non-UTF-8 body.
 * - Cyrillic words are runs of high bytes (≥ 0xC0); Western accents are lone high bytes between ASCII
 *   letters. Few runs → windows-1252.
 * - Russian text is mostly lower case: windows-1251 puts it at 0xE0–0xFF, KOI8-R at 0xC0–0xDF.
 */
export function detectSingleByte(buf: Buffer): string {
  let c0 = 0;
  let e0 = 0;
  let high = 0;
  let paired = 0;
  const n = Math.min(buf.length, 256 * 1024);
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b < 0x80) continue;
    high++;
    if (b < 0xc0) continue;
    if (b >= 0xe0) e0++;
    else c0++;
    if (((buf[i + 1] ?? 0) as number) >= 0xc0) paired++;
  }
  if (high === 0) return "utf-8";
  const letters = c0 + e0;
  if (letters < high * 0.5 || paired < letters * 0.4) return "windows-1252";
  return e0 >= c0 ? "windows-1251" : "koi8-r";
}

/** The UTF-8 text of `buf`, or undefined when it is not valid UTF-8 (simdutf check, then a fast decode). */
function strictUtf8(buf: Buffer): string | undefined {
  return isUtf8(buf) ? buf.toString("utf8") : undefined;
}

function decodeWith(buf: Buffer, charset: string): string {
  if (charset === "utf-8") return buf.toString("utf8");
  return iconv.decode(buf, charset);
}

/** Decode a response body. `forced` (the source's `fetch.charset`) wins over everything. */
export function decodeBody(buf: Buffer, contentType?: string, forced?: string): Decoded {
  const f = normaliseCharset(forced);
  if (f) return { text: decodeWith(buf, f), charset: f, from: "forced" };
  const bom = bomCharset(buf);
  if (bom)
    return { text: decodeWith(buf.subarray(bom.skip), bom.charset), charset: bom.charset, from: "bom" };
  const declared: Array<[string | undefined, Decoded["from"]]> = [
    [normaliseCharset(charsetFromContentType(contentType)), "header"],
    [normaliseCharset(charsetFromMarkup(buf)), "meta"],
  ];
  for (const [cs, from] of declared) {
    if (!cs) continue;
    // A page that says UTF-8 but is not: fall through to detection rather than emit U+FFFD.
    if (cs === "utf-8") {
      const text = strictUtf8(buf);
      if (text === undefined) continue;
      return { text, charset: cs, from };
    }
    // UTF-16 declared in markup is impossible (the markup was readable as ASCII): ignore.
    if (from === "meta" && cs.startsWith("utf-16")) continue;
    return { text: decodeWith(buf, cs), charset: cs, from };
  }
  const utf8 = strictUtf8(buf);
  if (utf8 !== undefined) return { text: utf8, charset: "utf-8", from: "detected" };
  const guess = detectSingleByte(buf);
  return { text: decodeWith(buf, guess), charset: guess, from: "detected" };
}
