import { S3Error } from "../errors.js";
import { buildEventMessages } from "../events/event-builder.js";
import { type BucketRequest, type ObjectRequest, requestHeader } from "../http/request-context.js";
import { sendEmpty } from "../http/responses.js";
import type { StoreDeps } from "../store-deps.js";
import { removeAfterResponse } from "./object-writer.js";

/**
 * DeleteObject: 204 whether or not the key existed (as S3). An ObjectRemoved:Delete event is journaled
 * only when an object was actually removed.
 */
export function deleteObject(deps: StoreDeps, ctx: ObjectRequest): void {
  refuseConditionalDelete(ctx);
  const removedBlobId = removeObject(deps, ctx, ctx.key);
  if (removedBlobId !== undefined) removeAfterResponse(deps, ctx, [removedBlobId]);
  sendEmpty(ctx, 204);
}

/** Headers of a conditional DeleteObject, which this store does not evaluate. */
const DELETE_CONDITION_HEADERS = ["if-match", "x-amz-if-match-last-modified-time", "x-amz-if-match-size"];

/**
 * A conditional delete is refused, as DeleteObjects refuses its conditional entries: deleting anyway would
 * remove an object the client asked to keep unless it matched.
 */
function refuseConditionalDelete(ctx: ObjectRequest): void {
  const header = DELETE_CONDITION_HEADERS.find((name) => requestHeader(ctx, name) !== undefined);
  if (header === undefined) return;
  throw new S3Error("NotImplemented", "A header you provided implies functionality that is not implemented", {
    Header: header,
  });
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
