import { buildEventMessages } from "../events/event-builder.js";
import type { BucketRequest, ObjectRequest } from "../http/request-context.js";
import { sendEmpty } from "../http/responses.js";
import type { StoreDeps } from "../store-deps.js";
import { removeAfterResponse } from "./object-writer.js";

/**
 * DeleteObject: 204 whether or not the key existed (as S3). An ObjectRemoved:Delete event is journaled
 * only when an object was actually removed.
 */
export function deleteObject(deps: StoreDeps, ctx: ObjectRequest): void {
  const removedBlobId = removeObject(deps, ctx, ctx.key);
  if (removedBlobId !== undefined) removeAfterResponse(deps, ctx, [removedBlobId]);
  sendEmpty(ctx, 204);
}

/**
 * Removes `key` from the request's bucket in one catalog transaction that also journals its
 * ObjectRemoved:Delete events, as DeleteObject and every entry of DeleteObjects do. Returns the blob that
 * backed the object, for the caller to delete once its response is out (a GET already streaming it keeps
 * its open file); `undefined` when there was no such object, and then nothing is journaled.
 */
export function removeObject(deps: StoreDeps, ctx: BucketRequest, key: string): string | undefined {
  const removed = deps.catalog.deleteObject(ctx.bucket.name, key, (sequencer) =>
    buildEventMessages(
      ctx.bucket.notifications ?? [],
      {
        eventName: "ObjectRemoved:Delete",
        region: deps.region,
        bucket: ctx.bucket.name,
        key,
        eventTime: deps.now(),
        principalId: ctx.auth.accessKeyId,
        sourceIp: ctx.sourceIp,
        requestId: ctx.requestId,
        hostId: ctx.hostId,
      },
      sequencer,
    ),
  );
  if (!removed) return undefined;
  deps.events.wake();
  return removed.blobId;
}
