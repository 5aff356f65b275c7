import { NetworkError, ServerError } from "../../api/api-errors.js";
import type { Photo } from "../../api/api-types.js";

export type GetPhoto<T extends Pick<Photo, "status"> = Photo> = (
  photoId: string,
  waitWhilePendingSeconds: number,
  signal: AbortSignal,
) => Promise<T>;

export interface WatchOptions {
  /** How long each long poll may wait on the server (it allows up to 25 s). */
  waitSeconds?: number;
  /** Pause after a network or server failure before asking again. */
  retryDelayMs?: number;
  /** Told when the server stops answering (`false`) and when it answers again (`true`). */
  onConnection?: (online: boolean) => void;
}

/**
 * Follows a photo until the pipeline has decided (it leaves `pending`), one long poll after another, so
 * the answer arrives the moment it changes without polling on a timer. Network blips are retried.
 */
export async function waitUntilProcessed<T extends Pick<Photo, "status"> = Photo>(
  getPhoto: GetPhoto<T>,
  photoId: string,
  signal: AbortSignal,
  options: WatchOptions = {},
): Promise<T> {
  const waitSeconds = options.waitSeconds ?? 20;
  let offline = false;
  for (;;) {
    signal.throwIfAborted();
    try {
      const photo = await getPhoto(photoId, waitSeconds, signal);
      if (offline) {
        offline = false;
        options.onConnection?.(true);
      }
      if (photo.status !== "pending") return photo;
    } catch (error) {
      if (!(error instanceof NetworkError || error instanceof ServerError)) throw error;
      if (!offline) {
        offline = true;
        options.onConnection?.(false);
      }
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
