import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, Context, SQSEvent, SQSRecord } from "aws-lambda";

export interface HttpRequestFixture {
  method: string;
  /** Path and optional query, e.g. `/api/photos?eventId=e1`. */
  path: string;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string; bytes are sent base64-encoded, as API Gateway does for binary bodies. */
  body?: unknown;
  /** The address API Gateway accepted the connection from (default 203.0.113.9). */
  sourceIp?: string;
}

/**
 * An API Gateway HTTP API event, payload format 2.0, as the service delivers it: header names lower-cased,
 * the query split off the path, binary bodies base64-encoded with `isBase64Encoded`.
 */
export function httpApiEvent(request: HttpRequestFixture): APIGatewayProxyEventV2 {
  const [rawPath = "/", rawQueryString = ""] = request.path.split("?");
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  let body: string | undefined;
  let isBase64Encoded = false;
  if (Buffer.isBuffer(request.body)) {
    body = request.body.toString("base64");
    isBase64Encoded = true;
  } else if (typeof request.body === "string") {
    body = request.body;
  } else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers["content-type"] ??= "application/json";
  }
  if (body !== undefined) {
    headers["content-length"] = String(
      isBase64Encoded ? Buffer.from(body, "base64").length : Buffer.byteLength(body),
    );
  }
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers: { host: "abc123.execute-api.eu-west-1.amazonaws.com", "x-forwarded-proto": "https", ...headers },
    ...(rawQueryString
      ? { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) }
      : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: "abc123.execute-api.eu-west-1.amazonaws.com",
      domainPrefix: "abc123",
      http: {
        method: request.method,
        path: rawPath,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp ?? "203.0.113.9",
        userAgent: "shoebox-tests",
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded,
  } as APIGatewayProxyEventV2;
}

/** A Lambda context with what handlers may read; nothing here depends on its values. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "2026/11/21/[$LATEST]0123456789abcdef",
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An SQS batch as the event source mapping delivers it; each body as given, each with its receive count. */
export function sqsEvent(messages: { body: string; receiveCount?: number }[]): SQSEvent {
  return {
    Records: messages.map(
      ({ body, receiveCount = 1 }): SQSRecord => ({
        messageId: randomUUID(),
        receiptHandle: `handle-${randomUUID()}`,
        body,
        attributes: {
          ApproximateReceiveCount: String(receiveCount),
          SentTimestamp: String(Date.now()),
          SenderId: "AIDAIENQZJOLO23YVJ4VO",
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: "",
        eventSource: "aws:sqs",
        eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:shoebox-pipeline",
        awsRegion: "eu-west-1",
      }),
    ),
  };
}
