/**
 * Finding the JSON a `type: json` source reads: the body itself (an API, or the state the browser
 * fetcher read), a `<script>` element's JSON, a JS variable (`var initialState = JSON.parse('…')`,
 * `window.X = {…}`), or a Google `AF_initDataCallback` block; then optionally a path into it, where a
 * string is JSON text in turn (`)]}'`-prefixed payloads nested in `APP_INITIALIZATION_STATE`). Pure.
 */
import type { JsonState } from "../config/json-extract.js";
import type { Page } from "../crawl/types.js";
import { parseJsonLenient, readJsString, scanValueEnd, stripXssiPrefix } from "./js-literal.js";
import { firstAt } from "./json-path.js";
import type { Selection } from "./selection.js";

export interface LocatedState {
  value?: unknown;
  /** Why no locator found the JSON ("no <script> matches script#__NEXT_DATA__; …"). */
  problem?: string;
}

/** Try each locator in order; the first that reaches a value wins. */
export function locateState(
  page: Page,
  state: JsonState | JsonState[] | undefined,
  selection: () => Selection,
): LocatedState {
  const locators = state === undefined ? [{}] : Array.isArray(state) ? state : [state];
  const problems: string[] = [];
  for (const loc of locators) {
    const r = locateOne(page, loc, selection);
    if (r.value !== undefined && r.value !== null) return { value: r.value };
    problems.push(`${describeLocator(loc)}: ${r.problem ?? "nothing there"}`);
  }
  return { problem: problems.join("; ") };
}

export function describeLocator(loc: JsonState): string {
  const base = loc.script
    ? `script ${loc.script}`
    : loc.variable
      ? `variable ${loc.variable}`
      : loc.callback
        ? `callback ${loc.callback}`
        : "the body";
  return loc.path ? `${base} at ${loc.path}` : base;
}

function locateOne(page: Page, loc: JsonState, selection: () => Selection): LocatedState {
  const root = rootOf(page, loc, selection);
  if (root.value === undefined || root.value === null || loc.path === undefined) return root;
  const inner = firstAt(root.value, loc.path);
  if (inner === undefined) return { problem: "nothing there" };
  if (typeof inner !== "string") return { value: inner };
  try {
    return { value: parseJsonLenient(stripXssiPrefix(inner)) };
  } catch (err) {
    return { problem: `a string that is not JSON (${messageOf(err)})` };
  }
}

function rootOf(page: Page, loc: JsonState, selection: () => Selection): LocatedState {
  if (loc.script !== undefined) {
    const sel = selection();
    const el = sel.first(sel.root, loc.script);
    if (!el) return { problem: "no such element" };
    return parseText(scriptText(el));
  }
  if (loc.variable !== undefined) return findVariable(page.body, loc.variable);
  if (loc.callback !== undefined) return findCallback(page.body, loc.callback);
  if (page.state !== undefined && page.state !== null) return { value: page.state };
  return parseText(page.body);
}

function parseText(text: string): LocatedState {
  try {
    return { value: parseJsonLenient(stripXssiPrefix(text).trim()) };
  } catch (err) {
    return { problem: `not JSON (${messageOf(err)})` };
  }
}

interface DomLike {
  type: string;
  data?: string;
  children?: DomLike[];
}

/** The raw text of a script element (its text children, not decoded or collapsed). */
function scriptText(node: DomLike): string {
  if (node.type === "text" || node.type === "cdata") return node.data ?? "";
  return (node.children ?? []).map(scriptText).join("");
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `name = <JSON literal>` or `name = JSON.parse('<string>')`, first readable assignment wins. */
export function findVariable(body: string, name: string): LocatedState {
  const re = new RegExp(`(?<![\\w$])${escapeRegex(name)}\\s*=(?!=)\\s*`, "g");
  let problem = "no assignment to it";
  for (let m = re.exec(body); m; m = re.exec(body)) {
    let at = m.index + m[0].length;
    const call = /JSON\.parse\(\s*/y;
    call.lastIndex = at;
    const isCall = call.exec(body);
    if (isCall) at += isCall[0].length;
    const c = body[at];
    try {
      if (c === "'" || c === '"' || c === "`") {
        const lit = readJsString(body, at);
        if (!lit) {
          problem = "an unterminated string";
          continue;
        }
        return { value: isCall ? parseJsonLenient(lit.value) : lit.value };
      }
      const end = scanValueEnd(body, at);
      if (end === undefined) {
        problem = "not a JSON literal";
        continue;
      }
      return { value: parseJsonLenient(body.slice(at, end)) };
    } catch (err) {
      problem = messageOf(err);
    }
  }
  return { problem };
}

/** `AF_initDataCallback({key: '<key>', …, data: <value>})`, also `data:function(){return <value>}`. */
export function findCallback(body: string, key: string): LocatedState {
  const re = /AF_initDataCallback\s*\(\s*\{/g;
  const keyRe = /\s*key\s*:\s*(['"])(.*?)\1/y;
  const dataRe = /[,{]\s*data\s*:\s*(?:function\s*\(\s*\)\s*\{\s*return\s*)?/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    keyRe.lastIndex = m.index + m[0].length;
    const k = keyRe.exec(body);
    if (!k || k[2] !== key) continue;
    dataRe.lastIndex = keyRe.lastIndex;
    const d = dataRe.exec(body);
    if (!d) return { problem: "no data" };
    const at = d.index + d[0].length;
    const end = scanValueEnd(body, at);
    if (end === undefined) return { problem: "data is not a JSON literal" };
    try {
      return { value: parseJsonLenient(body.slice(at, end)) };
    } catch (err) {
      return { problem: messageOf(err) };
    }
  }
  return { problem: "no such AF_initDataCallback" };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
