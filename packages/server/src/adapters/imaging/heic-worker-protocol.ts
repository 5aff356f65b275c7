/** Messages between `HeicDecoder` and `heic-decode.worker.ts`. */
export interface HeicWorkerRequest {
  id: number;
  bytes: Uint8Array;
  maxPixels: number;
}

export type HeicWorkerReply =
  | { id: number; width: number; height: number; data: Uint8Array }
  /** An `ImageRejectedError` in the worker: the reason is for the owner. */
  | { id: number; rejected: string }
  /** Anything else: a bug or an environment problem, not the photo's fault. */
  | { id: number; failed: string };
