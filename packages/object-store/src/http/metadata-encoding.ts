/**
 * S3 stores user metadata as Unicode and, when a value is not plain printable ASCII, returns it encoded as
 * an RFC 2047 "encoded word" (`=?UTF-8?B?…?=`) so it survives HTTP headers. Encoded words received in
 * request headers are decoded before storing, so a value that went out encoded comes back the same.
 */
const ENCODED_WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Decodes RFC 2047 encoded words (UTF-8 or ISO-8859-1, B or Q) in a header value; other text is kept. */
export function decodeMetadataValue(value: string): string {
  return value.replace(ENCODED_WORD, (whole, charset: string, encoding: string, text: string) => {
    const encodingName =
      charset.toLowerCase() === "utf-8"
        ? "utf8"
        : charset.toLowerCase() === "iso-8859-1"
          ? "latin1"
          : undefined;
    if (!encodingName) return whole;
    const bytes =
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            "latin1",
          );
    return bytes.toString(encodingName);
  });
}

/** The header form of a stored metadata value: as is when printable ASCII, else one RFC 2047 B word. */
export function encodeMetadataValue(value: string): string {
  if (PRINTABLE_ASCII.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}
