import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const ALGORITHM = "AWS4-HMAC-SHA256";
export const SERVICE = "s3";
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Raw HMAC-SHA256. */
export function hmac(key: Uint8Array | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** Hex HMAC-SHA256 with a derived signing key: the signature of a string to sign. */
export function signHex(signingKey: Uint8Array, stringToSign: string): string {
  return createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");
}

const MAX_CACHED_KEYS = 256;
const signingKeyCache = new Map<string, Buffer>();

/**
 * The SigV4 signing key `HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")`.
 * Keys change once a day per access key, so a small cache saves four HMACs on almost every request.
 *
 * @param shortDate "YYYYMMDD"
 */
export function deriveSigningKey(
  secret: string,
  shortDate: string,
  region: string,
  service = SERVICE,
): Buffer {
  const cacheKey = `${shortDate}\n${region}\n${service}\n${secret}`;
  const cached = signingKeyCache.get(cacheKey);
  if (cached) return cached;
  const dateKey = hmac(`AWS4${secret}`, shortDate);
  const key = hmac(hmac(hmac(dateKey, region), service), "aws4_request");
  // Evicting everything at once keeps the cache trivially bounded; a miss only costs four HMACs.
  if (signingKeyCache.size >= MAX_CACHED_KEYS) signingKeyCache.clear();
  signingKeyCache.set(cacheKey, key);
  return key;
}

/** "YYYYMMDD/region/s3/aws4_request" */
export function credentialScope(shortDate: string, region: string): string {
  return `${shortDate}/${region}/${SERVICE}/aws4_request`;
}

/** The request string to sign: algorithm, timestamp, scope and the hash of the canonical request. */
export function requestStringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}

/** Compares two hex signatures in time independent of where they differ. */
export function signaturesEqual(expectedHex: string, providedHex: string): boolean {
  const expected = Buffer.from(expectedHex, "utf8");
  const provided = Buffer.from(providedHex, "utf8");
  return expected.length === provided.length && timingSafeEqual(expected, provided);
}
