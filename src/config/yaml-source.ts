/**
 * YAML documents that remember where every value came from, so a config error can say
 * `file:line:col path — message`.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import type { z } from "zod";

export interface ConfigIssue {
  file: string;
  line: number;
  col: number;
  /** `brands[0].targets[1].source` */
  path: string;
  message: string;
}

export interface LoadedYaml {
  file: string;
  data: unknown;
  /** Position of the value at `path` (or of its nearest existing ancestor). */
  positionOf(path: readonly PropertyKey[], preferKey?: boolean): { line: number; col: number };
  /** Parse errors (syntax, duplicate keys) already turned into issues. */
  syntaxIssues: ConfigIssue[];
  /** Visit every string scalar with its path. */
  eachString(fn: (value: string, path: (string | number)[]) => void): void;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || "(root)";
}

export function formatIssue(i: ConfigIssue): string {
  return `${i.file}:${i.line}:${i.col} ${i.path} — ${i.message}`;
}

export function parseYaml(file: string, text: string): LoadedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntaxIssues: ConfigIssue[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    const keyPath = pathAtOffset(doc.contents, e.pos[0]);
    const message =
      e.code === "DUPLICATE_KEY"
        ? `duplicate key "${String(keyPath.at(-1) ?? "")}" (a later value would silently replace the earlier one)`
        : e.message.split("\n")[0]!;
    return { file, line: pos.line, col: pos.col, path: formatPath(keyPath), message };
  });

  const positionOf = (path: readonly PropertyKey[], preferKey = false) => {
    let node: unknown = doc.contents;
    let best = offsetOf(node) ?? 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const isLast = seg === path.at(-1);
        best =
          (preferKey && isLast ? offsetOf(pair.key) : offsetOf(pair.value)) ?? offsetOf(pair.key) ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (!item) break;
        best = offsetOf(item) ?? best;
        node = item;
      } else break;
    }
    return lineCounter.linePos(best);
  };

  return {
    file,
    data: doc.toJS({ maxAliasCount: 100 }),
    positionOf,
    syntaxIssues,
    eachString(fn) {
      visit(doc, {
        Scalar(_key, node, ancestry) {
          if (typeof node.value !== "string") return;
          // Only values, not keys.
          const parent = ancestry.at(-1);
          if (isPair(parent) && parent.key === node) return;
          fn(node.value, pathOfAncestry(ancestry));
        },
      });
    },
  };
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function pathOfAncestry(ancestry: readonly unknown[]): (string | number)[] {
  const path: (string | number)[] = [];
  for (let i = 0; i < ancestry.length; i++) {
    const a = ancestry[i];
    const next = ancestry[i + 1];
    if (isPair(a) && isScalar(a.key)) path.push(String(a.key.value));
    if (isSeq(a) && next !== undefined) path.push(a.items.indexOf(next as never));
  }
  return path;
}

/** Key path of the innermost map key whose range holds `offset` (for duplicate-key errors). */
function pathAtOffset(node: unknown, offset: number, prefix: (string | number)[] = []): (string | number)[] {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      const keyName = isScalar(k) ? String(k.value) : "?";
      if (k?.range && offset >= k.range[0] && offset <= k.range[1]) return [...prefix, keyName];
      if (v?.range && offset >= v.range[0] && offset <= v.range[2])
        return pathAtOffset(v, offset, [...prefix, keyName]);
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const r = (item as Node | null)?.range;
      if (r && offset >= r[0] && offset <= r[2]) return pathAtOffset(item, offset, [...prefix, i]);
    }
  }
  return prefix;
}

/**
 * Turn zod issues into positioned config issues. Union failures are narrowed to the branch the
 * author evidently meant (the one whose root type matched), so the message is about their typo,
 * not "Invalid input".
 */
export function zodIssues(
  loaded: LoadedYaml,
  error: z.ZodError,
  basePath: PropertyKey[] = [],
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const push = (path: PropertyKey[], message: string, preferKey = false) => {
    const pos = loaded.positionOf(path, preferKey);
    out.push({ file: loaded.file, line: pos.line, col: pos.col, path: formatPath(path), message });
  };
  const walk = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]) => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) push([...path, key], `unknown key "${key}"`, true);
      } else if (issue.code === "invalid_union" && issue.errors.length > 0) {
        const plausible = issue.errors.filter(
          (branch) => !branch.some((i) => i.code === "invalid_type" && i.path.length === 0),
        );
        if (plausible.length === 1) walk(plausible[0]!, path);
        else
          push(path, issue.message === "Invalid input" ? "does not match any allowed form" : issue.message);
      } else {
        push(path, issue.message);
      }
    }
  };
  walk(error.issues, basePath);
  return out;
}
