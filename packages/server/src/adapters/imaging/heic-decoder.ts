import { decodeHeicPixels, type RgbaImage } from "./heic-pixels.js";
import { HeicWorkerClient } from "./heic-worker-client.js";

export type { RgbaImage } from "./heic-pixels.js";

export interface HeicDecoderOptions {
  maxPixels: number;
  /**
   * Decode in a worker thread (default) so the event loop keeps serving; `false` decodes on the calling thread,
   * for hosts that handle one photo per process (Lambda) or bundle without worker files.
   */
  inWorker?: boolean;
}

/**
 * Decodes HEVC-coded HEIC (what phones write), which sharp's prebuilt libvips cannot. Each result is kept per
 * input buffer while that buffer lives, so `analyze` then `renderVariants` on the same bytes decode once.
 */
export class HeicDecoder {
  private readonly decoded = new WeakMap<Buffer, Promise<RgbaImage>>();
  private readonly worker: HeicWorkerClient | undefined;

  constructor(private readonly options: HeicDecoderOptions) {
    this.worker = options.inWorker === false ? undefined : new HeicWorkerClient();
  }

  decode(bytes: Buffer): Promise<RgbaImage> {
    let pending = this.decoded.get(bytes);
    if (!pending) {
      pending = this.worker
        ? this.worker.decode(bytes, this.options.maxPixels)
        : decodeHeicPixels(bytes, this.options.maxPixels);
      this.decoded.set(bytes, pending);
      // A failure is not worth remembering; the caller gets it and the next call may try again.
      pending.catch(() => this.decoded.delete(bytes));
    }
    return pending;
  }

  /** Stops the worker thread, if one was started; a later decode starts a new one. */
  close(): Promise<void> {
    return this.worker?.close() ?? Promise.resolve();
  }
}
