import type { PipelineJob } from "../../ports/pipeline-trigger.js";

/**
 * The fields of an S3 notification record (eventVersion 2.1) that Shoebox reads. AWS S3 sends it to
 * the pipeline's SQS queue; the embedded S3 endpoint (`@shoebox/object-store`) hands the same JSON to its
 * subscribers. Typed here, from S3's documented format, so neither host depends on the other's code.
 */
export interface S3NotificationRecord {
  eventName: string;
  s3: {
    bucket: { name: string };
    object: { key: string; size?: number; eTag?: string; sequencer?: string };
  };
}

/** An S3 notification message: what one SQS body (or one embedded delivery) carries. */
export interface S3NotificationMessage {
  Records: S3NotificationRecord[];
}

/** Whether the record says an object was written (PUT, POST, multipart, copy). */
export function isObjectCreated(record: S3NotificationRecord): boolean {
  return record.eventName.startsWith("ObjectCreated:");
}

/**
 * The pipeline job for an ObjectCreated record. S3 notification keys are URL-encoded with `+` for spaces (as in a
 * form), unlike anywhere else in S3.
 */
export function pipelineJobOf(record: S3NotificationRecord): PipelineJob {
  const { object } = record.s3;
  return {
    key: decodeURIComponent(object.key.replace(/\+/g, " ")),
    size: object.size ?? 0,
    etag: object.eTag ?? "",
  };
}

/** The pipeline jobs in one notification message: one per ObjectCreated record, others ignored. */
export function pipelineJobsOfMessage(message: S3NotificationMessage): PipelineJob[] {
  return message.Records.filter(isObjectCreated).map(pipelineJobOf);
}

/**
 * What makes a delivery of this record the same notification as another: bucket, key and sequencer.
 * Stores deliver at least once; a queue that dedupes on this runs each upload once.
 */
export function notificationIdentityOf(record: S3NotificationRecord): string {
  const { bucket, object } = record.s3;
  return `${bucket.name}/${object.key}#${object.sequencer ?? ""}`;
}
