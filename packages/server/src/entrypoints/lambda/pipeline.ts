import { createAwsFoundation } from "../../composition/aws-foundation.js";
import { createAwsPipeline } from "../../composition/aws-pipeline.js";
import { loadConfig } from "../../config/load-config.js";
import { createPipelineHandler } from "./handlers/pipeline-handler.js";

const foundation = createAwsFoundation(loadConfig());

const { pipeline, eventDeletions } = createAwsPipeline(foundation);

/** SQS batches (S3 ObjectCreated messages, retries and event deletions) → the pipeline, with partial batch failures. */
export const handler = createPipelineHandler({
  pipeline,
  eventDeletions,
  logger: foundation.logger,
  maxReceiveCount: foundation.aws.maxReceiveCount,
});
