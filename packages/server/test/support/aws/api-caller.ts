import assert from "node:assert/strict";
import type { ApiHandler } from "../../../src/entrypoints/lambda/handlers/api-handler.js";
import { type HttpRequestFixture, httpApiEvent, lambdaContext } from "./lambda-events.js";

export interface ApiAnswer {
  status: number;
  /** Parsed JSON for JSON answers, text otherwise (HTML pages). */
  body: any;
  headers: Record<string, string | number | boolean>;
}

/**
 * Calls the API's Lambda handler as API Gateway would (an HTTP API v2 event), with an optional bearer
 * token, and decodes the result.
 */
export function apiCaller(handler: ApiHandler) {
  return async (request: HttpRequestFixture & { token?: string }): Promise<ApiAnswer> => {
    const { token, ...rest } = request;
    const result = await handler(
      httpApiEvent({
        ...rest,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...request.headers },
      }),
      lambdaContext("shoebox-api"),
    );
    assert.ok(typeof result === "object", "an HTTP API result object");
    const headers = result.headers ?? {};
    const text = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64").toString() : result.body;
    const isJson = String(headers["content-type"] ?? "").includes("json");
    return { status: result.statusCode ?? 200, body: isJson && text ? JSON.parse(text) : text, headers };
  };
}
