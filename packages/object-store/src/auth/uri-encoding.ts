import { S3Error } from "../errors.js";

const HEX = "0123456789ABCDEF";

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * SigV4's URI encoding of raw bytes: unreserved characters stay, every other byte becomes `%XX`
 * with upper-case hex. `/` stays only when `keepSlash` (paths), never in query components.
 */
export function sigv4Encode(bytes: Uint8Array, keepSlash: boolean): string {
  let out = "";
  for (const byte of bytes) {
    if (isUnreserved(byte) || (keepSlash && byte === 0x2f)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

/**
 * Percent-decodes a raw URI component into bytes. A `%` not followed by two hex digits is refused,
 * as S3 refuses such URIs, so that two different raw forms can never share one canonical form.
 * Characters outside ASCII (a client that did not encode) are taken as UTF-8.
 *
 * @param plusAsSpace true for query components (form encoding), false for the path, where `+` is a plus
 */
export function percentDecode(raw: string, plusAsSpace: boolean): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x25) {
      const high = hexValue(raw.charCodeAt(i + 1));
      const low = hexValue(raw.charCodeAt(i + 2));
      if (high < 0 || low < 0) throw invalidUri(raw);
      bytes.push(high * 16 + low);
      i += 2;
    } else if (code === 0x2b && plusAsSpace) {
      bytes.push(0x20);
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      const char = String.fromCodePoint(raw.codePointAt(i) ?? code);
      bytes.push(...Buffer.from(char, "utf8"));
      i += char.length - 1;
    }
  }
  return Buffer.from(bytes);
}

function invalidUri(raw: string): S3Error {
  return new S3Error("InvalidURI", "Couldn't parse the specified URI.", { URI: raw });
}

/**
 * The canonical URI S3 signs: the path decoded, then every byte re-encoded. S3 neither normalises
 * `.`/`..` segments nor encodes twice, so "/b/a%20b" and "/b/a b" both become "/b/a%20b".
 *
 * @example canonicalUri("/photos/a%20b+c.jpg") === "/photos/a%20b%2Bc.jpg"
 */
export function canonicalUri(rawPath: string): string {
  const encoded = sigv4Encode(percentDecode(rawPath, false), true);
  return encoded === "" ? "/" : encoded;
}

/** One decoded query parameter. */
export interface QueryParameter {
  name: string;
  value: string;
  /** SigV4 encodings of the decoded bytes, ready for the canonical query. */
  encodedName: string;
  encodedValue: string;
}

/**
 * Splits a raw query into decoded parameters, in order. A parameter without `=` has the value "".
 * Values are decoded as UTF-8 for reading; the canonical encodings are made from the raw bytes.
 */
export function parseQuery(rawQuery: string): QueryParameter[] {
  const parameters: QueryParameter[] = [];
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const rawValue = equals < 0 ? "" : pair.slice(equals + 1);
    const nameBytes = percentDecode(rawName, true);
    const valueBytes = percentDecode(rawValue, true);
    parameters.push({
      name: nameBytes.toString("utf8"),
      value: valueBytes.toString("utf8"),
      encodedName: sigv4Encode(nameBytes, false),
      encodedValue: sigv4Encode(valueBytes, false),
    });
  }
  return parameters;
}

function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * The canonical query string: every parameter re-encoded, sorted by name then value.
 * (Encoded strings are pure ASCII, so code-unit order is byte order.)
 *
 * @param excludeName a parameter left out, e.g. "X-Amz-Signature" for presigned URLs
 */
export function canonicalQueryString(parameters: readonly QueryParameter[], excludeName?: string): string {
  return parameters
    .filter((parameter) => parameter.name !== excludeName)
    .map((parameter) => [parameter.encodedName, parameter.encodedValue] as const)
    .sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}
