/** One element of a parsed request document. */
export interface XmlElement {
  /** Local name: a namespace prefix (`s3:Key`) is dropped, as S3 matches elements by local name. */
  name: string;
  children: XmlElement[];
  /** The element's own character data, entities resolved and CDATA included, exactly as sent (not trimmed). */
  text: string;
}

/** A request document that is not well-formed XML. */
export class XmlSyntaxError extends Error {
  override readonly name = "XmlSyntaxError";
}

const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const REFERENCE = /&([^&;<]*);|&/g;
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
/** Request documents are a few levels deep; a cap keeps a hostile one from building a deep tree. */
const MAX_DEPTH = 16;

/**
 * Parses a small request document (DeleteObjects' `<Delete>` …) into elements, strictly enough to refuse
 * what S3 refuses as MalformedXML: unclosed or mismatched tags, text or a second element outside the root,
 * bare `&`, unknown entities, references to characters XML forbids. A DOCTYPE is refused outright, so no
 * entity expansion can happen; nesting is capped at 16 levels. Attribute values are checked for form but
 * not kept. Linear in the document's length.
 *
 * Why by hand: fast-xml-parser (5.12, checked) accepts two root elements and unknown entities, and leaves
 * numeric character references unresolved; S3 refuses the first two and resolves the third.
 *
 * @example
 *   parseXmlDocument("<Delete><Object><Key>a &amp; b</Key></Object></Delete>").children[0]?.children[0]?.text
 *   // "a & b"
 */
export function parseXmlDocument(xml: string): XmlElement {
  const open: { element: XmlElement; qualifiedName: string }[] = [];
  let root: XmlElement | undefined;
  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < xml.length) {
    const lt = xml.indexOf("<", pos);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > pos) {
      const text = xml.slice(pos, textEnd);
      const parent = open.at(-1);
      if (parent) parent.element.text += resolveReferences(text);
      else if (text.trim() !== "") throw new XmlSyntaxError("text outside the root element");
      pos = textEnd;
      continue;
    }
    if (xml.startsWith("<?", pos)) {
      pos = skipPast(xml, pos, "?>");
    } else if (xml.startsWith("<!--", pos)) {
      pos = skipPast(xml, pos, "-->");
    } else if (xml.startsWith("<![CDATA[", pos)) {
      const parent = open.at(-1);
      if (!parent) throw new XmlSyntaxError("CDATA outside the root element");
      const end = skipPast(xml, pos, "]]>");
      parent.element.text += xml.slice(pos + "<![CDATA[".length, end - "]]>".length);
      pos = end;
    } else if (xml.startsWith("<!", pos)) {
      throw new XmlSyntaxError("document type declarations are not accepted");
    } else if (xml.startsWith("</", pos)) {
      END_TAG.lastIndex = pos;
      const match = END_TAG.exec(xml);
      const closing = open.pop();
      if (!match || !closing || closing.qualifiedName !== match[1]) {
        throw new XmlSyntaxError("mismatched end tag");
      }
      if (open.length === 0) root = closing.element;
      pos = END_TAG.lastIndex;
    } else {
      START_TAG.lastIndex = pos;
      const match = START_TAG.exec(xml);
      if (!match) throw new XmlSyntaxError("malformed start tag");
      if (root) throw new XmlSyntaxError("more than one root element");
      const qualifiedName = match[1]!;
      const element: XmlElement = { name: qualifiedName.replace(/^.*:/, ""), children: [], text: "" };
      open.at(-1)?.element.children.push(element);
      if (match[3] === "/") {
        if (open.length === 0) root = element;
      } else {
        if (open.length === MAX_DEPTH) throw new XmlSyntaxError(`elements nested deeper than ${MAX_DEPTH}`);
        open.push({ element, qualifiedName });
      }
      pos = START_TAG.lastIndex;
    }
  }
  if (!root || open.length > 0) throw new XmlSyntaxError("no complete root element");
  return root;
}

/** The child elements of `parent` named `name`. */
export function childElements(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child) => child.name === name);
}

function skipPast(xml: string, from: number, terminator: string): number {
  const at = xml.indexOf(terminator, from);
  if (at < 0) throw new XmlSyntaxError(`unterminated markup (expected ${terminator})`);
  return at + terminator.length;
}

/** Resolves references lazily (matchAll, not replace, which collects every match first): the first bad one stops. */
function resolveReferences(text: string): string {
  if (!text.includes("&")) return text;
  let resolved = "";
  let copiedUpTo = 0;
  for (const match of text.matchAll(REFERENCE)) {
    resolved += text.slice(copiedUpTo, match.index) + resolveReference(match[1]);
    copiedUpTo = match.index + match[0].length;
  }
  return resolved + text.slice(copiedUpTo);
}

function resolveReference(reference: string | undefined): string {
  if (reference === undefined) throw new XmlSyntaxError("bare '&' in text");
  const predefined = PREDEFINED[reference];
  if (predefined !== undefined) return predefined;
  const numeric = /^#x([0-9a-fA-F]{1,6})$|^#([0-9]{1,7})$/.exec(reference);
  if (!numeric) throw new XmlSyntaxError(`unknown entity &${reference};`);
  const codePoint = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
  if (!isXmlChar(codePoint)) throw new XmlSyntaxError(`character reference to U+${codePoint.toString(16)}`);
  return String.fromCodePoint(codePoint);
}

/** XML 1.0's Char production: what a character reference may name. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}
