import { ImageRejectedError } from "../../domain/errors.js";
import type { PipelineStep } from "../../domain/photo.js";
import { stripControlCharacters } from "../../domain/text.js";

/** Longest failure reason kept on a photo: enough to say what went wrong, not a stack trace. */
const MAX_REASON = 300;

/**
 * A pipeline step failed for a reason other than the image itself (a store or repository outage, a
 * crashed labeler …): the queue retries the job. The step is data: the pipeline records it on the photo
 * (`failedStep`), where the dead-letter hook reads it. The message names it too (`[variants] …`) for logs.
 */
export class PipelineStepError extends Error {
  override readonly name = "PipelineStepError";

  constructor(
    readonly step: PipelineStep,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`[${step}] ${reason}`, options);
  }
}

/** A failure's reason as shown to the photo's owner: one line, no control characters, bounded. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = stripControlCharacters(message.replace(/\s+/g, " ")).trim();
  return (line.length > 0 ? line : "Unknown error").slice(0, MAX_REASON);
}

/**
 * Runs one pipeline step; any failure but the image's own (`ImageRejectedError`, which rejects the photo)
 * becomes a `PipelineStepError` naming the step.
 */
export async function step<T>(name: PipelineStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ImageRejectedError || error instanceof PipelineStepError) throw error;
    throw new PipelineStepError(name, failureReason(error), { cause: error });
  }
}
