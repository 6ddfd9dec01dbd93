/**
 * Selector evaluation, shaped for speed: selectors are compiled once per process by css-select (the
 * engine cheerio itself runs on) and cached, then run over one element's descendants (like cheerio's
 * `.find`), stopping at the first match when only the first is read. A selector the engine rejects
 * selects nothing and is reported once per page.
 */
import type { CheerioAPI } from "cheerio/slim";
import { compile, selectAll, selectOne } from "css-select";
import type { AnyNode, Document, Element } from "domhandler";

export interface Selection {
  /** The document node (scope for page-wide selections). */
  root: Document;
  /** Descendants of `scope` matching `selector`, in document order. */
  all(scope: AnyNode, selector: string): AnyNode[];
  /** The first descendant of `scope` matching `selector`. */
  first(scope: AnyNode, selector: string): AnyNode | undefined;
  /** One line per selector that could not be evaluated. */
  problems: string[];
}

type Compiled = ReturnType<typeof compile<AnyNode, Element>>;
const compiled = new Map<string, Compiled | string>();

/** A compiled selector, or the reason it cannot be compiled. */
export function compiledSelector(selector: string): Compiled | string {
  let c = compiled.get(selector);
  if (c === undefined) {
    try {
      c = compile<AnyNode, Element>(selector);
    } catch (err) {
      c = err instanceof Error ? err.message : String(err);
    }
    compiled.set(selector, c);
  }
  return c;
}

export function createSelection($: CheerioAPI): Selection {
  const problems: string[] = [];
  const get = (selector: string): Compiled | undefined => {
    const c = compiledSelector(selector);
    if (typeof c !== "string") return c;
    const problem = `selector ${JSON.stringify(selector)} is invalid: ${c}`;
    if (!problems.includes(problem)) problems.push(problem);
    return undefined;
  };
  const hasChildren = (n: AnyNode): n is Element | Document => "children" in n && n.children.length > 0;
  return {
    root: $.root()[0]!,
    problems,
    all(scope, selector) {
      const c = get(selector);
      return c && hasChildren(scope) ? selectAll(c, scope) : [];
    },
    first(scope, selector) {
      const c = get(selector);
      return (c && hasChildren(scope) ? selectOne(c, scope) : null) ?? undefined;
    },
  };
}
