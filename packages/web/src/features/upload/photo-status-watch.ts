import { NetworkError, ServerError } from "../../api/api-errors.js";
import type { Photo } from "../../api/api-types.js";

export type GetPhoto = (
  photoId: string,
  waitWhilePendingSeconds: number,
  signal: AbortSignal,
) => Promise<Photo>;

export interface WatchOptions {
  /** How long each long poll may wait on the server (it allows up to 25 s). */
  waitSeconds?: number;
  /** Pause after a network or server failure before asking again. */
  retryDelayMs?: number;
}

/**
 * Follows a photo until the pipeline has decided (it leaves `pending`), one long poll after another, so
 * the answer arrives the moment it changes without polling on a timer. Network blips are retried.
 */
export async function waitUntilProcessed(
  getPhoto: GetPhoto,
  photoId: string,
  signal: AbortSignal,
  options: WatchOptions = {},
): Promise<Photo> {
  const waitSeconds = options.waitSeconds ?? 20;
  for (;;) {
    signal.throwIfAborted();
    try {
      const photo = await getPhoto(photoId, waitSeconds, signal);
      if (photo.status !== "pending") return photo;
    } catch (error) {
      if (!(error instanceof NetworkError || error instanceof ServerError)) throw error;
      await sleep(options.retryDelayMs ?? 2000, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
