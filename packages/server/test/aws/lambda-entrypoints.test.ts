import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createAwsFoundation } from "../../src/composition/aws-foundation.js";
import { loadConfig } from "../../src/config/load-config.js";
import { httpApiEvent, lambdaContext, sqsEvent } from "../support/aws/lambda-events.js";

/** What the CDK stack sets on the functions (names as in `config/env.schema.ts`). */
const functionEnvironment = {
  SHOEBOX_HOST_KIND: "aws",
  SHOEBOX_REGION: "eu-west-1",
  SHOEBOX_BUCKET: "shoebox-photos-123456789012",
  SHOEBOX_TABLE_NAME: "shoebox",
  SHOEBOX_PUBLIC_URL: "https://d111111abcdef8.cloudfront.net",
  SHOEBOX_COGNITO_USER_POOL_ID: "eu-west-1_AbC123",
  SHOEBOX_COGNITO_CLIENT_ID: "client123",
  SHOEBOX_LOG_LEVEL: "error",
};

/**
 * The entrypoint modules as Lambda loads them: configuration from the environment, nothing overridden.
 * Only requests that need no AWS call are made (this machine has no account); the walk through real
 * stand-ins is `aws-host.e2e.test.ts`.
 */
describe("Lambda entrypoints, loaded from the environment as on AWS", () => {
  before(() => {
    Object.assign(process.env, functionEnvironment);
  });

  it("api.ts answers through API Gateway v2 events, refusing a request without a token", async () => {
    const { handler } = await import("../../src/entrypoints/lambda/api.js");
    const anonymous = await handler(httpApiEvent({ method: "GET", path: "/api/me" }), lambdaContext("api"));
    assert.ok(typeof anonymous === "object");
    assert.equal(anonymous.statusCode, 401);
    const spec = await handler(
      httpApiEvent({ method: "GET", path: "/api/openapi.json" }),
      lambdaContext("api"),
    );
    assert.ok(typeof spec === "object");
    assert.equal(spec.statusCode, 200);
    assert.equal(
      JSON.parse(spec.body ?? "{}").servers?.[0]?.url,
      "https://d111111abcdef8.cloudfront.net/api",
    );
  });

  it("pipeline.ts ignores S3's test event and reports an unreadable message as a batch item failure", async () => {
    const { handler } = await import("../../src/entrypoints/lambda/pipeline.js");
    const event = sqsEvent([
      { body: JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent", Bucket: "shoebox-photos" }) },
      { body: "garbage" },
    ]);
    assert.deepEqual(await handler(event), {
      batchItemFailures: [{ itemIdentifier: event.Records[1]!.messageId }],
    });
  });

  it("reconcile.ts loads and exports its handler", async () => {
    const { handler } = await import("../../src/entrypoints/lambda/reconcile.js");
    assert.equal(typeof handler, "function");
  });

  it("refuses to build the AWS host from the embedded host's configuration", () => {
    assert.throws(() => createAwsFoundation(loadConfig({})), /SHOEBOX_HOST_KIND=aws/);
  });
});
