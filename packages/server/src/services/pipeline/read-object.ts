import type { Readable } from "node:stream";
import { ImageRejectedError } from "../../domain/errors.js";

/**
 * Collects an object's bytes, refusing (and stopping the download) past `maxBytes`: the declared size on
 * the ticket is enforced by the store, but a store we do not run (or a policy changed since) may differ.
 */
export async function readAtMost(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new ImageRejectedError(`The file is larger than ${maxBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}
