import { S3Error } from "../errors.js";

/**
 * Collects one CRLF-terminated line that may arrive split over any number of reads.
 * Lines of aws-chunked framing are short; anything longer than `maxBytes` is refused.
 */
export class LineReader {
  #parts: Buffer[] = [];
  #length = 0;

  constructor(private readonly maxBytes: number) {}

  /**
   * Consumes bytes from `buffer` at `offset` up to and including the next LF.
   * @returns the completed line without its CRLF (latin1), or `undefined` if more bytes are needed; and the next offset
   */
  read(buffer: Buffer, offset: number): { line: string | undefined; next: number } {
    const newline = buffer.indexOf(0x0a, offset);
    const end = newline < 0 ? buffer.length : newline;
    this.#parts.push(buffer.subarray(offset, end));
    this.#length += end - offset;
    if (this.#length > this.maxBytes) throw malformedFraming("a chunk header or trailer line is too long");
    if (newline < 0) return { line: undefined, next: buffer.length };
    const bytes = Buffer.concat(this.#parts, this.#length);
    this.#parts = [];
    this.#length = 0;
    if (bytes.at(-1) !== 0x0d)
      throw malformedFraming("a line of the aws-chunked framing does not end with CRLF");
    return { line: bytes.subarray(0, -1).toString("latin1"), next: newline + 1 };
  }
}

/** The error for a body that does not follow the aws-chunked format. */
export function malformedFraming(detail: string): S3Error {
  return new S3Error("InvalidRequest", `Invalid aws-chunked request body: ${detail}.`);
}
