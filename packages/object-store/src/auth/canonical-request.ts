import { headerText } from "../header-text.js";
import type { RequestToAuthenticate } from "./types.js";

type Headers = RequestToAuthenticate["headers"];

/** A header's value as one string (repeated values joined by ","), `undefined` when absent. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * SigV4 header value canonicalisation: outer spaces trimmed, inner runs of spaces/tabs collapsed. The
 * canonical request is hashed as UTF-8, so a value is first read as the UTF-8 its bytes spell (the bytes
 * the client signed).
 */
function canonicalHeaderValue(value: string | string[]): string {
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((one) =>
      headerText(one)
        .replace(/[\r\n]/g, " ")
        .replace(/[ \t]+/g, " ")
        .trim(),
    )
    .join(",");
}

/** Parses a `SignedHeaders` list ("host;x-amz-date"): lower-case names, as listed. */
export function parseSignedHeaders(list: string): string[] {
  return list.split(";").map((name) => name.trim().toLowerCase());
}

/**
 * Signed header names that are absent from the request. A signature cannot cover a header that was
 * not sent; S3 answers such requests with SignatureDoesNotMatch.
 */
export function missingSignedHeaders(headers: Headers, signedHeaders: readonly string[]): string[] {
  return signedHeaders.filter((name) => headers[name] === undefined);
}

/** Every `x-amz-*` header the request carries that the signature does not cover (S3 refuses these). */
export function unsignedAmzHeaders(headers: Headers, signedHeaders: readonly string[]): string[] {
  const signed = new Set(signedHeaders);
  return (
    Object.keys(headers)
      .map((name) => name.toLowerCase())
      // x-amz-content-sha256 is bound by the canonical request's last line even when not listed.
      .filter((name) => name.startsWith("x-amz-") && name !== "x-amz-content-sha256" && !signed.has(name))
      .filter((name) => headers[name] !== undefined)
      .sort()
  );
}

export interface CanonicalRequestParts {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  headers: Headers;
  signedHeaders: readonly string[];
  payloadHash: string;
}

/** The SigV4 canonical request: method, URI, query, headers, signed header list, payload hash. */
export function buildCanonicalRequest(parts: CanonicalRequestParts): string {
  const names = [...parts.signedHeaders].sort();
  const canonicalHeaders = names
    .map((name) => `${name}:${canonicalHeaderValue(parts.headers[name] ?? "")}\n`)
    .join("");
  return [
    parts.method.toUpperCase(),
    parts.canonicalUri,
    parts.canonicalQuery,
    canonicalHeaders,
    names.join(";"),
    parts.payloadHash,
  ].join("\n");
}
