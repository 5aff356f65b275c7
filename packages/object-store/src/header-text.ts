/**
 * Node hands header values over as latin1: one character per byte received. SDKs (botocore, aws-cli) send
 * non-ASCII header values as UTF-8 bytes, sign those bytes, and S3 stores the text they spell. So a value
 * whose bytes are valid UTF-8 is read as UTF-8; any other value is kept as received.
 */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const NON_ASCII = /[\u0080-\u00ff]/;

/** The text a header value's bytes spell: UTF-8 when they are valid UTF-8, else the bytes as received. */
export function headerText(value: string): string {
  if (!NON_ASCII.test(value)) return value;
  try {
    return strictUtf8.decode(Buffer.from(value, "latin1"));
  } catch {
    return value;
  }
}
