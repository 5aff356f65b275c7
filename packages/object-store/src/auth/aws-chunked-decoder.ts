import { createHash, type Hash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { S3Error } from "../errors.js";
import { ChunkSignatureChain } from "./chunk-signature-chain.js";
import { LineReader, malformedFraming } from "./line-reader.js";
import { TrailerCollector } from "./trailer-collector.js";
import type { PayloadExpectation } from "./types.js";

/** Chunks larger than this are refused; SDKs send 64 KiB (signed) or their stream's chunk size. */
export const DEFAULT_MAX_CHUNK_BYTES = 8 * 1024 * 1024;
const MAX_LINE_BYTES = 4096;

export type AwsChunkedExpectation = Extract<PayloadExpectation, { kind: "aws-chunked" }>;

/** A Transform that turns an aws-chunked body into the object's bytes, verifying as it goes. */
export interface AwsChunkedDecoder extends Transform {
  /** Resolves after the stream ends, with the trailing headers (lower-case names), e.g. {"x-amz-checksum-crc32": "…"}. */
  readonly trailers: Promise<Record<string, string>>;
}

type Phase = "size-line" | "data" | "data-crlf" | "final-crlf" | "trailers" | "done";

const SIGNED_SIZE_LINE = /^([0-9a-fA-F]{1,8});chunk-signature=([0-9a-f]{64})$/;
const UNSIGNED_SIZE_LINE = /^([0-9a-fA-F]{1,8})$/;

function signatureMismatch(): S3Error {
  return new S3Error(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  );
}

function incompleteBody(): S3Error {
  return new S3Error(
    "IncompleteBody",
    "You did not provide the number of bytes specified by the Content-Length HTTP header",
  );
}

class AwsChunkedDecoderStream extends Transform implements AwsChunkedDecoder {
  readonly trailers: Promise<Record<string, string>>;
  #resolveTrailers!: (trailers: Record<string, string>) => void;
  #rejectTrailers!: (error: Error) => void;

  readonly #expectation: AwsChunkedExpectation;
  readonly #maxChunkBytes: number;
  readonly #chain: ChunkSignatureChain | undefined;
  readonly #lines = new LineReader(MAX_LINE_BYTES);
  readonly #trailerCollector: TrailerCollector;
  #phase: Phase = "size-line";
  #remaining = 0;
  #crlfSeen = 0;
  #chunkHash: Hash | undefined;
  #chunkSignature = "";
  #produced = 0;

  constructor(expectation: AwsChunkedExpectation, maxChunkBytes: number) {
    super();
    this.#expectation = expectation;
    this.#maxChunkBytes = maxChunkBytes;
    this.#chain = expectation.signed ? new ChunkSignatureChain(expectation.context) : undefined;
    this.#trailerCollector = new TrailerCollector(expectation.context.declaredTrailers, this.#chain);
    this.trailers = new Promise((resolve, reject) => {
      this.#resolveTrailers = resolve;
      this.#rejectTrailers = reject;
    });
    // The stream's own 'error' event reports failures; nobody has to await `trailers` to avoid an unhandled rejection.
    this.trailers.catch(() => undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      let offset = 0;
      while (offset < chunk.length) offset = this.#step(chunk, offset);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    const declared = this.#expectation.decodedLength;
    if (this.#phase !== "done" || (declared !== undefined && declared !== this.#produced)) {
      callback(incompleteBody());
      return;
    }
    this.#resolveTrailers(this.#trailerCollector.values());
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#rejectTrailers(error ?? incompleteBody());
    callback(error);
  }

  /** Consumes bytes of the current phase; returns the offset of the first byte not consumed. */
  #step(buffer: Buffer, offset: number): number {
    switch (this.#phase) {
      case "size-line": {
        const { line, next } = this.#lines.read(buffer, offset);
        if (line !== undefined) this.#startChunk(line);
        return next;
      }
      case "data":
        return this.#passData(buffer, offset);
      case "data-crlf":
      case "final-crlf":
        return this.#expectCrlf(buffer, offset);
      case "trailers": {
        const { line, next } = this.#lines.read(buffer, offset);
        if (line !== undefined && this.#trailerCollector.accept(line)) this.#phase = "done";
        return next;
      }
      case "done":
        throw malformedFraming("data follows the final chunk");
    }
  }

  #startChunk(line: string): void {
    const match = (this.#chain ? SIGNED_SIZE_LINE : UNSIGNED_SIZE_LINE).exec(line);
    if (!match) {
      if (this.#chain && UNSIGNED_SIZE_LINE.test(line)) throw signatureMismatch();
      throw malformedFraming(`bad chunk header "${line.slice(0, 120)}"`);
    }
    const size = Number.parseInt(match[1]!, 16);
    if (size > this.#maxChunkBytes) {
      throw malformedFraming(`a chunk of ${size} bytes exceeds the ${this.#maxChunkBytes}-byte limit`);
    }
    this.#chunkSignature = match[2] ?? "";
    this.#chunkHash = this.#chain ? createHash("sha256") : undefined;
    this.#remaining = size;
    if (size === 0) {
      this.#endChunk();
      this.#phase = this.#expectation.trailer ? "trailers" : "final-crlf";
    } else {
      this.#phase = "data";
    }
  }

  #passData(buffer: Buffer, offset: number): number {
    const take = Math.min(this.#remaining, buffer.length - offset);
    const data = buffer.subarray(offset, offset + take);
    this.#chunkHash?.update(data);
    this.#produced += take;
    const declared = this.#expectation.decodedLength;
    if (declared !== undefined && this.#produced > declared) throw incompleteBody();
    this.push(data);
    this.#remaining -= take;
    if (this.#remaining === 0) this.#phase = "data-crlf";
    return offset + take;
  }

  #expectCrlf(buffer: Buffer, offset: number): number {
    let at = offset;
    while (at < buffer.length && this.#crlfSeen < 2) {
      if (buffer[at] !== (this.#crlfSeen === 0 ? 0x0d : 0x0a)) {
        throw malformedFraming("chunk data is not followed by CRLF (chunk size and data disagree)");
      }
      this.#crlfSeen++;
      at++;
    }
    if (this.#crlfSeen === 2) {
      this.#crlfSeen = 0;
      if (this.#phase === "data-crlf") {
        this.#endChunk();
        this.#phase = "size-line";
      } else {
        this.#phase = "done";
      }
    }
    return at;
  }

  /** Verifies the chunk just read against the signature chain (signed bodies only). */
  #endChunk(): void {
    if (!this.#chain || !this.#chunkHash) return;
    const digest = this.#chunkHash.digest("hex");
    this.#chunkHash = undefined;
    if (!this.#chain.verifyChunk(digest, this.#chunkSignature)) throw signatureMismatch();
  }
}

/**
 * Creates a decoder for an aws-chunked request body (`STREAMING-*` x-amz-content-sha256 values).
 * It emits the object's bytes as they arrive, verifies each chunk's signature in the chain (signed
 * bodies), the trailer signature, the framing and `x-amz-decoded-content-length`, and fails the
 * stream with an `S3Error` otherwise. Bytes are emitted before the end of the body is known to be
 * valid: commit the object only once the stream has finished without error. Memory stays bounded by
 * a header line; chunks are never buffered.
 *
 * @example
 *   const decoder = createAwsChunkedDecoder(auth.payload);
 *   await pipeline(req, decoder, fs.createWriteStream(tmp));
 *   const { "x-amz-checksum-crc32": crc } = await decoder.trailers;
 */
export function createAwsChunkedDecoder(
  expectation: AwsChunkedExpectation,
  options: { maxChunkBytes?: number } = {},
): AwsChunkedDecoder {
  return new AwsChunkedDecoderStream(expectation, options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES);
}
