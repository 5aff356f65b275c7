import { buildEventMessages } from "../events/event-builder.js";
import type { ObjectRequest } from "../http/request-context.js";
import { sendEmpty } from "../http/responses.js";
import type { StoreDeps } from "../store-deps.js";
import { removeAfterResponse } from "./object-writer.js";

/**
 * DeleteObject: 204 whether or not the key existed (as S3). An ObjectRemoved:Delete event is journaled
 * only when an object was actually removed.
 */
export function deleteObject(deps: StoreDeps, ctx: ObjectRequest): void {
  const removed = deps.catalog.deleteObject(ctx.bucket.name, ctx.key, (sequencer) =>
    buildEventMessages(
      ctx.bucket.notifications ?? [],
      {
        eventName: "ObjectRemoved:Delete",
        region: deps.region,
        bucket: ctx.bucket.name,
        key: ctx.key,
        eventTime: deps.now(),
        principalId: ctx.auth.accessKeyId,
        sourceIp: ctx.sourceIp,
        requestId: ctx.requestId,
        hostId: ctx.hostId,
      },
      sequencer,
    ),
  );
  if (removed) {
    deps.events.wake();
    removeAfterResponse(deps, ctx, [removed.blobId]);
  }
  sendEmpty(ctx, 204);
}
