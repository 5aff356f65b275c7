/**
 * Worker thread entry: decodes HEIC off the main thread, where a 12 MP photo would stall the event loop
 * (and every HTTP request of the embedded host) for over a second. Speaks `HeicWorkerRequest`/`HeicWorkerReply`.
 */
import { parentPort } from "node:worker_threads";
import { ImageRejectedError } from "../../domain/errors.js";
import { decodeHeicPixels } from "./heic-pixels.js";
import type { HeicWorkerReply, HeicWorkerRequest } from "./heic-worker-protocol.js";

const port = parentPort;
if (!port) throw new Error("heic-decode.worker must run in a worker thread");

port.on("message", async ({ id, bytes, maxPixels }: HeicWorkerRequest) => {
  let reply: HeicWorkerReply;
  try {
    const { width, height, data } = await decodeHeicPixels(bytes, maxPixels);
    // Transfer the pixels instead of copying 48 MB; copy first only if they share a larger buffer.
    const pixels = data.byteLength === data.buffer.byteLength ? data : data.slice();
    port.postMessage({ id, width, height, data: pixels } satisfies HeicWorkerReply, [
      pixels.buffer as ArrayBuffer,
    ]);
    return;
  } catch (error) {
    reply =
      error instanceof ImageRejectedError
        ? { id, rejected: error.reason }
        : { id, failed: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
