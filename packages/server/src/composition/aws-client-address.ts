import type { Context } from "hono";
import type { ClientAddressOf } from "../http/client-address.js";

/** What hono's aws-lambda adapter passes as the app's bindings (`c.env`): the event's request context. */
interface LambdaBindings {
  requestContext?: { http?: { sourceIp?: string } };
}

/**
 * The client address on Lambda behind API Gateway's HTTP API (payload 2.0): `requestContext.http.sourceIp`,
 * which API Gateway sets from the connection it accepted — unlike `X-Forwarded-For`, a client cannot
 * choose it. Outside Lambda (a test calling `app.request`) there is no event: one shared bucket.
 */
export const lambdaClientAddress: ClientAddressOf = (c: Context) =>
  (c.env as LambdaBindings | undefined)?.requestContext?.http?.sourceIp ?? "unknown";
