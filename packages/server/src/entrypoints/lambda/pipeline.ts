import { createAwsFoundation } from "../../composition/aws-foundation.js";
import { createAwsPipeline } from "../../composition/aws-pipeline.js";
import { loadConfig } from "../../config/load-config.js";
import { createPipelineHandler } from "./handlers/pipeline-handler.js";

const foundation = createAwsFoundation(loadConfig());

/** SQS batches (S3 ObjectCreated messages and retries) → the pipeline, with partial batch failures. */
export const handler = createPipelineHandler({
  pipeline: createAwsPipeline(foundation).pipeline,
  logger: foundation.logger,
  maxReceiveCount: foundation.aws.maxReceiveCount,
});
