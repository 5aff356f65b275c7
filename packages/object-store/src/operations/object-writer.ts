import type { ObjectAttributes, ObjectRecord, StoredChecksums, WriteConditions } from "../catalog/records.js";
import type { BucketConfig } from "../config.js";
import { buildEventMessages } from "../events/event-builder.js";
import type { S3EventName } from "../events/event-types.js";
import type { RequestContext } from "../http/request-context.js";
import type { IngestedBody } from "../storage/ingest.js";
import type { StoreDeps } from "../store-deps.js";

/** A verified body (temp file) and everything to record with it. */
export interface NewObject {
  bucket: BucketConfig;
  key: string;
  body: IngestedBody;
  etag: string;
  attributes: ObjectAttributes;
  checksums: StoredChecksums;
  partsCount?: number;
  /** Who wrote it (the access key id), for the event's userIdentity. */
  principalId: string;
  /** Set when the object completes a multipart upload: the upload and its parts go in the same transaction. */
  completesUpload?: string;
}

/**
 * Makes a verified body the current object of its key: the temp file becomes a blob, then one catalog
 * transaction checks `conditions`, records the object and journals its events. The replaced blob is
 * deleted once the response is done (a GET already streaming it keeps its open file).
 */
export async function commitNewObject(
  deps: StoreDeps,
  ctx: RequestContext,
  object: NewObject,
  conditions: WriteConditions,
  eventName: S3EventName,
): Promise<ObjectRecord> {
  const blobId = await deps.blobs.commit(object.body.temp);
  const now = deps.now();
  const record: ObjectRecord = {
    ...object.attributes,
    bucket: object.bucket.name,
    key: object.key,
    blobId,
    size: object.body.size,
    etag: object.etag,
    checksums: object.checksums,
    lastModified: now,
    ...(object.partsCount !== undefined ? { partsCount: object.partsCount } : {}),
  };
  const events = (sequencer: string) =>
    buildEventMessages(
      object.bucket.notifications ?? [],
      {
        eventName,
        region: deps.region,
        bucket: record.bucket,
        key: record.key,
        size: record.size,
        etag: record.etag,
        eventTime: now,
        principalId: object.principalId,
        sourceIp: ctx.sourceIp,
        requestId: ctx.requestId,
        hostId: ctx.hostId,
      },
      sequencer,
    );
  let staleBlobIds: string[];
  try {
    if (object.completesUpload !== undefined) {
      const forgetBefore = new Date(now.getTime() - deps.completedUploadRetentionMs);
      ({ staleBlobIds } = deps.catalog.completeUpload(
        object.completesUpload,
        record,
        conditions,
        events,
        forgetBefore,
      ));
    } else {
      const { replacedBlobId } = deps.catalog.commitObject(record, conditions, events);
      staleBlobIds = replacedBlobId === undefined ? [] : [replacedBlobId];
    }
  } catch (error) {
    await deps.blobs.remove(blobId);
    throw error;
  }
  deps.events.wake();
  if (staleBlobIds.length > 0) removeAfterResponse(deps, ctx, staleBlobIds);
  return record;
}

/** Deletes blobs once the response has been sent (or the connection dropped). */
export function removeAfterResponse(deps: StoreDeps, ctx: RequestContext, blobIds: string[]): void {
  ctx.res.once("close", () => {
    for (const id of blobIds) void deps.blobs.remove(id);
  });
}

/** The checksum headers a write answers with. */
export function checksumHeaders(checksums: StoredChecksums): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [algorithm, value] of Object.entries(checksums)) {
    if (value !== undefined) headers[`x-amz-checksum-${algorithm.toLowerCase()}`] = value;
  }
  return headers;
}
