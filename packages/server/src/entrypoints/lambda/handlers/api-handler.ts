import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { handle } from "hono/aws-lambda";
import type { ApiApp } from "../../../http/app-env.js";

/** The API's Lambda handler for API Gateway HTTP API (payload format 2.0) events. */
export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

/**
 * The Hono app behind API Gateway's HTTP API, payload format 2.0: hono's adapter turns the event into a
 * `Request` (decoding base64 bodies, so the one-step photo upload arrives byte for byte) and the
 * `Response` back into a result (binary bodies base64-encoded).
 */
export function createApiHandler(app: ApiApp): ApiHandler {
  return handle(app) as unknown as ApiHandler;
}
