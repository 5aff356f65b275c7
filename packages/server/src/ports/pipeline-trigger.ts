/**
 * What the pipeline is asked to process: an object under `uploads/`, and the version the request was
 * about (absent when any current version will do). Made from an S3 ObjectCreated notification
 * (`adapters/s3/s3-notifications.ts`) or by an owner's retry; one name on both hosts and in both queues.
 */
export interface PipelineJob {
  key: string;
  etag?: string;
  /** Bytes, as the S3 notification reported them (retries carry none). */
  size?: number;
}

/**
 * Queues a photo for the pipeline outside of an S3 notification — an owner's retry of a failed photo. Embedded:
 * a job in the SQLite queue (with a fresh dedupe key, so it is not mistaken for the original event); AWS:
 * a message on the pipeline's SQS queue. Delivery is at least once, like the events themselves.
 */
export interface PipelineTrigger {
  enqueue(job: PipelineJob): Promise<void>;
}
