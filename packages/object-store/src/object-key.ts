import { S3Error } from "./errors.js";

const MAX_KEY_BYTES = 1024;

/**
 * Checks an object key as S3 does (1–1024 UTF-8 bytes) and refuses NUL. Keys are never turned into file
 * paths (blobs are named by random ids), so this is about protocol correctness, not path safety.
 */
export function validateObjectKey(key: string): void {
  if (key.length === 0) throw new S3Error("InvalidArgument", "Object key must not be empty.");
  if (key.includes("\u0000")) throw new S3Error("InvalidArgument", "Object key must not contain NUL.");
  const encoded = Buffer.from(key, "utf8");
  // Lone surrogates cannot be encoded and come back as U+FFFD: such a key has no UTF-8 form.
  if (encoded.toString("utf8") !== key)
    throw new S3Error("InvalidArgument", "Object key is not valid UTF-8.");
  const bytes = encoded.length;
  if (bytes > MAX_KEY_BYTES) {
    throw new S3Error("KeyTooLongError", "Your key is too long", {
      MaxSizeAllowed: MAX_KEY_BYTES,
      Size: bytes,
    });
  }
}

/**
 * Decodes one percent-encoded path part. Invalid escapes or bytes that are not UTF-8 are refused
 * (`decodeURIComponent` throws on both), as S3 answers InvalidURI.
 */
export function decodePathPart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch (cause) {
    throw new S3Error("InvalidURI", "Couldn't parse the specified URI.", {}, { cause });
  }
}

/**
 * The smallest string greater than every string that starts with `prefix`, in UTF-8 byte order (which is
 * SQLite's BINARY order and S3's listing order): the prefix with its last code point incremented.
 * `undefined` means no upper bound.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = [...prefix];
  while (codePoints.length > 0) {
    const last = codePoints.pop()!.codePointAt(0)!;
    let next = last + 1;
    if (next === 0xd800) next = 0xe000; // surrogates are not characters; skip over them
    if (next <= 0x10ffff) return codePoints.join("") + String.fromCodePoint(next);
  }
  return undefined;
}

/**
 * Orders keys as S3 lists them and SQLite's BINARY collation sorts them: by UTF-8 bytes, which is code
 * point order. JavaScript's `<` compares UTF-16 units, which puts astral characters (surrogate pairs)
 * before U+E000–U+FFFF; this corrects that one difference.
 */
export function compareKeys(a: string, b: string): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return codePointRank(x) - codePointRank(y);
    return x - y;
  }
  return a.length - b.length;
}

/** For a UTF-16 unit at or above U+D800: surrogates rank above U+E000–U+FFFF, as their code points do. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
