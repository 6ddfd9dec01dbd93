/**
 * Small readers over an XML document parsed by htmlparser2 in XML mode (cheerio's `xml: true`): child
 * elements by qualified name (`dc:creator`, `content:encoded`; case-insensitive, as feeds in the wild
 * vary), their text (CDATA included) and attributes. Pure.
 */
import type { AnyNode, Element } from "domhandler";

export function isElement(node: AnyNode | undefined): node is Element {
  return node !== undefined && (node.type === "tag" || node.type === "script" || node.type === "style");
}

/** The element children of `node`. */
export function elementsOf(node: AnyNode | undefined): Element[] {
  if (!node || !("children" in node)) return [];
  return node.children.filter(isElement);
}

/** Child elements of `node` named one of `names` (qualified names, any case), in document order. */
export function childrenNamed(node: AnyNode | undefined, ...names: string[]): Element[] {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return elementsOf(node).filter((e) => wanted.has(e.name.toLowerCase()));
}

/** The first child element named one of `names`, trying the names in order of preference. */
export function childNamed(node: AnyNode | undefined, ...names: string[]): Element | undefined {
  for (const name of names) {
    const hit = childrenNamed(node, name)[0];
    if (hit) return hit;
  }
  return undefined;
}

/** Text content of a node: text and CDATA, markup of child elements dropped, not trimmed. */
export function textOf(node: AnyNode | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.data;
  if (!("children" in node)) return "";
  let out = "";
  for (const child of node.children) {
    if (child.type === "comment") continue;
    out += textOf(child);
  }
  return out;
}

/** An attribute of an element (name any case), or undefined. */
export function attrOf(node: Element | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const attribs = node.attribs;
  if (name in attribs) return attribs[name];
  const lower = name.toLowerCase();
  const key = Object.keys(attribs).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : attribs[key];
}

/** Serialised child nodes of an Atom `type="xhtml"` element, as HTML text for the HTML-to-text step. */
export function innerMarkup(node: AnyNode): string {
  if (node.type === "text") return escapeXml(node.data);
  if (!("children" in node)) return "";
  const inner = node.children.map(innerMarkup).join("");
  if (!isElement(node)) return inner;
  const name = node.name.replace(/^[\w-]+:/, "");
  return `<${name}>${inner}</${name}>`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
