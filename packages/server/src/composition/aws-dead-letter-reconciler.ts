import { SqsDeadLetterSource } from "../adapters/sqs/sqs-dead-letter-source.js";
import { pipelineJobsOf } from "../entrypoints/lambda/handlers/pipeline-message.js";
import { DeadLetterReconciler } from "../services/reconcile/dead-letter-reconciler.js";
import type { AwsFoundation } from "./aws-foundation.js";

/** The reconciler's second sweep on Lambda, when `SHOEBOX_PIPELINE_DEAD_LETTER_QUEUE_URL` is set. */
export function createAwsDeadLetterReconciler({
  aws,
  region,
  clients,
  endpoints,
  photos,
  clock,
  logger,
}: AwsFoundation): DeadLetterReconciler | undefined {
  if (aws.pipelineDeadLetterQueueUrl === undefined) return undefined;
  const deadLetters = new SqsDeadLetterSource({
    queueUrl: aws.pipelineDeadLetterQueueUrl,
    region,
    jobsOf: pipelineJobsOf,
    credentials: clients.credentials,
    ...(endpoints.sqs ? { endpoint: endpoints.sqs } : {}),
  });
  return new DeadLetterReconciler({ deadLetters, photos, clock, logger });
}
