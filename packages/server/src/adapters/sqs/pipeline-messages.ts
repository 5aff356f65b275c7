import type { PipelineJob } from "../../ports/pipeline-trigger.js";

/** Marks a retry on the pipeline queue, where every other message is an S3 notification. */
const RETRY_KIND = "shoebox.pipeline-retry";

/** The SQS body of a retry: the job, tagged so it cannot be mistaken for an S3 message. */
export function retryMessageBody(job: PipelineJob): string {
  return JSON.stringify({ kind: RETRY_KIND, job: { key: job.key, ...(job.etag ? { etag: job.etag } : {}) } });
}

/** The job in a retry message body (already parsed), or `undefined` when it is not one. */
export function retryJobOf(message: unknown): PipelineJob | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const { kind, job } = message as { kind?: unknown; job?: { key?: unknown; etag?: unknown } };
  if (kind !== RETRY_KIND || typeof job?.key !== "string") return undefined;
  return { key: job.key, ...(typeof job.etag === "string" ? { etag: job.etag } : {}) };
}
