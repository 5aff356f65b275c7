import { HttpError } from "./http-error.js";

/**
 * Reads a request body into memory, refusing it with 413 as soon as it exceeds `maxBytes`: up front when
 * `Content-Length` says so, otherwise while streaming — never after buffering an oversized body.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(
      413,
      "PAYLOAD_TOO_LARGE",
      `The upload is larger than ${maxBytes} bytes; request an upload ticket instead`,
    );
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, received);
}
