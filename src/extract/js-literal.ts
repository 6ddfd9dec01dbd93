/**
 * Reading data literals out of inline JavaScript without running it (no eval):
 * - `readJsString`: a '…', "…" or `…` string literal, unescaped as JS does (`\'`, `\\`, `\n`, `\xHH`,
 *   `\uXXXX`, `\u{…}`, line continuations); what `JSON.parse('…')` receives;
 * - `scanValueEnd`: the end of a balanced `{…}` / `[…]` literal (brackets inside strings ignored);
 * - `parseJsonLenient`: JSON.parse, retried once with JS-only escapes (`\xHH`, `\'`) made JSON.
 */

export interface StringLiteral {
  value: string;
  /** Index just after the closing quote. */
  end: number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
};

/** The string literal whose opening quote is at `start`, or undefined when it is not closed. */
export function readJsString(src: string, start: number): StringLiteral | undefined {
  const quote = src[start];
  if (quote !== "'" && quote !== '"' && quote !== "`") return undefined;
  let out = "";
  let i = start + 1;
  let chunk = i;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === 92 /* \ */) {
      out += src.slice(chunk, i);
      const e = src[i + 1];
      if (e === undefined) return undefined;
      i += 2;
      if (e === "x" && /^[0-9a-fA-F]{2}$/.test(src.slice(i, i + 2))) {
        out += String.fromCharCode(Number.parseInt(src.slice(i, i + 2), 16));
        i += 2;
      } else if (e === "u" && src[i] === "{") {
        const close = src.indexOf("}", i);
        const cp = Number.parseInt(src.slice(i + 1, close), 16);
        if (close < 0 || !Number.isFinite(cp)) return undefined;
        out += String.fromCodePoint(cp);
        i = close + 1;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(src.slice(i, i + 4))) {
        out += String.fromCharCode(Number.parseInt(src.slice(i, i + 4), 16));
        i += 4;
      } else if (e === "\n") {
        // line continuation: nothing
      } else if (e === "\r") {
        if (src[i] === "\n") i++;
      } else {
        out += SIMPLE_ESCAPES[e] ?? e;
      }
      chunk = i;
      continue;
    }
    if (src[i] === quote) return { value: out + src.slice(chunk, i), end: i + 1 };
    if ((c === 10 || c === 13) && quote !== "`") return undefined; // unterminated
    i++;
  }
  return undefined;
}

/**
 * Index just after the `{…}` or `[…]` literal starting at `start` (strings skipped, nesting counted),
 * or undefined when `start` is not an opening bracket or the literal never closes.
 */
export function scanValueEnd(src: string, start: number): number | undefined {
  const open = src[start];
  if (open !== "{" && open !== "[") return undefined;
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'" || c === "`") {
      const end = skipString(src, i);
      if (end === undefined) return undefined;
      i = end - 1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

function skipString(src: string, start: number): number | undefined {
  const quote = src[start];
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (c === quote) return i + 1;
  }
  return undefined;
}

/** JSON.parse; on failure, once more with `\xHH` and `\'` escapes rewritten. Throws the first error. */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!/\\x|\\'/.test(text)) throw err;
    const fixed = text.replace(/\\(\\|x([0-9a-fA-F]{2})|')/g, (m, e: string, hex?: string) =>
      hex ? `\\u00${hex}` : e === "'" ? "'" : m,
    );
    try {
      return JSON.parse(fixed);
    } catch {
      throw err;
    }
  }
}

/** Remove an anti-JSON-hijacking prefix (`)]}'`, `for(;;);`, `while(1);`) and a BOM. */
export function stripXssiPrefix(text: string): string {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const m = /^\s*(?:\)\]\}'|for\s*\(;;\);|while\s*\(1\);)/.exec(s);
  if (m) s = s.slice(m[0].length);
  return s;
}
