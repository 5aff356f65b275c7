const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // A raw carriage return would reach the reader as a line feed (XML normalizes line ends); keys keep it.
  "\r": "&#13;",
};

/** Escapes text for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]!);
}

/** A value that becomes an element's text; `undefined` leaves the element out. */
export type XmlValue = string | number | boolean | undefined;

/** `<name>escaped value</name>`, or nothing when the value is `undefined`. */
export function element(name: string, value: XmlValue): string {
  if (value === undefined) return "";
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name>` around already-rendered child elements. */
export function container(name: string, children: string): string {
  return `<${name}>${children}</${name}>`;
}

/** A complete S3 XML document with the S3 namespace on its root element. */
export function xmlDocument(root: string, children: string, withNamespace = true): string {
  const ns = withNamespace ? ` xmlns="${S3_NAMESPACE}"` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${children}</${root}>`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Resolves the five predefined entities and numeric character references of XML text. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

/**
 * The direct text children named `name` inside `xml`, unescaped. Meant for the flat, size-capped request
 * documents S3 accepts (CompleteMultipartUpload, Delete), not for general XML.
 */
export function childTexts(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "g");
  return [...xml.matchAll(pattern)].map((m) => unescapeXml(m[1]!.trim()));
}

/** The bodies of every `<name>…</name>` block in `xml` (not unescaped: they hold elements). */
export function childBlocks(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "g");
  return [...xml.matchAll(pattern)].map((m) => m[1]!);
}
