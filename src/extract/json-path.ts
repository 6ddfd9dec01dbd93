/**
 * JSON paths: a small, documented way to point into parsed JSON (no eval, no code in config).
 *
 * Syntax (steps written one after another; a leading `$` = the root is optional):
 *   key           an object key (first step):                       `props`
 *   .key          an object key; on an array, a whole number indexes: `props.pageProps.reviews`
 *   [3]  [-1]     an array index (negative counts from the end):   `el[2][15][0][0]`
 *   ["a.b"]       a key holding any character (also ['a.b']):       `data["user name"]`
 *   .*  [*]  *    every value of an object, every element of an array (fan-out)
 *   [?k=v]        the elements/values that are objects whose `k` equals `v` (as text; fan-out):
 *                 `links[?rel=reviews].href`, `[?is_hidden=false]`; `[?k!=v]` keeps the others,
 *                 and `v` may be quoted (`[?rel="next page"]`)
 * The empty path (or `$`) is the value itself. Keys are letters, digits, `_`, `$`, `@`, `-`.
 *
 * Evaluation returns every value reached (missing steps, and `null`, drop out); `fanOut` says whether
 * the path had a `*` or a filter, i.e. whether its results are a list of items or one value.
 */

export type PathStep =
  | { kind: "key"; key: string }
  | { kind: "index"; index: number }
  | { kind: "all" }
  | { kind: "filter"; key: string; value: string; negate: boolean };

export interface ParsedPath {
  steps: PathStep[];
  fanOut: boolean;
}

export class JsonPathError extends Error {
  constructor(path: string, at: number, expected: string) {
    super(`invalid JSON path ${JSON.stringify(path)} at ${at}: expected ${expected}`);
    this.name = "JsonPathError";
  }
}

const KEY_RE = /[A-Za-z0-9_$@-]+/y;
const cache = new Map<string, ParsedPath>();

/** Parse (and cache) a path; throws JsonPathError with the position and what was expected. */
export function parseJsonPath(path: string): ParsedPath {
  const hit = cache.get(path);
  if (hit) return hit;
  const steps: PathStep[] = [];
  let i = path.startsWith("$") ? 1 : 0;
  const readKey = (): string => {
    KEY_RE.lastIndex = i;
    const m = KEY_RE.exec(path);
    if (!m) throw new JsonPathError(path, i, "a key (letters, digits, _ $ @ -)");
    i += m[0].length;
    return m[0];
  };
  const readQuoted = (): string => {
    const q = path[i]!;
    let out = "";
    i++;
    while (i < path.length && path[i] !== q) {
      if (path[i] === "\\" && i + 1 < path.length) i++;
      out += path[i];
      i++;
    }
    if (path[i] !== q) throw new JsonPathError(path, i, `a closing ${q}`);
    i++;
    return out;
  };
  const expect = (c: string) => {
    if (path[i] !== c) throw new JsonPathError(path, i, JSON.stringify(c));
    i++;
  };
  let first = true;
  while (i < path.length) {
    const c = path[i]!;
    if (c === "[") {
      i++;
      const d = path[i];
      if (d === "*") {
        i++;
        steps.push({ kind: "all" });
      } else if (d === '"' || d === "'") {
        steps.push({ kind: "key", key: readQuoted() });
      } else if (d === "?") {
        i++;
        const key = path[i] === '"' || path[i] === "'" ? readQuoted() : readKey();
        const negate = path.startsWith("!=", i);
        if (!negate) expect("=");
        else i += 2;
        const quoted = path[i] === '"' || path[i] === "'";
        let value: string;
        if (quoted) value = readQuoted();
        else {
          const end = path.indexOf("]", i);
          if (end < 0) throw new JsonPathError(path, i, '"]"');
          value = path.slice(i, end).trim();
          i = end;
        }
        steps.push({ kind: "filter", key, value, negate });
      } else {
        const m = /-?\d+/y;
        m.lastIndex = i;
        const r = m.exec(path);
        if (!r) throw new JsonPathError(path, i, "an index, *, a quoted key or ?key=value");
        i += r[0].length;
        steps.push({ kind: "index", index: Number(r[0]) });
      }
      expect("]");
    } else if (c === "." || first) {
      if (c === ".") i++;
      if (path[i] === "*") {
        i++;
        steps.push({ kind: "all" });
      } else steps.push({ kind: "key", key: readKey() });
    } else {
      throw new JsonPathError(path, i, '".", "[" or the end');
    }
    first = false;
  }
  const parsed = { steps, fanOut: steps.some((s) => s.kind === "all" || s.kind === "filter") };
  cache.set(path, parsed);
  return parsed;
}

/** Why `path` is not a valid path, or undefined when it is. */
export function jsonPathProblem(path: string): string | undefined {
  try {
    parseJsonPath(path);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function childrenOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Object.values(v);
  return [];
}

function applyStep(v: unknown, step: PathStep, out: unknown[]): void {
  switch (step.kind) {
    case "key": {
      if (Array.isArray(v)) {
        if (/^-?\d+$/.test(step.key)) applyStep(v, { kind: "index", index: Number(step.key) }, out);
        return;
      }
      if (isObject(v) && Object.hasOwn(v, step.key)) out.push(v[step.key]);
      return;
    }
    case "index": {
      if (!Array.isArray(v)) return;
      const i = step.index < 0 ? v.length + step.index : step.index;
      if (i >= 0 && i < v.length) out.push(v[i]);
      return;
    }
    case "all":
      for (const c of childrenOf(v)) out.push(c);
      return;
    case "filter":
      for (const c of childrenOf(v)) {
        if (!isObject(c)) continue;
        const has = Object.hasOwn(c, step.key) && c[step.key] !== null && c[step.key] !== undefined;
        const equal = has && String(c[step.key]) === step.value;
        if (equal !== step.negate) out.push(c);
      }
      return;
  }
}

/** Every value `path` reaches from `root` (null/undefined results dropped), in document order. */
export function evaluatePath(root: unknown, path: string | ParsedPath): unknown[] {
  const { steps } = typeof path === "string" ? parseJsonPath(path) : path;
  let current: unknown[] = root === null || root === undefined ? [] : [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) applyStep(v, step, next);
    current = next.filter((v) => v !== null && v !== undefined);
    if (current.length === 0) break;
  }
  return current;
}

/** The first value `path` reaches, or undefined. */
export function firstAt(root: unknown, path: string): unknown {
  return evaluatePath(root, path)[0];
}
