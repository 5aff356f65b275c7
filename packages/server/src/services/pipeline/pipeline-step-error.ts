import { ImageRejectedError } from "../../domain/errors.js";
import { PIPELINE_STEPS, type PipelineStep } from "../../domain/photo.js";
import { stripControlCharacters } from "../../domain/text.js";

/** Longest failure reason kept on a photo: enough to say what went wrong, not a stack trace. */
const MAX_REASON = 300;

/**
 * A pipeline step failed for a reason other than the image itself (a store or repository outage, a
 * crashed labeler …): the queue retries the job. Its message names the step (`[variants] …`), so whoever
 * holds only the queue's last error string can still tell the step (`failureFromLastError`).
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
 * The step and reason in a job queue's last-error string (`"PipelineStepError: [labels] model crashed"`),
 * for the dead-letter hook; `step` is absent when the error did not come from a step.
 */
export function failureFromLastError(lastError: string): { step?: PipelineStep; reason: string } {
  const match = /^PipelineStepError: \[([a-z]+)\] (.*)$/s.exec(lastError);
  const step = PIPELINE_STEPS.find((candidate) => candidate === match?.[1]);
  if (match && step) return { step, reason: failureReason(match[2]) };
  return { reason: failureReason(lastError) };
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

/** What the owner reads when processing their photo stopped the server on its last attempt. */
export const STOPPED_SERVER_REASON = "Processing this photo stopped the server repeatedly";

/**
 * The last-error string for `markFailed` when the job's attempts ended with the process stopping (a crash,
 * out of memory) rather than an error: it names the step the job was in, when the queue knew it.
 */
export function processStoppedError(lastStep: string | undefined): string {
  const known = PIPELINE_STEPS.find((candidate) => candidate === lastStep);
  return known === undefined
    ? STOPPED_SERVER_REASON
    : `${PipelineStepError.name}: ${new PipelineStepError(known, STOPPED_SERVER_REASON).message}`;
}
