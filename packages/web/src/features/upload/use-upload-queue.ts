import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { PhotoScope } from "../../api/api-client.js";
import type { Photo } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import { waitUntilProcessed } from "./photo-status-watch.js";
import { transferWithTicket } from "./presigned-transfer.js";
import { type UploadItem, UploadQueue } from "./upload-queue.js";

/**
 * An upload queue for one page, wired to the API (tickets, long-poll status, retry) and to direct
 * transfers to the object store. It lives as long as the page; leaving stops what is still moving.
 */
export function useUploadQueue(
  scope: PhotoScope,
  onSettled: (photo: Photo) => void,
): { queue: UploadQueue; items: readonly UploadItem[] } {
  const { api, limits } = useServices();
  const settled = useRef(onSettled);
  settled.current = onSettled;
  const scopeKey = scope.kind === "event" ? scope.eventId : "library";

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new scope (another event) gets a new queue
  const queue = useMemo(
    () =>
      new UploadQueue(
        {
          initiate: (file, contentType, details, signal) =>
            api.initiateUpload(
              scope,
              { filename: file.name, contentType, size: file.size, ...details },
              signal,
            ),
          transfer: transferWithTicket,
          waitUntilProcessed: (photoId, signal, watch) =>
            waitUntilProcessed((id, wait, s) => api.getPhoto(id, wait, s), photoId, signal, {
              onConnection: watch.onConnection,
            }),
          retryProcessing: async (photoId) => void (await api.retryPhoto(photoId)),
          discard: (photoId) => api.deletePhoto(photoId),
        },
        { limits, onSettled: (photo) => settled.current(photo) },
      ),
    [scopeKey, api, limits],
  );
  useEffect(() => () => queue.dispose(), [queue]);

  const items = useSyncExternalStore(
    (listener) => queue.subscribe(listener),
    () => queue.snapshot(),
  );
  return { queue, items };
}
