import { createAwsApi } from "../../composition/aws-api.js";
import { createAwsFoundation } from "../../composition/aws-foundation.js";
import { loadConfig } from "../../config/load-config.js";
import { createApiHandler } from "./handlers/api-handler.js";

/**
 * API Gateway HTTP API (payload 2.0) → the Hono app. Built once per cold start, during Lambda's init
 * (top-level await: the share-grant secret is read from SSM before the first request).
 */
export const handler = createApiHandler(await createAwsApi(createAwsFoundation(loadConfig())));
