import type { AwsConfig, Config } from "../config/load-config.js";
import type { ApiApp } from "../http/app-env.js";
import type { Logger } from "../ports/logger.js";
import type { EventDeletionService } from "../services/events/event-deletion.service.js";
import type { PhotoPipelineService } from "../services/pipeline/photo-pipeline.service.js";
import type { PendingUploadReconciler } from "../services/reconcile/pending-upload-reconciler.js";
import { createAwsApi } from "./aws-api.js";
import { type AwsHostOverrides, createAwsFoundation } from "./aws-foundation.js";
import { createAwsPipeline } from "./aws-pipeline.js";
import { createAwsReconciler } from "./aws-reconciler.js";

export type { AwsHostOverrides } from "./aws-foundation.js";

export interface AwsHost {
  /** The HTTP API (`entrypoints/lambda/api.ts`). */
  app: ApiApp;
  /** The ObjectCreated handler (`entrypoints/lambda/pipeline.ts`). */
  pipeline: PhotoPipelineService;
  /** Event deletions, run by the same handler from messages on the pipeline's queue. */
  eventDeletions: EventDeletionService;
  /** The pending-upload sweep (`entrypoints/lambda/reconcile.ts`). */
  reconciler: PendingUploadReconciler;
  logger: Logger;
  aws: AwsConfig;
  /** Releases SDK sockets and the image worker (tests; a Lambda container is simply frozen). */
  close(): Promise<void>;
}

/**
 * Shoebox wired for AWS — the same services, HTTP app and pipeline as `startEmbeddedHost`, over AWS
 * adapters: DynamoDB, S3 with SSE, Cognito tokens through the same `JwtTokenVerifier`, Rekognition,
 * CloudFront signed URLs (private key from SSM, read on first use), retries through SQS, and sharing (its
 * grant secret read from SSM here when configured: the only I/O while building). Each Lambda entrypoint
 * builds only its own part (`createAwsApi`, `createAwsPipeline`, `createAwsReconciler` over
 * `createAwsFoundation`), so the API's bundle never loads sharp; this builds all three over one
 * foundation, for tests and for anyone running every part in one process.
 *
 * @throws Error when `config` is not for the AWS host (`SHOEBOX_HOST_KIND=aws` and its settings).
 */
export async function createAwsHost(config: Config, overrides: AwsHostOverrides = {}): Promise<AwsHost> {
  const foundation = createAwsFoundation(config, overrides);
  const app = await createAwsApi(foundation).catch((error: unknown) => {
    foundation.close();
    throw error;
  });
  const { pipeline, eventDeletions, close: closePipeline } = createAwsPipeline(foundation);
  return {
    app,
    pipeline,
    eventDeletions,
    reconciler: createAwsReconciler(foundation),
    logger: foundation.logger,
    aws: foundation.aws,
    async close() {
      await closePipeline();
      foundation.close();
    },
  };
}
