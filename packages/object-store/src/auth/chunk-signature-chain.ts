import { EMPTY_SHA256, sha256Hex, signaturesEqual, signHex } from "./signing-key.js";
import type { ChunkContext } from "./types.js";

/** String to sign for one aws-chunked data chunk (the final, empty chunk included). */
export function chunkStringToSign(
  context: ChunkContext,
  previousSignature: string,
  chunkSha256Hex: string,
): string {
  return [
    "AWS4-HMAC-SHA256-PAYLOAD",
    context.amzDate,
    context.scope,
    previousSignature,
    EMPTY_SHA256,
    chunkSha256Hex,
  ].join("\n");
}

/** String to sign for the trailing headers, given their canonical form ("name:value\n" each). */
export function trailerStringToSign(
  context: ChunkContext,
  previousSignature: string,
  canonicalTrailers: string,
): string {
  return [
    "AWS4-HMAC-SHA256-TRAILER",
    context.amzDate,
    context.scope,
    previousSignature,
    sha256Hex(canonicalTrailers),
  ].join("\n");
}

/**
 * The chain of chunk signatures of one signed aws-chunked body: each chunk's signature covers its
 * bytes and the previous signature (the request's own signature for the first chunk), so chunks
 * can be neither altered, dropped nor reordered.
 */
export class ChunkSignatureChain {
  #previous: string;

  constructor(private readonly context: ChunkContext) {
    this.#previous = context.seedSignature;
  }

  /** Checks the next chunk's signature; the chain advances only when it matches. */
  verifyChunk(chunkSha256Hex: string, providedSignature: string): boolean {
    const expected = signHex(
      this.context.signingKey,
      chunkStringToSign(this.context, this.#previous, chunkSha256Hex),
    );
    if (!signaturesEqual(expected, providedSignature)) return false;
    this.#previous = expected;
    return true;
  }

  /** Checks the trailer signature, which chains from the final (empty) chunk's signature. */
  verifyTrailer(canonicalTrailers: string, providedSignature: string): boolean {
    const expected = signHex(
      this.context.signingKey,
      trailerStringToSign(this.context, this.#previous, canonicalTrailers),
    );
    return signaturesEqual(expected, providedSignature);
  }
}
